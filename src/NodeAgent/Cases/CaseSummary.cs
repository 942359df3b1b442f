namespace ExchangeNode.NodeAgent.Cases;

/// <summary>A case as the case view holds it: state and the ledger positions of its events.</summary>
internal sealed record CaseSummary(
    string Serial,
    CaseStatus Status,
    string PowerCode,
    int PowerVersion,
    string Title,
    string Division,
    string Department,
    DateTime AcceptedAt,
    DateTime LastEventAt,
    IReadOnlyList<long> EventSequences,
    IReadOnlyList<string> Warnings);
