namespace ExchangeNode.NodeAgent.Ingest;

/// <summary>An adapter's checkpoint and counts, committed with the entries it produced.</summary>
internal sealed record AdapterState(
    string Name,
    string? Position,
    long Accepted,
    long Unchanged,
    long Rejected,
    DateTime? LastRun,
    string LastError);
