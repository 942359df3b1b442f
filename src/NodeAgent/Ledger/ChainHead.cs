namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>The last entry held of one origin's chain.</summary>
internal sealed record ChainHead(string Origin, long Sequence, byte[] Hash, long LocalSequence, DateTime RecordedAt);
