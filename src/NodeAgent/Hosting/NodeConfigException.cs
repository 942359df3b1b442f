namespace ExchangeNode.NodeAgent.Hosting;

/// <summary>The node's configuration is missing or wrong; the message names the file and key.</summary>
internal sealed class NodeConfigException(string message) : Exception(message);
