namespace ExchangeNode.NodeAgent.Sync;

/// <summary>A child sent an entry whose origin is not inside its subtree (invariant 4).</summary>
internal sealed class OutsideSubtreeException(string origin, long sequence)
    : Exception($"Origin {origin} sequence {sequence} is outside the sender's subtree.")
{
    public string Origin { get; } = origin;

    public long Sequence { get; } = sequence;
}
