namespace ExchangeNode.NodeAgent.Sync;

/// <summary>The "Sync" section of node.json: how this node exchanges with its parent and children.</summary>
internal sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>The credential the parent issued to this node (child add); keep it out of shell history: node.json or EXCHANGENODE_Sync__Credential.</summary>
    public string Credential { get; set; } = string.Empty;

    /// <summary>How often the feed is pushed to the parent (Art. 28: at most 24 hours; default 15 minutes).</summary>
    public TimeSpan PushInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often data the parent opens to this node is pulled.</summary>
    public TimeSpan PullInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A push starts at once when this many entries wait.</summary>
    public int PushThreshold { get; set; } = 5000;

    /// <summary>A child silent this long raises a yellow alert (预警).</summary>
    public TimeSpan WarnAfter { get; set; } = TimeSpan.FromHours(20);

    /// <summary>A child silent this long raises a red alert (报警); Art. 28 allows at most 24 hours.</summary>
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Entries per pushed or pulled batch.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Batches in flight before the first is acknowledged.</summary>
    public int Window { get; set; } = 4;

    /// <summary>First wait before retrying an unreachable parent; it doubles up to the push interval.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(15);
}
