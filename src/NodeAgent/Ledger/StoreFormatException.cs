namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>The store was written in a form this version does not read (an earlier development layout).</summary>
internal sealed class StoreFormatException(string message) : Exception(message);
