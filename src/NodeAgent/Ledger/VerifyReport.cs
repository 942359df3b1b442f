namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>What <c>ledger verify</c> found: counts per origin, and the first problem if any.</summary>
internal sealed record VerifyReport(long Entries, IReadOnlyList<ChainHead> Chains, ChainProblem? Problem)
{
    public bool Intact => Problem is null;
}
