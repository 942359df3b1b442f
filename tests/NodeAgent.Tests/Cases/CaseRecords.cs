using ExchangeNode.NodeAgent.Tests.Validation;
using ExchangeNode.Protocol.V1;
using Google.Protobuf.WellKnownTypes;

namespace ExchangeNode.NodeAgent.Tests.Cases;

/// <summary>Case events built on <see cref="ValidRecords"/>, one case serial and event id each.</summary>
internal static class CaseRecords
{
    public const string PenaltyCode = "320321-CF-001";

    public static CaseEvent Accepted(string serial, string powerCode = "320321-XK-001", int powerVersion = 1, Counterpart? counterpart = null)
    {
        var e = ValidRecords.Accepted(counterpart);
        e.CaseSerial = serial;
        e.Acceptance.PowerCode = powerCode;
        e.Acceptance.PowerVersion = powerVersion;
        return e;
    }

    public static CaseEvent Next(string serial, string eventId, CaseEventKind kind)
    {
        var e = ValidRecords.Event(kind);
        e.CaseSerial = serial;
        e.EventId = eventId;
        e.OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 5, 7, 10, 0, 0, TimeSpan.FromHours(8)).AddHours(int.Parse(eventId, System.Globalization.CultureInfo.InvariantCulture)));
        if (kind == CaseEventKind.Opinion)
        {
            e.Stance = Stance.Positive;
        }

        return e;
    }

    public static CaseEvent Penalty(string serial, string eventId, double amount)
    {
        var e = Next(serial, eventId, CaseEventKind.Decision);
        e.Decision = new DecisionDetail { Outcome = Outcome.Penalised, DocumentNumber = "丰市监罚〔2024〕1号", PenaltyAmount = amount };
        return e;
    }

    public static CaseEvent Merged(string serial, string eventId, string into)
    {
        var e = Next(serial, eventId, CaseEventKind.Merged);
        e.MergedInto = into;
        return e;
    }

    /// <summary>A penalty power (行政处罚) whose money range is 0 to 5000 元.</summary>
    public static Power PenaltyPower()
    {
        var power = ValidRecords.Power();
        power.Code = PenaltyCode;
        power.Name = "对未取得食品经营许可从事食品经营活动的处罚";
        power.Category = PowerCategory.Penalty;
        return power;
    }

    public static Power WithStatus(Power power, PowerStatus status, int version)
    {
        var changed = power.Clone();
        changed.Status = status;
        changed.Version = version;
        return changed;
    }
}
