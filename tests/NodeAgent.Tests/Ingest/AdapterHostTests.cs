using System.Globalization;
using System.Runtime.CompilerServices;
using ExchangeNode.Adapters;
using ExchangeNode.NodeAgent.Ingest;
using ExchangeNode.NodeAgent.Sync;
using ExchangeNode.NodeAgent.Tests.Cases;
using ExchangeNode.NodeAgent.Tests.Ledger;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Ingest;

/// <summary>The adapter runner with an in-test source: positions commit with entries; a failing source resumes without duplicates.</summary>
public sealed class AdapterHostTests : IDisposable
{
    private const string Name = "legacy";

    private readonly TestNode _node = TestNode.County();
    private readonly ListSource _source = new();

    public AdapterHostTests()
    {
        _node.ImportPowers(Validation.ValidRecords.Power());
    }

    public void Dispose() => _node.Dispose();

    private AdapterHost Host() => new(
        _node.Session,
        [
            new AdapterOptions
            {
                Name = Name,
                Kind = "in-test",
                Target = "case",
                Interval = TimeSpan.FromMinutes(5),
                Mapping = { ["case_serial"] = "办件流水号", ["occurred_at"] = "受理时间", ["acceptance.counterpart.id_number"] = "证件号码" },
                Defaults =
                {
                    ["event_id"] = "1", ["kind"] = "受理", ["post"] = "受理岗", ["actor"] = "张三",
                    ["acceptance.power_code"] = "320321-XK-001", ["acceptance.power_version"] = "1", ["acceptance.title"] = "食品经营许可申请",
                    ["acceptance.counterpart.kind"] = "个人", ["acceptance.counterpart.name"] = "李四", ["acceptance.counterpart.id_type"] = "居民身份证",
                    ["acceptance.division_code"] = "320321", ["acceptance.channel"] = "窗口",
                },
            },
        ],
        new AdapterCatalog(new Dictionary<string, (IAdapterFactory, string)> { ["in-test"] = (_source, "test") }));

    private static Dictionary<string, string> Row(int n, string idNumber = Validation.ValidRecords.ResidentId) => new()
    {
        ["办件流水号"] = string.Create(CultureInfo.InvariantCulture, $"320321-2024-{n:D6}"),
        ["受理时间"] = "2024-05-06 09:30",
        ["证件号码"] = idNumber,
    };

    [Fact]
    public async Task Run_EntriesOfRecordsEncodedWhileMapped_AreTheBytesOfTheirWholeBodies_AndTheChainHolds()
    {
        _source.Rows.AddRange(Enumerable.Range(1, 1100).Select(n => Row(n)));
        using var host = Host();

        await host.RunAsync(Name, CancellationToken.None);

        var entries = _node.Session.Ledger.ReadFrom().ToList();
        Assert.Equal(1 + 1100, entries.Count);
        Assert.All(entries, stored => Assert.Equal(Google.Protobuf.MessageExtensions.ToByteArray(stored.Body), stored.Entry.Body.ToByteArray()));
        Assert.True(ExchangeNode.NodeAgent.Ledger.LedgerVerifier.Verify(_node.Session.Ledger, null, CancellationToken.None).Intact);
    }

    [Fact]
    public async Task Run_CommitsThePositionWithTheEntries_AndReportsEachOutcome()
    {
        _source.Rows.AddRange([Row(1), Row(2, "110105194912310021"), Row(3)]);
        using var host = Host();

        var run = await host.RunAsync(Name, CancellationToken.None);

        Assert.Equal((2L, 0L, 1L), (run.Accepted, run.Unchanged, run.Rejected));
        Assert.Equal("3", host.Checkpoints.Get(Name).Position);
        Assert.Equal(1 + 2, _node.Session.Ledger.Count);
        Assert.Equal([IngestOutcome.Accepted, IngestOutcome.Rejected, IngestOutcome.Accepted], _source.Outcomes.Select(o => o.Outcome));
        var quarantined = Assert.Single(_node.Session.Quarantine.List("case", Name));
        Assert.Equal("rows:2", quarantined.Source);
        Assert.Contains("110105194912310021", quarantined.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AfterTheSourceFailedMidRun_ResumesAtTheLastCommittedBatch_WithoutDuplicates()
    {
        _source.Rows.AddRange(Enumerable.Range(1, 1200).Select(n => Row(n)));
        _source.FailAfter = 1100;
        using var host = Host();

        await Assert.ThrowsAsync<IOException>(() => host.RunAsync(Name, CancellationToken.None));

        // Two batches of 500 committed; the 100 read after them were not, and are read again.
        var failed = host.Checkpoints.Get(Name);
        Assert.Equal("1000", failed.Position);
        Assert.Equal(1000, failed.Accepted);
        Assert.Contains("source broke", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(1 + 1000, _node.Session.Ledger.Count);

        _source.FailAfter = null;
        var resumed = await host.RunAsync(Name, CancellationToken.None);

        Assert.Equal("1000", _source.Asked[^1]);
        Assert.Equal((200L, 0L, 0L), (resumed.Accepted, resumed.Unchanged, resumed.Rejected));
        Assert.Equal(1 + 1200, _node.Session.Ledger.Count);
        Assert.Equal(1200, _node.Session.Cases.List(null, null).Count());
        Assert.Equal(string.Empty, host.Checkpoints.Get(Name).LastError);
    }

    [Fact]
    public async Task Run_WhenTheAdapterFailsOnHearingOfACommit_ThatCommitStands_AndItIsHeardOfOnce()
    {
        _source.Rows.AddRange(Enumerable.Range(1, 1200).Select(n => Row(n)));
        _source.FailOnHearing = true;
        using var host = Host();

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.RunAsync(Name, CancellationToken.None));

        // Heard of once, the first batch; the batches handed over before the failure committed
        // after it, each with its checkpoint (how many were depends on the threads' timing).
        Assert.Equal(500, _source.Outcomes.Count);
        var failed = host.Checkpoints.Get(Name);
        Assert.True(failed.Position is "500" or "1000" or "1200", failed.Position);
        Assert.Contains("archive full", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(1 + long.Parse(failed.Position, CultureInfo.InvariantCulture), _node.Session.Ledger.Count);

        _source.FailOnHearing = false;
        await host.RunAsync(Name, CancellationToken.None);

        Assert.Equal(failed.Position, _source.Asked[^1]);
        Assert.Equal(1 + 1200, _node.Session.Ledger.Count);
        Assert.Equal(1200, _node.Session.Cases.List(null, null).Count());
    }

    [Fact]
    public async Task Run_WhenACommitFails_NothingOfThatBatchLands_TheReadingStops_AndTheFailureIsReported()
    {
        // Row 2,000 ends the fourth batch with a position too large for a LiteDB document: that
        // batch's commit fails in the store, for real.
        _source.Rows.AddRange(Enumerable.Range(1, 10_000).Select(n => Row(n)));
        _source.HugePositionAt = 2000;
        using var host = Host();

        var failure = await Assert.ThrowsAsync<LiteDB.LiteException>(() => host.RunAsync(Name, CancellationToken.None));

        var failed = host.Checkpoints.Get(Name);
        Assert.Equal("1500", failed.Position);
        Assert.Equal(1500, failed.Accepted);
        Assert.Equal(failure.Message, failed.LastError);
        Assert.Equal(1 + 1500, _node.Session.Ledger.Count);
        Assert.True(_source.Outcomes.Count <= 1500, $"heard of {_source.Outcomes.Count}");

        // The reader stopped a few batches after the failure, not at the source's end.
        Assert.InRange(_source.Handed, 2000, 4000);

        _source.HugePositionAt = null;
        var resumed = await host.RunAsync(Name, CancellationToken.None);

        Assert.Equal("1500", _source.Asked[^1]);
        Assert.Equal(8500, resumed.Accepted);
        Assert.Equal(1 + 10_000, _node.Session.Ledger.Count);
        Assert.Equal(10_000, _node.Session.Cases.List(null, null).Count());
    }

    [Fact]
    public async Task Run_CancelledMidRun_CommitsWhatWasHandedOver_WithItsPosition_AndTheNextRunTakesTheRest()
    {
        _source.Rows.AddRange(Enumerable.Range(1, 5000).Select(n => Row(n)));
        using var stop = new CancellationTokenSource();
        _source.CancelAt = (2200, stop);
        using var host = Host();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.RunAsync(Name, stop.Token));

        var stopped = host.Checkpoints.Get(Name);
        var committed = long.Parse(stopped.Position!, CultureInfo.InvariantCulture);
        Assert.True(committed % 500 == 0 && committed is >= 500 and <= 2500, stopped.Position);
        Assert.Equal(committed, stopped.Accepted);
        Assert.Equal(1 + committed, _node.Session.Ledger.Count);

        // A cancellation, not a failure; and the adapter heard of all that committed, though it
        // honours the cancelled token when it hears.
        Assert.Equal(string.Empty, stopped.LastError);
        Assert.Equal(committed, _source.Outcomes.Count);

        var resumed = await host.RunAsync(Name, CancellationToken.None);

        Assert.Equal(stopped.Position, _source.Asked[^1]);
        Assert.Equal(5000 - committed, resumed.Accepted);
        Assert.Equal(5000, _node.Session.Cases.List(null, null).Count());
    }

    [Fact]
    public async Task Run_Again_WithNothingNew_AppendsNothing()
    {
        _source.Rows.AddRange(Enumerable.Range(1, 10).Select(n => Row(n)));
        using var host = Host();
        await host.RunAsync(Name, CancellationToken.None);

        var again = await host.RunAsync(Name, CancellationToken.None);

        Assert.Equal((0L, 0L, 0L), (again.Accepted, again.Unchanged, again.Rejected));
        Assert.Equal(1 + 10, _node.Session.Ledger.Count);
        Assert.Equal("10", host.Checkpoints.Get(Name).Position);
    }

    [Fact]
    public async Task Run_CheckpointSurvivesReopeningTheNode()
    {
        _source.Rows.AddRange(Enumerable.Range(1, 3).Select(n => Row(n)));
        using (var host = Host())
        {
            await host.RunAsync(Name, CancellationToken.None);
        }

        _node.Reopen();
        _source.Rows.Add(Row(4));
        using var reopened = Host();
        var run = await reopened.RunAsync(Name, CancellationToken.None);

        Assert.Equal("3", _source.Asked[^1]);
        Assert.Equal(1, run.Accepted);
        Assert.Equal(1 + 4, _node.Session.Ledger.Count);
    }

    [Fact]
    public async Task Run_WhileOwnEntriesTheParentHoldsAreMissing_ReadsNothing_AndSaysWhyUntilTheyAreBack()
    {
        _source.Rows.AddRange(Enumerable.Range(1, 3).Select(n => Row(n)));
        var head = _node.Session.Ledger.HeadOf(TestNode.CountyCode)!;
        _node.Session.ParentAck.Raise(head.Sequence + 2, head.Hash);
        using var host = Host();

        var refused = await Assert.ThrowsAsync<OwnEntriesMissingException>(() => host.RunAsync(Name, CancellationToken.None));

        Assert.Empty(_source.Asked);
        Assert.Null(host.Checkpoints.Get(Name).Position);
        Assert.Equal(refused.Message, host.Checkpoints.Get(Name).LastError);
        Assert.Equal(1, _node.Session.Ledger.Count);

        // Both sides lost them: the record comes down, and the next run takes the rows.
        _node.Session.ParentAck.Lower(head.Sequence, head.Hash);
        var run = await host.RunAsync(Name, CancellationToken.None);
        Assert.Equal(3, run.Accepted);
        Assert.Equal(string.Empty, host.Checkpoints.Get(Name).LastError);
    }

    /// <summary>A source of rows in memory; the position is the number of rows handed over. It can break after some rows, as a network does.</summary>
    private sealed class ListSource : IAdapterFactory, ISourceAdapter
    {
        public List<Dictionary<string, string>> Rows { get; } = [];

        public int? FailAfter { get; set; }

        public List<string?> Asked { get; } = [];

        /// <summary>The row whose position is too large to be stored (a store that fails a commit).</summary>
        public int? HugePositionAt { get; set; }

        /// <summary>The row on reaching which the run is cancelled, as a service stopping does.</summary>
        public (int Row, CancellationTokenSource Source)? CancelAt { get; set; }

        /// <summary>Rows handed over in the last read.</summary>
        public int Handed { get; private set; }

        /// <summary>Fails on hearing of a commit, as a drop folder whose archive cannot be written does.</summary>
        public bool FailOnHearing { get; set; }

        public List<RecordOutcome> Outcomes { get; } = [];

        public string Kind => "in-test";

        public ISourceAdapter Create(AdapterSettings settings) => this;

        public async IAsyncEnumerable<SourceRecord> ReadAsync(string? position, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Asked.Add(position);
            var start = position is null ? 0 : int.Parse(position, CultureInfo.InvariantCulture);
            var handed = 0;
            Handed = 0;
            for (var i = start; i < Rows.Count; i++)
            {
                if (handed++ == FailAfter)
                {
                    throw new IOException("source broke");
                }

                if (CancelAt is { } cancel && i + 1 == cancel.Row)
                {
                    await cancel.Source.CancelAsync();
                }

                await Task.Yield();
                var at = (i + 1).ToString(CultureInfo.InvariantCulture);
                Handed = handed;
                yield return new SourceRecord(Rows[i], i + 1 == HugePositionAt ? at + new string(' ', 17 * 1024 * 1024) : at, "rows:" + at);
            }
        }

        public ValueTask CommittedAsync(IReadOnlyList<RecordOutcome> outcomes, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Outcomes.AddRange(outcomes);
            return FailOnHearing ? throw new InvalidOperationException("archive full") : ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
