using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

internal static class ExchangeNodeCommandLine
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("exchange-node: keeps a node's power library and case ledger.");
        return await root.Parse(args).InvokeAsync();
    }
}
