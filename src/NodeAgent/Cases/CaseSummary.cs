using LiteDB;

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
    IReadOnlyList<string> Warnings)
{
    public static CaseSummary From(BsonDocument doc) => new(
        doc["_id"].AsString,
        Enum.Parse<CaseStatus>(doc["status"].AsString),
        doc["power"].AsString,
        doc["power_version"].AsInt32,
        doc["title"].AsString,
        doc["division"].AsString,
        doc["department"].AsString,
        doc["accepted_at"].AsDateTime,
        doc["last_at"].AsDateTime,
        doc["events"].AsArray.Select(e => e["seq"].AsInt64).ToList(),
        doc["warnings"].AsArray.Select(w => w.AsString).ToList());
}
