namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>An entry from elsewhere does not continue its origin's chain (invariant 3: refused, never silently accepted).</summary>
internal sealed class ChainBrokenException(string origin, long sequence, string reason) : Exception(reason)
{
    public string Origin { get; } = origin;

    public long Sequence { get; } = sequence;
}
