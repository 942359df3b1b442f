using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node sync push</c>: pushes the feed to the parent now.</summary>
internal sealed class SyncPushCommand : Command
{
    private readonly Option<bool> _json = GlobalOptions.Json();

    public SyncPushCommand(ISessionSource sessions)
        : base("push", "Push this node's feed (its own entries and those relayed from below) to the parent now")
    {
        Options.Add(_json);
        SetAction((parse, cancellationToken) => CommandRun.WithSessionAsync(parse, sessions, async (session, output) =>
        {
            var report = await session.Parent.PushAsync(cancellationToken);
            if (parse.GetValue(_json))
            {
                JsonOutput.Write(output, report);
            }
            else
            {
                output.WriteLine($"已推送 (pushed): sent {report.Sent}, applied {report.Applied}, already held {report.AlreadyHeld}, taken back {report.Recovered}; backlog {report.Backlog}");
            }

            return ExitCodes.Done;
        }));
    }
}
