namespace ExchangeNode.NodeAgent.Sync;

/// <summary>OK, WARN (past Sync:WarnAfter: yellow), LATE (past Sync:LateAfter: red, Art. 28).</summary>
internal enum FreshnessState
{
    Ok,
    Warn,
    Late,
}
