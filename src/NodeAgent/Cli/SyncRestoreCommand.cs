using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node sync restore</c>: rebuilds this node's own chain from what the parent holds.</summary>
internal sealed class SyncRestoreCommand : Command
{
    private readonly Option<bool> _json = GlobalOptions.Json();

    public SyncRestoreCommand(ISessionSource sessions)
        : base("restore", "Take back from the parent every entry of this node's own chain that this store lacks (after a lost data file: init again with the same code and credential, then restore)")
    {
        Options.Add(_json);
        SetAction((parse, cancellationToken) => CommandRun.WithSessionAsync(parse, sessions, async (session, output) =>
        {
            var restored = await session.Parent.RestoreAsync(cancellationToken);
            var head = session.Ledger.HeadOf(session.Node.Code);
            var hash = head is null ? string.Empty : Convert.ToHexStringLower(head.Hash);
            if (parse.GetValue(_json))
            {
                JsonOutput.Write(output, new { restored, sequence = head?.Sequence ?? 0, head = hash });
            }
            else
            {
                output.WriteLine($"已从上级恢复 (restored from the parent): {restored} entries; own chain now ends at #{head?.Sequence ?? 0} {hash}");
                output.WriteLine("New entries continue after that sequence.");
            }

            return ExitCodes.Done;
        }));
    }
}
