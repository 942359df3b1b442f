using System.Text.Json;
using ExchangeNode.Adapters;
using ExchangeNode.NodeAgent.Cases;
using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Import;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Library;
using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace ExchangeNode.NodeAgent.Ingest;

/// <summary>
/// The node's configured adapters: runs one from its checkpoint, mapping and validating each
/// record like the command-line import, and commits the adapter's position in the same
/// transaction as the entries it produced (invariant 5). A crash at any point and a restart
/// lose nothing and double nothing.
/// </summary>
/// <param name="session">The node.</param>
/// <param name="adapters">The configured adapters.</param>
/// <param name="catalog">The kinds to run them with; by default the built-in ones and the plugins folder's (tests give their own).</param>
internal sealed class AdapterHost(NodeSession session, IReadOnlyList<AdapterOptions> adapters, AdapterCatalog? catalog = null) : IDisposable
{
    private const int BatchSize = 500;
    private static readonly JsonSerializerOptions RawJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lazy<AdapterCatalog> _catalog = new(() => catalog ?? AdapterCatalog.Load(NodeConfigFile.PluginsIn(session.Store.DataDirectory)));
    private readonly SemaphoreSlim _running = new(1, 1);

    // One mapper per adapter: resolving the mapping against the proto is done once, not per run
    // nor per quarantined record retried. A mapper is safe on several threads at once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RecordMapper> _mappers = new(StringComparer.Ordinal);

    public IReadOnlyList<AdapterOptions> Configured { get; } = adapters;

    public AdapterCheckpoints Checkpoints { get; } = new(session.Store.Database);

    public AdapterCatalog Catalog => _catalog.Value;

    public void Dispose() => _running.Dispose();

    public AdapterOptions Find(string name) =>
        Configured.FirstOrDefault(a => a.Name == name)
        ?? throw new ArgumentException($"没有名为 {name} 的适配器 (no adapter of that name); see: exchange-node adapter list");

    /// <summary>Runs the adapter until its source has nothing more; returns what this run did.</summary>
    public async Task<AdapterState> RunAsync(string name, CancellationToken cancellationToken)
    {
        var options = Find(name);
        var mapper = MapperOf(options);
        await _running.WaitAsync(cancellationToken);
        try
        {
            await using var adapter = Catalog.Create(options, session.Store.DataDirectory);
            var before = Checkpoints.Get(name);
            var state = before;
            var batch = new List<SourceRecord>(BatchSize);

            // Three kinds of work overlap, on the two cores a node has: the source is read on this
            // thread; a batch read is mapped and checked on the thread pool; and it commits on the
            // thread pool, after it is mapped and after the batch before it. A source should not
            // wait for the store, nor the store for the source; and when one side is the slower,
            // the mapping runs beside it rather than after it. The adapter hears of a commit
            // before its next batch is committed, between two reads, never during one.
            Task<(AdapterState State, List<RecordOutcome> Outcomes)>? committing = null;
            async Task<AdapterState> Settle(Task<(AdapterState State, List<RecordOutcome> Outcomes)>? commit)
            {
                if (commit is null)
                {
                    return state;
                }

                var (committed, outcomes) = await commit;

                // Committed: from here the adapter hears of it once, even if hearing of it fails.
                committing = null;
                await adapter.CommittedAsync(outcomes, cancellationToken);
                return committed;
            }

            try
            {
                // Refused before the source is read: nothing is taken from it, and adapter list shows why.
                session.Ledger.EnsureLocalAppendAllowed();
                try
                {
                    await foreach (var record in adapter.ReadAsync(state.Position, cancellationToken))
                    {
                        batch.Add(record);
                        if (batch.Count == BatchSize)
                        {
                            var read = batch;
                            var mapping = Task.Run(() => MapAll(mapper, read), cancellationToken);
                            state = await Settle(committing);
                            var from = state;
                            committing = Task.Run(async () => Commit(options, await mapping, from), cancellationToken);
                            batch = new List<SourceRecord>(BatchSize);
                        }
                    }
                }
                catch (Exception source) when (committing is not null)
                {
                    // The source (or a commit) failed while a batch was committing: that commit
                    // still lands with its checkpoint, and the adapter hears of it, before the
                    // failure is reported.
                    await Task.WhenAny(committing);
                    if (committing.IsCompletedSuccessfully)
                    {
                        await adapter.CommittedAsync(committing.Result.Outcomes, cancellationToken);
                    }
                    else if (committing.Exception is { } failed && !failed.InnerExceptions.Contains(source))
                    {
                        // The batch in flight failed too (its mapping or its commit): both are reported.
                        throw new AggregateException([source, .. failed.InnerExceptions]);
                    }

                    throw;
                }

                state = await Settle(committing);
                committing = null;
                if (batch.Count > 0)
                {
                    state = await Settle(Task.FromResult(Commit(options, MapAll(mapper, batch), state)));
                }

                state = state with { LastRun = session.Time.GetUtcNow().UtcDateTime, LastError = string.Empty };
                Save(state);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not AdapterConfigurationException)
            {
                Save(Checkpoints.Get(name) with { LastRun = session.Time.GetUtcNow().UtcDateTime, LastError = ex.Message });
                throw;
            }

            return state with
            {
                Accepted = state.Accepted - before.Accepted,
                Unchanged = state.Unchanged - before.Unchanged,
                Rejected = state.Rejected - before.Rejected,
            };
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Maps a quarantined adapter record again with today's mapping (after it was fixed).</summary>
    public (IMessage? Record, List<Validation.FieldProblem> Problems) Remap(string name, string raw)
    {
        var options = Find(name);
        var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(raw) ?? [];
        return MapperOf(options).Map(fields);
    }

    private RecordMapper MapperOf(AdapterOptions options) =>
        _mappers.GetOrAdd(options.Name, _ => RecordMapper.Create(DescriptorOf(options), options.Mapping, options.Defaults));

    private static MessageDescriptor DescriptorOf(AdapterOptions options) =>
        options.Target == "power" ? Power.Descriptor : CaseEvent.Descriptor;

    private void Save(AdapterState state)
    {
        using var transaction = session.Ledger.Begin();
        Checkpoints.Save(state);
        transaction.Commit();
    }

    /// <summary>
    /// A record as read, with what its mapping made of it, the problems of the rules it passes or
    /// fails on its own, and, when it passed them, its entry's record encoded: mapped, checked and
    /// encoded as it is read, off the writer's thread, which is left only the rules that need the
    /// store's state and the entry's envelope.
    /// </summary>
    private sealed record MappedRecord(SourceRecord Source, IMessage? Message, List<Validation.FieldProblem> Problems, EncodedRecord? Entry);

    private static List<MappedRecord> MapAll(RecordMapper mapper, List<SourceRecord> batch) => batch.ConvertAll(record => Map(mapper, record));

    private static MappedRecord Map(RecordMapper mapper, SourceRecord record)
    {
        if (record.IsEndOfUnit)
        {
            return new MappedRecord(record, null, [], null);
        }

        var (message, problems) = record.Fields.TryGetValue(SourceRecord.ErrorField, out var unreadable)
            ? (null, [new Validation.FieldProblem("(source)", $"来源无法读取 (the source could not be read): {unreadable}", IsWarning: false)])
            : mapper.Map(record.Fields);
        switch (message)
        {
            case CaseEvent e:
                problems.AddRange(CaseBook.Check(e));
                break;
            case Power power:
                problems.AddRange(PowerLibrary.Check(power));
                break;
        }

        var entry = message is not null && !Validation.ValidationFailures.HasErrors(problems) ? EncodedRecord.Of(message) : null;
        return new MappedRecord(record, message, problems, entry);
    }

    /// <summary>Commits one batch with the adapter's checkpoint (invariant 5), synchronously on one thread as LiteDB needs.</summary>
    private (AdapterState State, List<RecordOutcome> Outcomes) Commit(AdapterOptions options, List<MappedRecord> batch, AdapterState state)
    {
        var outcomes = new List<RecordOutcome>(batch.Count);
        var summary = new ImportSummary(options.Name);
        using var transaction = session.Ledger.Begin();
        transaction.Prefetch(batch.Select(record => record.Message).OfType<CaseEvent>());
        foreach (var record in batch)
        {
            outcomes.Add(new RecordOutcome(record.Source, record.Source.IsEndOfUnit ? IngestOutcome.Marker : Offer(options, record, summary, transaction)));
        }

        state = state with
        {
            Position = batch[^1].Source.Position,
            Accepted = state.Accepted + summary.Accepted,
            Unchanged = state.Unchanged + summary.Unchanged,
            Rejected = state.Rejected + summary.Rejected,
        };

        // The checkpoint commits with the entries: invariant 5.
        Checkpoints.Save(state);
        transaction.Commit();
        return (state, outcomes);
    }

    private IngestOutcome Offer(AdapterOptions options, MappedRecord mapped, ImportSummary summary, LedgerTransaction transaction)
    {
        var (record, message, problems, entry) = mapped;
        string Raw() => JsonSerializer.Serialize(record.Fields, RawJson);
        var admission = options.Target == "power"
            ? session.Importer.Offer(
                new ImportRow<Power>(record.SourceReference, string.Empty, message as Power, problems) { Entry = entry }, "power", summary, transaction,
                power => session.Powers.AdmitChecked(power, []), power => power.DivisionCode, options.Name, Raw)
            : session.Importer.Offer(
                new ImportRow<CaseEvent>(record.SourceReference, string.Empty, message as CaseEvent, problems) { Entry = entry }, "case", summary, transaction,
                e => session.Cases.AdmitChecked(e, []), session.Cases.JurisdictionOf, options.Name, Raw);
        return admission switch
        {
            Admission.Accepted => IngestOutcome.Accepted,
            Admission.Unchanged => IngestOutcome.Unchanged,
            _ => IngestOutcome.Rejected,
        };
    }
}
