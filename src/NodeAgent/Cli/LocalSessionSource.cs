using ExchangeNode.NodeAgent.Hosting;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary>Opens the node's store in this process, for as long as the command runs.</summary>
internal sealed class LocalSessionSource(TimeProvider time) : ISessionSource
{
    public NodeSession Open(string dataDirectory) => NodeSession.Open(dataDirectory, time);
}
