using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node case</c>: the case ledger.</summary>
internal sealed class CaseCommands : Command
{
    public CaseCommands(ISessionSource sessions)
        : base("case", "The case ledger (办件): import, list, show")
    {
        Subcommands.Add(new CaseImportCommand(sessions));
        Subcommands.Add(new CaseListCommand(sessions));
        Subcommands.Add(new CaseShowCommand(sessions));
    }
}
