using ExchangeNode.NodeAgent.Cases;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using LiteDB;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>
/// Derives the views (power library with every version, cases with state and trail) from
/// ledger entries. Applying the entries in local order always gives the same views, which is
/// what <c>ledger rebuild-views</c> relies on.
/// </summary>
internal sealed class ViewProjector(LiteDatabase database, Lock writerLock)
{
    private readonly ILiteCollection<BsonDocument> _powers = database.GetCollection(LedgerCollections.Powers);
    private readonly ILiteCollection<BsonDocument> _versions = database.GetCollection(LedgerCollections.PowerVersions);
    private readonly ILiteCollection<BsonDocument> _cases = database.GetCollection(LedgerCollections.Cases);

    // Case documents changed by the open transaction, written once at commit: a case's events
    // usually arrive together, and one write per case instead of one per event is most of the
    // cost of the views.
    private readonly Dictionary<string, BsonDocument> _pendingCases = new(StringComparer.Ordinal);

    // Cases the open transaction found absent: admitting a case's first event and then applying
    // it asks LiteDB once, not twice (a lookup by key costs tens of microseconds there), and at
    // flush a pending case still in this set is inserted, the others updated. Only the writer uses it, under the writer lock. Committed case
    // documents are not kept between transactions: measured, a few thousand of them held 90 MB
    // in a receiving city for no measurable speed.
    private readonly HashSet<string> _absentCases = new(StringComparer.Ordinal);

    /// <summary>A case document as the writer sees it: including changes not yet committed.</summary>
    public BsonDocument? FindCase(string serial)
    {
        if (!writerLock.IsHeldByCurrentThread)
        {
            return _cases.FindById(serial);
        }

        if (_pendingCases.TryGetValue(serial, out var pending))
        {
            return pending;
        }

        if (_absentCases.Contains(serial))
        {
            return null;
        }

        var stored = _cases.FindById(serial);
        if (stored is null)
        {
            _absentCases.Add(serial);
        }

        return stored;
    }

    /// <summary>Writes the pending view changes into the open LiteDB transaction.</summary>
    public void Flush()
    {
        foreach (var (serial, doc) in _pendingCases)
        {
            // Insert or Update, not Upsert: which one is known, and Upsert looks the document up again.
            if (_absentCases.Contains(serial))
            {
                _cases.Insert(doc);
            }
            else
            {
                _cases.Update(doc);
            }
        }

        Discard();
    }

    /// <summary>Forgets pending view changes (after they were written, or of a transaction rolled back).</summary>
    public void Discard()
    {
        _pendingCases.Clear();
        _absentCases.Clear();
    }

    public void Apply(long localSequence, EntryBody body)
    {
        switch (body.Record.KindCase)
        {
            case Record.KindOneofCase.Power:
                ApplyPower(localSequence, body);
                break;
            case Record.KindOneofCase.CaseEvent:
                ApplyCaseEvent(localSequence, body);
                break;
            default:
                // Alerts and operator acts live in the ledger only; their views come with supervision.
                break;
        }
    }

    public static string VersionKey(string code, int version) => $"{code}|{version:D10}";

    private void ApplyPower(long localSequence, EntryBody body)
    {
        var power = body.Record.Power;
        var bytes = power.ToByteArray();
        _versions.Upsert(new BsonDocument
        {
            ["_id"] = VersionKey(power.Code, power.Version),
            ["code"] = power.Code,
            ["version"] = power.Version,
            ["status"] = (int)power.Status,
            ["seq"] = localSequence,
            ["at"] = body.RecordedAt.ToDateTime(),
            ["r"] = bytes,
        });
        var current = _powers.FindById(power.Code);
        if (current is not null && current["version"].AsInt32 > power.Version)
        {
            return;
        }

        _powers.Upsert(new BsonDocument
        {
            ["_id"] = power.Code,
            ["version"] = power.Version,
            ["status"] = (int)power.Status,
            ["category"] = (int)power.Category,
            ["division"] = power.DivisionCode,
            ["seq"] = localSequence,
            ["r"] = bytes,
        });
    }

    private void ApplyCaseEvent(long localSequence, EntryBody body)
    {
        var e = body.Record.CaseEvent;
        var doc = FindCase(e.CaseSerial);
        var eventRef = new BsonDocument
        {
            ["id"] = e.EventId,
            ["kind"] = (int)e.Kind,
            ["seq"] = localSequence,
        };
        if (doc is null)
        {
            var acceptance = e.Acceptance ?? new Acceptance();
            doc = new BsonDocument
            {
                ["_id"] = e.CaseSerial,
                ["power"] = acceptance.PowerCode,
                ["power_version"] = acceptance.PowerVersion,
                ["title"] = acceptance.Title,
                ["division"] = body.Jurisdiction,
                ["department"] = acceptance.Department?.Name ?? string.Empty,
                ["accepted_at"] = e.OccurredAt?.ToDateTime() ?? DateTime.MinValue,
                ["status"] = CaseStatus.Open.ToString(),
                ["events"] = new BsonArray(),
                ["warnings"] = new BsonArray(Warnings(acceptance).Select(w => new BsonValue(w))),
            };

            // Inserted at flush (FindCase already noted it under the writer lock; this says so in any case).
            _absentCases.Add(e.CaseSerial);
        }

        var status = Enum.Parse<CaseStatus>(doc["status"].AsString);
        doc["status"] = CaseLifecycle.After(status, e.Kind).ToString();
        doc["last_at"] = e.OccurredAt?.ToDateTime() ?? DateTime.MinValue;
        doc["events"].AsArray.Add(eventRef);
        _pendingCases[e.CaseSerial] = doc;
    }

    private static IEnumerable<string> Warnings(Acceptance acceptance)
    {
        var counterpart = acceptance.Counterpart;
        if (counterpart is { Kind: CounterpartKind.Organisation } && CreditCode.CheckForm(counterpart.CreditCode) is null
            && CreditCode.CheckDigit(counterpart.CreditCode) is { } warning)
        {
            yield return warning;
        }
    }
}
