using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>
/// One write to the ledger: entries and the view changes they cause commit together or not
/// at all. One writer at a time; LiteDB binds a transaction to its thread, so a transaction is
/// used synchronously from start to end.
/// </summary>
internal sealed class LedgerTransaction : IDisposable
{
    private readonly LedgerStore _ledger;
    private readonly Dictionary<string, ChainHead> _pendingHeads = new(StringComparer.Ordinal);
    private readonly List<LedgerEntry> _pendingEntries = [];
    private readonly long _firstLocalSequence;
    private long _lastLocalSequence;
    private bool _done;

    internal LedgerTransaction(LedgerStore ledger)
    {
        ledger.WriterLock.Enter();
        _ledger = ledger;
        _lastLocalSequence = ledger.LastLocalSequence;
        _firstLocalSequence = _lastLocalSequence + 1;
        bool begun;
        try
        {
            begun = ledger.Database.BeginTrans();
        }
        catch
        {
            ledger.WriterLock.Exit();
            throw;
        }

        if (!begun)
        {
            ledger.WriterLock.Exit();
            throw new InvalidOperationException("A LiteDB transaction is already open on this thread.");
        }
    }

    /// <summary>Entries appended in this transaction so far.</summary>
    public int Appended => _pendingEntries.Count;

    /// <summary>
    /// Reads ahead the case views these records are about to need, in walks along the serial
    /// index (<see cref="ViewProjector.Prefetch"/>); a hint for a batch: without it each case is
    /// looked up when first needed, at 10 to 15 µs a lookup.
    /// </summary>
    public void Prefetch(IEnumerable<CaseEvent> events)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _ledger.Projector.Prefetch(events);
    }

    /// <inheritdoc cref="Prefetch(IEnumerable{CaseEvent})"/>
    public void Prefetch(IEnumerable<Record> records) => Prefetch(records.Select(r => r.CaseEvent).OfType<CaseEvent>());

    /// <summary>Appends a record originated by this node and applies it to the views.</summary>
    /// <remarks>Refused with the <see cref="LedgerStore.LocalAppendGuard"/>'s exception while the guard says so.</remarks>
    public EntryBody AppendLocal(Record record, string jurisdiction) => AppendLocal(EncodedRecord.Of(record), jurisdiction);

    /// <inheritdoc cref="AppendLocal(Record, string)"/>
    public EntryBody AppendLocal(EncodedRecord record, string jurisdiction)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _ledger.EnsureLocalAppendAllowed();
        var (head, entry, body) = _ledger.PrepareLocal(record, jurisdiction, _pendingHeads, _lastLocalSequence + 1);
        _pendingEntries.Add(entry);
        _pendingHeads[head.Origin] = head;
        _lastLocalSequence = head.LocalSequence;
        _ledger.Projector.Apply(head.LocalSequence, body);
        return body;
    }

    /// <summary>Appends an alert this node raises now (a red or yellow entry in its own chain).</summary>
    public EntryBody AppendAlert(string kind, AlertLevel level, string subject, string detail, string jurisdiction) =>
        AppendLocal(
            new Record
            {
                Alert = new Alert
                {
                    Kind = kind,
                    Level = level,
                    Subject = subject,
                    RaisedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(_ledger.Time.GetUtcNow()),
                    Detail = detail,
                },
            },
            jurisdiction);

    /// <summary>
    /// Appends an entry recorded elsewhere, byte for byte, after checking its origin's chain;
    /// false when the entry was already held.
    /// </summary>
    /// <exception cref="ChainBrokenException">The entry does not continue its origin's chain.</exception>
    public bool AppendForeign(LedgerEntry entry, EntryBody body, bool partial = false)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        var head = _ledger.PrepareForeign(entry, body, _pendingHeads, _lastLocalSequence + 1, partial);
        if (head is null)
        {
            return false;
        }

        _pendingEntries.Add(entry);
        _pendingHeads[head.Origin] = head;
        _lastLocalSequence = head.LocalSequence;
        _ledger.Projector.Apply(head.LocalSequence, body);
        return true;
    }

    /// <summary>Applies an entry the ledger already holds to the views again (<c>ledger rebuild-views</c>).</summary>
    public void ApplyView(StoredEntry entry)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _ledger.Projector.Apply(entry.LocalSequence, entry.Body);
    }

    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _ledger.Projector.Flush();
        _ledger.Write(_firstLocalSequence, _pendingEntries, _pendingHeads);
        _ledger.Database.Commit();
        _ledger.Committed(_pendingHeads, _lastLocalSequence);
        _done = true;
        _ledger.WriterLock.Exit();
    }

    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        try
        {
            _ledger.Projector.Discard();
            _ledger.Database.Rollback();
        }
        finally
        {
            _ledger.WriterLock.Exit();
        }
    }
}
