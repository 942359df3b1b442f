namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>The first entry at which a chain does not hold, and why.</summary>
internal sealed record ChainProblem(long LocalSequence, string Origin, long OriginSequence, string Reason);
