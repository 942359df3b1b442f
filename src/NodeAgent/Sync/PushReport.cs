namespace ExchangeNode.NodeAgent.Sync;

/// <summary>What one push did.</summary>
internal sealed record PushReport(long Sent, long Applied, long AlreadyHeld, long Recovered, long Cursor, long Backlog);
