using ExchangeNode.NodeAgent.Ledger;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>How fresh a child's data is at this parent (invariant 8), and the state shown for it.</summary>
internal sealed record ChildFreshness(
    ChildRecord Child,
    TimeSpan? SilentFor,
    DateTime? NewestEntryAt,
    IReadOnlyList<ChainHead> Origins,
    FreshnessState State);
