using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node child</c>: the children that push to this node.</summary>
internal sealed class ChildCommands : Command
{
    public ChildCommands(ISessionSource sessions)
        : base("child", "Register, list and remove the child nodes that report to this node")
    {
        Subcommands.Add(new ChildAddCommand(sessions));
        Subcommands.Add(new ChildListCommand(sessions));
        Subcommands.Add(new ChildRemoveCommand(sessions));
    }
}
