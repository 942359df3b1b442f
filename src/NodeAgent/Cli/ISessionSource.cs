using ExchangeNode.NodeAgent.Hosting;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary>Where a command gets its node: a store it opens itself, or the running agent's.</summary>
internal interface ISessionSource
{
    /// <summary>Opens the node in <paramref name="dataDirectory"/>; dispose the session when done.</summary>
    NodeSession Open(string dataDirectory);
}
