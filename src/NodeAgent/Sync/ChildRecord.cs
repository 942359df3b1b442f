namespace ExchangeNode.NodeAgent.Sync;

/// <summary>A child node registered at this parent, and what the parent knows of its contact.</summary>
internal sealed record ChildRecord(
    string Code,
    string Name,
    DateTime AddedAt,
    DateTime? RemovedAt,
    DateTime? LastContact,
    long ReportedBacklog,
    string RaisedAlert)
{
    public bool Active => RemovedAt is null;
}
