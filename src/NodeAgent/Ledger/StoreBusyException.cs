namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>Another process (normally the running agent) holds the node's store.</summary>
internal sealed class StoreBusyException(string dataDirectory, Exception inner)
    : Exception($"The node store in {dataDirectory} is held by another process (is the agent running?).", inner)
{
    public string DataDirectory { get; } = dataDirectory;
}
