using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node adapter</c>: the department systems bridged in.</summary>
internal sealed class AdapterCommands : Command
{
    public AdapterCommands(ISessionSource sessions)
        : base("adapter", "The adapters that bring in department systems: list them, run one now")
    {
        Subcommands.Add(new AdapterListCommand(sessions));
        Subcommands.Add(new AdapterRunCommand(sessions));
    }
}
