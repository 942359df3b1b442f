using System.Text;
using ExchangeNode.Protocol.V1;
using ExchangeNode.Samples.Generator;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using LiteDB;

namespace ExchangeNode.Benchmarks;

/// <summary>
/// The records every step appends, generated before any timing: powers, case events, and alerts
/// sized one for one like the case events, so that mix (a) and mix (b) write the same bytes.
/// </summary>
internal sealed class Workload
{
    private const string DetailText =
        "办件已超过承诺办理期限，当前环节尚未办结，请承办科室说明原因并限期办理；逾期未办结的，按照行政权力网上公开透明运行暂行办法第三十三条予以通报。";

    private Workload(IReadOnlyList<Power> powers, List<Record> caseEvents, List<Record> alerts)
    {
        Powers = powers;
        CaseEvents = caseEvents;
        Alerts = alerts;
        AverageRecordBytes = caseEvents.Average(r => (double)r.CalculateSize());
        AverageAlertBytes = alerts.Average(r => (double)r.CalculateSize());
    }

    public IReadOnlyList<Power> Powers { get; }

    /// <summary>Mix (b): case events of whole cases, in legal order, each wrapped as a record.</summary>
    public List<Record> CaseEvents { get; }

    /// <summary>Mix (a): alerts with no view, one per case event and of its size.</summary>
    public List<Record> Alerts { get; }

    public double AverageRecordBytes { get; }

    public double AverageAlertBytes { get; }

    public static Workload Create(int count)
    {
        var data = new SyntheticData(seed: 7);
        var powers = data.Powers(ScratchNode.Code, 200);
        var events = data.CaseEvents(powers, ScratchNode.Code, count)
            .Take(count)
            .Select(e => new Record { CaseEvent = e })
            .ToList();
        var alerts = events.Select(AlertLike).ToList();
        return new Workload(powers, events, alerts);
    }

    /// <summary>The envelope of a ledger entry as LedgerStore builds it, for size estimates and sub-step timings.</summary>
    public static EntryBody Envelope(Record record, long sequence, Timestamp at) => new()
    {
        Origin = ScratchNode.Code,
        OriginSequence = sequence,
        RecordedAt = at,
        Jurisdiction = ScratchNode.Code,
        Record = record,
    };

    /// <summary>
    /// The BSON size of one entry with a body of this many bytes stored in a document of its own:
    /// the base documents are the size of one entry (its LedgerEntry bytes and a long key).
    /// </summary>
    public static int LedgerDocumentBytes(int bodyBytes, long sequence) =>
        BsonSerializer.Serialize(new BsonDocument
        {
            ["_id"] = sequence,
            ["e"] = new LedgerEntry
            {
                Body = ByteString.CopyFrom(new byte[bodyBytes]),
                PreviousHash = ByteString.CopyFrom(new byte[32]),
                Hash = ByteString.CopyFrom(new byte[32]),
            }.ToByteArray(),
        }).Length;

    /// <summary>Plain documents of <paramref name="bytes"/> BSON bytes each: a long _id and one binary field.</summary>
    public static List<BsonDocument> PlainDocuments(int count, int bytes)
    {
        var overhead = BsonSerializer.Serialize(new BsonDocument { ["_id"] = 1L, ["d"] = Array.Empty<byte>() }).Length;
        var padding = new byte[Math.Max(0, bytes - overhead)];
        Random.Shared.NextBytes(padding);
        return Enumerable.Range(1, count)
            .Select(i => new BsonDocument { ["_id"] = (long)i, ["d"] = padding })
            .ToList();
    }

    internal static Record AlertLike(Record caseEvent)
    {
        var e = caseEvent.CaseEvent;
        var alert = new Alert
        {
            Kind = "case.overdue",
            Level = AlertLevel.Yellow,
            Subject = e.CaseSerial,
            RaisedAt = e.OccurredAt,
        };
        var record = new Record { Alert = alert };
        var target = caseEvent.CalculateSize();
        var detail = new StringBuilder($"办件 {e.CaseSerial}（{e.Post}，{e.Actor}）：");
        while (Encoding.UTF8.GetByteCount(detail.ToString()) < target)
        {
            detail.Append(DetailText);
        }

        // Trim from the end to the case event's size (within a byte or two: the length prefix may shrink).
        alert.Detail = detail.ToString();
        var excess = record.CalculateSize() - target;
        var keep = alert.Detail.Length;
        while (excess > 0 && keep > 0)
        {
            keep--;
            excess -= Encoding.UTF8.GetByteCount(alert.Detail.AsSpan(keep, 1));
        }

        alert.Detail = alert.Detail[..keep];
        return record;
    }
}
