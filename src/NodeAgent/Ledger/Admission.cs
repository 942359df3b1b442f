namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>What became of a record offered to the node.</summary>
internal enum Admission
{
    /// <summary>Appended to the ledger.</summary>
    Accepted,

    /// <summary>Already held exactly so; nothing appended.</summary>
    Unchanged,

    /// <summary>Refused; kept in the quarantine with its reasons.</summary>
    Rejected,
}
