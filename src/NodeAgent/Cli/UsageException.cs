namespace ExchangeNode.NodeAgent.Cli;

/// <summary>The command was asked for something it cannot do as given; the message says what to do.</summary>
internal sealed class UsageException(string message) : Exception(message);
