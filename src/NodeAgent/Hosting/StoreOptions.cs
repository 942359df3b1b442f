namespace ExchangeNode.NodeAgent.Hosting;

/// <summary>The "Store" section of node.json.</summary>
internal sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>
    /// How often LiteDB writes its log into the data file. Direct mode does not fsync each
    /// commit; a checkpoint bounds how much a power loss can take back.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);
}
