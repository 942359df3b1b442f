namespace ExchangeNode.NodeAgent.Sync;

/// <summary>
/// A local append refused: entries of this node's own chain that the parent confirmed holding
/// are missing here, and a new entry would be numbered over them (a forked chain).
/// </summary>
internal sealed class OwnEntriesMissingException(string origin, long first, long last) : Exception(
    $"本节点 {origin} 自身链第 {first} 至 {last} 条上级已确认持有，但本地缺失：本节点在断电后醒来落后于上级，或数据文件被换成了旧副本。" +
    $"请先运行 exchange-node sync push，它会先从上级取回这些条目（运行中的服务在启动时自动取回），然后重试；本次未写入任何内容。" +
    $" (own entries #{first}..#{last} of {origin}, which the parent holds, are missing here: this node woke up behind after a power loss" +
    $" or from an older copy of node.db. Run `exchange-node sync push`, which takes them back first (the running agent does it at start), then try again; nothing was appended.)")
{
    public string Origin { get; } = origin;

    /// <summary>The first own sequence missing here.</summary>
    public long First { get; } = first;

    /// <summary>The last own sequence the parent confirmed holding.</summary>
    public long Last { get; } = last;
}
