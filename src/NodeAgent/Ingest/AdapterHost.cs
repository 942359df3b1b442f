using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Threading.Channels;
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

    // Batches read and handed over to be committed, beyond the one committing: enough that the
    // commit never waits for the reader's turn on a core; few, as each holds its records in memory
    // (with the one being read and the one mapped waiting to be handed over, at most four).
    private const int BatchesAhead = 2;
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
            AdapterState state;
            try
            {
                // Refused before the source is read: nothing is taken from it, and adapter list shows why.
                session.Ledger.EnsureLocalAppendAllowed();
                state = await IngestAsync(options, mapper, adapter, before, cancellationToken);
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

    /// <summary>
    /// Reads the source from the checkpoint to its end, in batches that are mapped and checked on
    /// the thread pool and committed in order, one after the other, by one loop; returns the state
    /// after the last commit.
    /// </summary>
    /// <remarks>
    /// Three kinds of work overlap on the two cores a node has: reading the source (this method),
    /// mapping a batch read, and committing the batches mapped. The commit is the longest of the
    /// three for most sources, so the loop that commits goes from one batch to the next without
    /// waiting on anyone: the reader hands it batches as they are read, at most
    /// <see cref="BatchesAhead"/> ahead. (When the reader started each commit itself, the commit
    /// waited for the reader's thread to be scheduled between two of its reads: 10 to 23 % of an
    /// adapter's run, docs/benchmarks.md, adapters, seventh session.) The adapter hears of each
    /// commit on the reading side, in order, between two reads.
    /// </remarks>
    private async Task<AdapterState> IngestAsync(
        AdapterOptions options, RecordMapper mapper, ISourceAdapter adapter, AdapterState from, CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<Task<List<MappedRecord>>>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
        var committed = new ConcurrentQueue<List<RecordOutcome>>();
        using var commitFailed = new CancellationTokenSource();
        var committing = Task.Run(() => CommitAllAsync(options, batches.Reader, from, committed, commitFailed));

        // What committed is heard of even when the run is cancelled: it is done, and an adapter
        // that stopped hearing part-way through the outcomes would lose count of them. An adapter
        // that failed on hearing of a commit hears of no more: its failure is reported.
        var deaf = false;
        async Task HearOfCommits()
        {
            while (!deaf && committed.TryDequeue(out var outcomes))
            {
                try
                {
                    await adapter.CommittedAsync(outcomes, CancellationToken.None);
                }
                catch
                {
                    deaf = true;
                    throw;
                }
            }
        }

        // Set when a hand-over was refused because the commits stopped: no failure of its own.
        var refused = false;
        using var handOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, commitFailed.Token);
        async Task HandOver(Task<List<MappedRecord>> mapping)
        {
            try
            {
                await batches.Writer.WriteAsync(mapping, handOver.Token);
            }
            catch (OperationCanceledException)
            {
                refused = commitFailed.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
                Observe(mapping);
                throw;
            }
        }

        Exception? failure = null;
        try
        {
            var batch = new List<SourceRecord>(BatchSize);
            await foreach (var record in adapter.ReadAsync(from.Position, cancellationToken))
            {
                batch.Add(record);
                if (batch.Count == BatchSize)
                {
                    var read = batch;
                    await HandOver(Task.Run(() => MapAll(mapper, read), CancellationToken.None));
                    batch = new List<SourceRecord>(BatchSize);
                    await HearOfCommits();
                }
            }

            if (batch.Count > 0)
            {
                await HandOver(Task.FromResult(MapAll(mapper, batch)));
            }
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        // Whatever was handed over is committed with its checkpoint, and the adapter hears of it,
        // before a failure of the source (or the run's cancellation) is reported.
        batches.Writer.TryComplete();
        var failures = new List<Exception>();
        var state = from;
        try
        {
            state = await committing;
        }
        catch (Exception commitFailure)
        {
            failures.Add(commitFailure);

            // The batches still waiting are not committed; their mapping is let finish unheard of.
            while (batches.Reader.TryRead(out var waiting))
            {
                Observe(waiting);
            }
        }

        if (failure is not null && !refused)
        {
            failures.Insert(0, failure);
        }

        try
        {
            await HearOfCommits();
        }
        catch (Exception hearing)
        {
            failures.Add(hearing);
        }

        // A cancellation seen in several places is one cancellation.
        if (failures.Count == 1 || (failures.Count > 1 && failures.All(f => f is OperationCanceledException)))
        {
            ExceptionDispatchInfo.Throw(failures[0]);
        }

        return failures.Count == 0 ? state : throw new AggregateException(failures);
    }

    /// <summary>A mapping no one will wait for: its failure, if any, is taken so that it does not surface later, unobserved.</summary>
    private static void Observe(Task mapping) =>
        mapping.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Commits the batches handed over, in order, each as soon as it is mapped and the one before it committed.</summary>
    private async Task<AdapterState> CommitAllAsync(
        AdapterOptions options,
        ChannelReader<Task<List<MappedRecord>>> batches,
        AdapterState state,
        ConcurrentQueue<List<RecordOutcome>> committed,
        CancellationTokenSource failed)
    {
        try
        {
            await foreach (var mapping in batches.ReadAllAsync())
            {
                (state, var outcomes) = Commit(options, await mapping, state);
                committed.Enqueue(outcomes);
            }

            return state;
        }
        catch
        {
            // The reader stops handing over batches.
            await failed.CancelAsync();
            throw;
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
