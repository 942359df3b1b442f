using System.CommandLine;
using ExchangeNode.NodeAgent.Ledger;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node ledger</c>: verify the chains, rebuild the views.</summary>
internal sealed class LedgerCommands : Command
{
    public LedgerCommands(ISessionSource sessions)
        : base("ledger", "Check the hash chains, list the latest entries, rebuild the views from the ledger")
    {
        Subcommands.Add(new LedgerVerifyCommand(sessions));
        Subcommands.Add(new LedgerRebuildViewsCommand(sessions));
        Subcommands.Add(new LedgerListCommand(sessions));
    }
}
