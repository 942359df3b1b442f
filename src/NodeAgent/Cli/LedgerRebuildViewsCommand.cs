using System.CommandLine;
using ExchangeNode.NodeAgent.Ledger;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node ledger rebuild-views</c>: drops the views and derives them from the ledger alone.</summary>
internal sealed class LedgerRebuildViewsCommand : Command
{
    public LedgerRebuildViewsCommand(ISessionSource sessions)
        : base("rebuild-views", "Drop the power-library and case views and derive them again from the ledger alone")
    {
        SetAction((parse, cancellationToken) => Task.FromResult(CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var applied = ViewRebuilder.Rebuild(session.Ledger, cancellationToken);
            output.WriteLine($"视图已重建 (views rebuilt) from {applied} ledger entries.");
            return ExitCodes.Done;
        })));
    }
}
