using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node power</c>: the power library.</summary>
internal sealed class PowerCommands : Command
{
    public PowerCommands(ISessionSource sessions)
        : base("power", "The power library (行政权力库): import, list, show")
    {
        Subcommands.Add(new PowerImportCommand(sessions));
        Subcommands.Add(new PowerListCommand(sessions));
        Subcommands.Add(new PowerShowCommand(sessions));
    }
}
