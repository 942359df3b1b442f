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
    /// <summary>Cases nobody asked for that a read-ahead walk passes in a row before it seeks again (a seek costs about five of them).</summary>
    private const int MaxPassedInARow = 8;

    private readonly ILiteCollection<BsonDocument> _powers = database.GetCollection(LedgerCollections.Powers);
    private readonly ILiteCollection<BsonDocument> _versions = database.GetCollection(LedgerCollections.PowerVersions);
    private readonly ILiteCollection<BsonDocument> _cases = database.GetCollection(LedgerCollections.Cases);

    // Case documents changed by the open transaction, written once at commit: a case's events
    // usually arrive together, and one write per case instead of one per event is most of the
    // cost of the views.
    private readonly Dictionary<string, CaseDocument> _pendingCases = new(StringComparer.Ordinal);

    // What the open transaction read of the committed cases, read ahead or looked up (null: not
    // held): admitting an event, finding its jurisdiction and applying it ask LiteDB once, not
    // three times, and at flush a pending case that was absent here is inserted, the others
    // updated. Only the writer uses it, under the writer lock. Committed case documents are not
    // kept between transactions: measured, a few thousand of them held 90 MB in a receiving city
    // for no measurable speed.
    private readonly Dictionary<string, CaseDocument?> _committedCases = new(StringComparer.Ordinal);

    // Power items the writer looked up, by collection and key (null: not held); see LookUpPower.
    private readonly Dictionary<(string Collection, string Key), Power?> _powerLookups = [];

    // How the store orders the serial index (ordinal in files this version creates).
    private readonly Collation _collation = database.Collation;

    /// <summary>A case document as the writer sees it: including changes not yet committed.</summary>
    public CaseDocument? FindCase(string serial)
    {
        if (!writerLock.IsHeldByCurrentThread)
        {
            return ReadCase(serial);
        }

        if (Known(serial, out var known))
        {
            return known;
        }

        return _committedCases[serial] = ReadCase(serial);
    }

    /// <summary>Whether the open transaction already knows the case: changed, or read (null when absent).</summary>
    private bool Known(string serial, out CaseDocument? found)
    {
        if (_pendingCases.TryGetValue(serial, out var pending))
        {
            found = pending;
            return true;
        }

        return _committedCases.TryGetValue(serial, out found);
    }

    private CaseDocument? ReadCase(string serial) => _cases.FindById(serial) is { } doc ? CaseDocument.Read(doc) : null;

    /// <summary>
    /// Reads ahead the committed case documents the writer is about to need for these events
    /// (their cases, and the cases they merge into), so that admitting and applying them asks
    /// LiteDB nothing more. LiteDB's lookups by key cost 10 to 15 µs each, found or not (the
    /// walk down its skip list), while reading on along the index costs 1 to 3 µs a document; a
    /// batch's new cases usually have neighbouring serials, so the wanted serials are read in
    /// order, in as few walks along the serial index as they allow. Only a hint: a case not read
    /// here is looked up when it is needed.
    /// </summary>
    public void Prefetch(IEnumerable<CaseEvent> events)
    {
        if (!writerLock.IsHeldByCurrentThread)
        {
            return;
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            Want(e.CaseSerial);
            Want(e.MergedInto);
        }

        var sorted = wanted.ToList();
        sorted.Sort(_collation.Compare);
        for (var next = 0; next < sorted.Count;)
        {
            next = ReadAlong(sorted, next);
        }

        void Want(string serial)
        {
            if (serial.Length > 0 && !Known(serial, out _))
            {
                wanted.Add(serial);
            }
        }
    }

    /// <summary>
    /// One walk along the serial index from <c>sorted[from]</c>: each wanted case met is kept,
    /// each wanted serial passed is absent. The walk stops after <see cref="MaxPassedInARow"/>
    /// cases nobody asked for (a new walk from the next wanted serial is cheaper then).
    /// Returns the index of the first wanted serial not yet settled.
    /// </summary>
    private int ReadAlong(List<string> sorted, int from)
    {
        var next = from;
        var passed = 0;
        foreach (var doc in _cases.Find(StoreQuery.Between("_id", sorted[from], sorted[^1])))
        {
            var serial = doc["_id"].AsString;
            while (next < sorted.Count && _collation.Compare(sorted[next], serial) < 0)
            {
                _committedCases[sorted[next++]] = null;
            }

            if (next < sorted.Count && _collation.Compare(sorted[next], serial) == 0)
            {
                _committedCases[sorted[next++]] = CaseDocument.Read(doc);
                passed = 0;
            }
            else if (++passed > MaxPassedInARow)
            {
                return next;
            }

            if (next == sorted.Count)
            {
                return next;
            }
        }

        // The walk reached the last wanted serial: those not met are absent.
        while (next < sorted.Count)
        {
            _committedCases[sorted[next++]] = null;
        }

        return next;
    }

    /// <summary>
    /// Writes the pending view changes into the open LiteDB transaction: new cases in one insert
    /// and changed ones in one update, since each call into LiteDB costs about as much again as
    /// the document it writes.
    /// </summary>
    public void Flush()
    {
        var inserted = new List<BsonDocument>();
        var updated = new List<BsonDocument>();
        foreach (var (serial, found) in _pendingCases)
        {
            // Insert or Update, not Upsert: which one is known, and Upsert looks the document up again.
            (_committedCases.TryGetValue(serial, out var committed) && committed is null ? inserted : updated).Add(found.ToBson());
        }

        if (inserted.Count > 0)
        {
            _cases.Insert(inserted);
        }

        if (updated.Count > 0)
        {
            _cases.Update(updated);
        }

        ForgetCases();
    }

    /// <summary>Forgets what the open transaction changed or read (it was rolled back, or the views are rebuilt).</summary>
    public void Discard()
    {
        ForgetCases();
        _powerLookups.Clear();
    }

    private void ForgetCases()
    {
        _pendingCases.Clear();
        _committedCases.Clear();
    }

    /// <summary>The current version of a power item, as the writer sees it (including changes not yet committed).</summary>
    public Power? FindPower(string code) => LookUpPower(code, _powers);

    /// <summary>One version of a power item, as the writer sees it.</summary>
    public Power? FindPowerVersion(string code, int version) => LookUpPower(VersionKey(code, version), _versions);

    /// <summary>
    /// A power document by key, parsed. The writer keeps what it read: admitting a case looks
    /// its power and version up (about 12 µs each in LiteDB, parse included) and a county's cases
    /// name a few hundred powers again and again. The library is small (a county's catalogue is
    /// hundreds to a few thousand items, a few MB parsed); the writer forgets it all when a power
    /// entry is applied and when a transaction is rolled back, so it never holds what the store
    /// does not. Readers on other threads go to the store.
    /// </summary>
    private Power? LookUpPower(string key, ILiteCollection<BsonDocument> collection)
    {
        Power? Read() => collection.FindById(key) is { } doc ? Power.Parser.ParseFrom(doc["r"].AsBinary) : null;
        if (!writerLock.IsHeldByCurrentThread)
        {
            return Read();
        }

        if (!_powerLookups.TryGetValue((collection.Name, key), out var power))
        {
            power = Read();
            _powerLookups[(collection.Name, key)] = power;
        }

        return power;
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
        _powerLookups.Clear();
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
        // By hand, not through DateTimeOffset: a pushed entry's time out of DateTime's range still applies.
        var occurredAt = e.OccurredAt is { } at ? at.Seconds * 1000 + at.Nanos / 1_000_000 : 0;
        var found = FindCase(e.CaseSerial);
        if (found is null)
        {
            var acceptance = e.Acceptance ?? new Acceptance();
            found = new CaseDocument(e.CaseSerial, CaseStatus.Open, new StoredCase
            {
                PowerCode = acceptance.PowerCode,
                PowerVersion = acceptance.PowerVersion,
                Title = acceptance.Title,
                Division = body.Jurisdiction,
                Department = acceptance.Department?.Name ?? string.Empty,
                AcceptedAtMs = occurredAt,
                Warnings = { Warnings(acceptance) },
            });

            // Inserted at flush (FindCase already noted it absent under the writer lock; this says so in any case).
            _committedCases[e.CaseSerial] = null;
        }

        found.Status = CaseLifecycle.After(found.Status, e.Kind);
        found.State.LastEventAtMs = occurredAt;
        found.State.Events.Add(new StoredCaseEvent { EventId = e.EventId, Kind = e.Kind, LocalSequence = localSequence });
        _pendingCases[e.CaseSerial] = found;
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
