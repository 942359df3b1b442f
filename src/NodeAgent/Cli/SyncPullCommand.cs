using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node sync pull</c>: pulls what the parent opens to this node, now.</summary>
internal sealed class SyncPullCommand : Command
{
    private readonly Option<bool> _json = GlobalOptions.Json();

    public SyncPullCommand(ISessionSource sessions)
        : base("pull", "Pull, now, the data the parent holds that concerns this node's jurisdiction (Art. 28)")
    {
        Options.Add(_json);
        SetAction((parse, cancellationToken) => CommandRun.WithSessionAsync(parse, sessions, async (session, output) =>
        {
            var applied = await session.Parent.PullAsync(cancellationToken);
            if (parse.GetValue(_json))
            {
                JsonOutput.Write(output, new { applied, cursor = session.SyncState.PullCursor });
            }
            else
            {
                output.WriteLine($"已拉取 (pulled): {applied} new entries; cursor {session.SyncState.PullCursor}");
            }

            return ExitCodes.Done;
        }));
    }
}
