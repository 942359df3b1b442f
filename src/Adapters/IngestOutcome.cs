namespace ExchangeNode.Adapters;

/// <summary>What became of a source record.</summary>
public enum IngestOutcome
{
    /// <summary>Appended to the ledger.</summary>
    Accepted,

    /// <summary>Already held; nothing appended.</summary>
    Unchanged,

    /// <summary>Kept in the quarantine with its reasons.</summary>
    Rejected,

    /// <summary>An end-of-unit marker: nothing to ingest.</summary>
    Marker,
}
