using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary>Options every command takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "The node's data folder (default: $EXCHANGENODE_DATA, else ./data)",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Write output as JSON for scripts" };
}
