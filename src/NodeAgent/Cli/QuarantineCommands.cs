using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node quarantine</c>: records that were refused, with their reasons.</summary>
internal sealed class QuarantineCommands : Command
{
    public QuarantineCommands(ISessionSource sessions)
        : base("quarantine", "Records refused by validation, kept with source and reasons")
    {
        Subcommands.Add(new QuarantineListCommand(sessions));
        Subcommands.Add(new QuarantineRetryCommand(sessions));
        Subcommands.Add(new QuarantineDropCommand(sessions));
    }
}
