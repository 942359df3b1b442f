using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using LiteDB;

namespace ExchangeNode.NodeAgent.Cases;

/// <summary>
/// One case of the case view, as the writer changes it and the store keeps it:
/// <c>{ _id: serial, status, power, v: StoredCase bytes }</c> (ledger.proto). The status and
/// power stay readable fields for filters and for anyone opening the file with LiteDB's tools;
/// the rest is one binary field, since LiteDB's cost per document grows with its BSON fields
/// (six events as sub-documents made a case's document cost three times a binary one).
/// </summary>
internal sealed class CaseDocument(string serial, CaseStatus status, StoredCase state)
{
    public const string StatusField = "status";
    public const string PowerField = "power";
    private const string StateField = "v";

    public string Serial { get; } = serial;

    public CaseStatus Status { get; set; } = status;

    public StoredCase State { get; } = state;

    public bool HasEvent(string eventId)
    {
        foreach (var e in State.Events)
        {
            if (e.EventId == eventId)
            {
                return true;
            }
        }

        return false;
    }

    public static CaseDocument Read(BsonDocument doc) => new(
        doc["_id"].AsString,
        Enum.Parse<CaseStatus>(doc[StatusField].AsString),
        StoredCase.Parser.ParseFrom(doc[StateField].AsBinary));

    public BsonDocument ToBson() => new()
    {
        ["_id"] = Serial,
        [StatusField] = Status.ToString(),
        [PowerField] = State.PowerCode,
        [StateField] = State.ToByteArray(),
    };

    /// <summary>A stored time; 0 (an event without its time) reads as no time, as before the binary form.</summary>
    private static DateTime Time(long unixMilliseconds) =>
        unixMilliseconds == 0 ? DateTime.MinValue : DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime;

    public CaseSummary ToSummary() => new(
        Serial,
        Status,
        State.PowerCode,
        State.PowerVersion,
        State.Title,
        State.Division,
        State.Department,
        Time(State.AcceptedAtMs),
        Time(State.LastEventAtMs),
        [.. State.Events.Select(e => e.LocalSequence)],
        [.. State.Warnings]);
}
