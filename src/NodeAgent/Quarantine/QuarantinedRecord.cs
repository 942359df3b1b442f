using ExchangeNode.NodeAgent.Validation;
using LiteDB;

namespace ExchangeNode.NodeAgent.Quarantine;

/// <summary>A record held in the quarantine.</summary>
internal sealed record QuarantinedRecord(
    int Id,
    string Kind,
    string Adapter,
    string Source,
    string Raw,
    IReadOnlyList<FieldProblem> Problems,
    DateTime FirstSeen,
    DateTime LastSeen,
    int Times)
{
    public static QuarantinedRecord From(BsonDocument doc) => new(
        doc["_id"].AsInt32,
        doc["kind"].AsString,
        doc["adapter"].IsString ? doc["adapter"].AsString : string.Empty,
        doc["source"].AsString,
        doc["raw"].AsString,
        doc["problems"].AsArray.Select(p => new FieldProblem(p["field"].AsString, p["reason"].AsString, IsWarning: false)).ToList(),
        doc["first_seen"].AsDateTime,
        doc["last_seen"].AsDateTime,
        doc["times"].AsInt32);
}
