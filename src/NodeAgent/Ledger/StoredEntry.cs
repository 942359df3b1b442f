using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>A ledger entry as read back: its local position, the wire form and the parsed body.</summary>
internal sealed record StoredEntry(long LocalSequence, LedgerEntry Entry, EntryBody Body);
