namespace ExchangeNode.NodeAgent.Sync;

/// <summary>The parent refused a batch of the feed; nothing of it was applied there.</summary>
internal sealed class PushRefusedException(string reason) : Exception($"上级拒收 (the parent refused the batch): {reason}");
