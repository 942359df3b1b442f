using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>An entry as the exchange reads it: its index fields and its wire form, body unparsed.</summary>
internal sealed record RawEntry(long LocalSequence, string Origin, long Sequence, string Jurisdiction, LedgerEntry Entry);
