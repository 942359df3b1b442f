using System.Diagnostics;
using System.Globalization;
using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using LiteDB;

namespace ExchangeNode.Benchmarks;

/// <summary>
/// Ledger append and verify against LiteDB's own insert rate, in one process and one run, each
/// step in a fresh temp folder with a real LiteDB file. A small warm-up pass runs every step
/// first so that no step pays for the JIT of another.
/// </summary>
internal sealed class LedgerBenchmark(int count, TextWriter output)
{
    private const int BatchSize = 500;

    public void Run()
    {
        output.WriteLine($"ledger benchmark: count {count}, batches of {BatchSize}, one-per-transaction count {count / 10}");
        // Twice on up to 20,000 entries, then a pause for the runtime's background compilation: after a
        // warm-up of 2,000 the adapters benchmark's first append still cost 2 to 3 times its warm CPU.
        var warmCount = Math.Min(count, 20_000);
        output.WriteLine($"warming up (count {warmCount}, twice, not reported)...");
        var warmUp = Workload.Create(warmCount);
        for (var round = 0; round < 2; round++)
        {
            new Suite(warmUp, warmCount, TextWriter.Null).Run();
        }

        Thread.Sleep(TimeSpan.FromSeconds(1));

        var generated = Stopwatch.StartNew();
        var workload = Workload.Create(count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"workload generated in {generated.Elapsed.TotalSeconds:F1} s: {workload.CaseEvents.Count} case events (avg record {workload.AverageRecordBytes:F0} B), alerts avg {workload.AverageAlertBytes:F0} B"));
        using var process = Process.GetCurrentProcess();
        var peakBefore = process.PeakWorkingSet64;

        var suite = new Suite(workload, count, output);
        suite.Run();

        process.Refresh();
        Report.Write(output, suite, peakBefore, process.PeakWorkingSet64);
    }

    /// <summary>The steps, in order, and what they measured.</summary>
    internal sealed class Suite(Workload workload, int count, TextWriter output)
    {
        private readonly Timestamp _at = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);

        public List<Measurement> Results { get; } = [];

        public int BaseDocumentBytes { get; private set; }

        public double MeasuredLedgerDocumentBytes { get; private set; }

        /// <summary>Peak working set after steps 1 to 4, before the sub-steps hold every body in memory at once.</summary>
        public long PeakAfterLedgerSteps { get; private set; }

        public void Run()
        {
            var single = count / 10;
            var bodyBytes = (int)Math.Round(workload.CaseEvents.Average(r => (double)Workload.Envelope(r, 1, _at).CalculateSize()));
            BaseDocumentBytes = Workload.LedgerDocumentBytes(bodyBytes, count / 2);
            output.WriteLine($"base documents: {BaseDocumentBytes} BSON bytes (ledger entry with a {bodyBytes}-byte body)");
            Table.WriteHeader(output);

            BaseInsertBulk(count);
            BaseInsertEach(single);
            BaseInsertRecords(count);

            AppendBatched("2a", "ledger append, batched 500, alerts (no view)", workload.Alerts, withPowers: false, verify: false);
            AppendBatched("2b", "ledger append, batched 500, case events (+case views)", workload.CaseEvents, withPowers: true, verify: true);
            AppendEach("3a", "ledger append, 1 per transaction, alerts", workload.Alerts.Take(single).ToList(), withPowers: false);
            AppendEach("3b", "ledger append, 1 per transaction, case events", workload.CaseEvents.Take(single).ToList(), withPowers: true);
            using (var process = Process.GetCurrentProcess())
            {
                PeakAfterLedgerSteps = process.PeakWorkingSet64;
            }

            SubSteps();

            // The base again, last: how much the order of the steps moves the figures.
            BaseInsertBulk(count, "1c", "LiteDB InsertBulk, batches of 500 (base, again, last)");
        }

        private void Add(Measurement measurement)
        {
            Results.Add(measurement);
            Table.WriteRow(output, measurement);
        }

        private void BaseInsertBulk(int n, string key = "1a", string step = "LiteDB InsertBulk, batches of 500 (base)")
        {
            var docs = Workload.PlainDocuments(n, BaseDocumentBytes);
            var (wall, cpu, bytes) = TimedInsertBulk("base-bulk", "plain", docs);
            Add(new Measurement(key, step, n, wall, cpu, bytes));
        }

        /// <summary>
        /// The other reading of the base: the same case events stored the plain way, as ordinary
        /// BSON documents with their fields (converted from their proto3 JSON), InsertBulk in 500s.
        /// </summary>
        private void BaseInsertRecords(int n)
        {
            var formatter = new Google.Protobuf.JsonFormatter(Google.Protobuf.JsonFormatter.Settings.Default);
            var docs = workload.CaseEvents.Take(n)
                .Select((r, i) =>
                {
                    var doc = LiteDB.JsonSerializer.Deserialize(formatter.Format(r.CaseEvent)).AsDocument;
                    doc["_id"] = (long)(i + 1);
                    return doc;
                })
                .ToList();
            var bytes = docs.Take(1000).Average(d => (double)BsonSerializer.Serialize(d).Length);
            var (wall, cpu, store) = TimedInsertBulk("base-records", "cases", docs);
            Add(new Measurement("1d", $"LiteDB InsertBulk of the case events as plain documents ({bytes:F0} B)", n, wall, cpu, store));
        }

        private void BaseInsertEach(int n)
        {
            var docs = Workload.PlainDocuments(n, BaseDocumentBytes);
            using var node = new ScratchNode("base-each");
            TimeSpan wall, cpu;
            using (var db = OpenPlain(node))
            {
                var collection = db.GetCollection("plain");
                (wall, cpu) = Timed.Run(() =>
                {
                    foreach (var doc in docs)
                    {
                        collection.Insert(doc);
                    }
                });
            }

            Add(new Measurement("1b", "LiteDB Insert, 1 per transaction (base)", n, wall, cpu, node.StoreBytes()));
        }

        /// <summary>LiteDB's own InsertBulk of <paramref name="docs"/> in batches, into a fresh file: wall and CPU time, file size.</summary>
        private static (TimeSpan Wall, TimeSpan Cpu, long? StoreBytes) TimedInsertBulk(string name, string collectionName, IReadOnlyList<BsonDocument> docs)
        {
            using var node = new ScratchNode(name);
            TimeSpan wall, cpu;
            using (var db = OpenPlain(node))
            {
                var collection = db.GetCollection(collectionName);
                (wall, cpu) = Timed.Run(() =>
                {
                    foreach (var batch in docs.Chunk(BatchSize))
                    {
                        collection.InsertBulk(batch, BatchSize);
                    }
                });
            }

            return (wall, cpu, node.StoreBytes());
        }

        /// <summary>The batched append (2a, 2b; the adapters benchmark's b1): transactions of <see cref="BatchSize"/> records, each batch's cases read ahead.</summary>
        internal static void AppendInBatches(NodeSession session, IEnumerable<Record> records)
        {
            foreach (var batch in records.Chunk(BatchSize))
            {
                using var transaction = session.Ledger.Begin();
                transaction.Prefetch(batch);
                foreach (var record in batch)
                {
                    transaction.AppendLocal(record, ScratchNode.Code);
                }

                transaction.Commit();
            }
        }

        private static LiteDatabase OpenPlain(ScratchNode node) =>
            new(new ConnectionString { Filename = node.DatabasePath, Connection = ConnectionType.Direct });

        private void AppendBatched(string key, string step, List<Record> records, bool withPowers, bool verify)
        {
            using var node = new ScratchNode(key);
            TimeSpan wall, cpu;
            using (var session = node.Open())
            {
                if (withPowers)
                {
                    AppendPowers(session);
                }

                (wall, cpu) = Timed.Run(() => AppendInBatches(session, records));
                if (verify)
                {
                    Median("4a", "LedgerVerifier.Verify, same session (warm), median of 5", () => VerifyOnce(session.Store.Database));
                    ListCases(session);
                }
            }

            Add(new Measurement(key, step, records.Count, wall, cpu, node.StoreBytes()));
            if (verify)
            {
                Median("4b", "LedgerVerifier.Verify, store reopened, median of 5", () =>
                {
                    using var reopened = NodeStore.Open(node.Directory);
                    return VerifyOnce(reopened.Database);
                });
                using var store = NodeStore.Open(node.Directory);
                // Stored bytes per entry: block documents over the entries they hold (the powers'
                // first block included: 200 of 100,000 entries).
                var blocks = store.Database.GetCollection(LedgerCollections.Entries).FindAll().ToList();
                MeasuredLedgerDocumentBytes = blocks.Sum(doc => (double)BsonSerializer.Serialize(doc).Length) / blocks.Sum(doc => doc[LedgerBlocks.Count].AsInt32);
                ScanAlone(store.Database);
            }
        }

        private void AppendEach(string key, string step, List<Record> records, bool withPowers)
        {
            using var node = new ScratchNode(key);
            TimeSpan wall, cpu;
            using (var session = node.Open())
            {
                if (withPowers)
                {
                    AppendPowers(session);
                }

                (wall, cpu) = Timed.Run(() =>
                {
                    foreach (var record in records)
                    {
                        using var transaction = session.Ledger.Begin();
                        transaction.AppendLocal(record, ScratchNode.Code);
                        transaction.Commit();
                    }
                });
            }

            Add(new Measurement(key, step, records.Count, wall, cpu, node.StoreBytes()));
        }

        private void AppendPowers(NodeSession session)
        {
            using var transaction = session.Ledger.Begin();
            foreach (var power in workload.Powers)
            {
                transaction.AppendLocal(new Record { Power = power }, power.DivisionCode);
            }

            transaction.Commit();
        }

        /// <summary>
        /// What `case list --status` and `--power` cost with no secondary index on the case view:
        /// a read of every case (the view keeps only its serial index; see docs/design.md).
        /// </summary>
        private void ListCases(NodeSession session)
        {
            var cases = session.Store.Database.GetCollection(LedgerCollections.Cases).Count();
            var listed = 0;
            var (wall, cpu) = Timed.Run(() => listed = session.Cases.List(NodeAgent.Cases.CaseStatus.Suspended, powerCode: null).Count());
            Add(new Measurement("s9", $"sub-step: case list --status Suspended, {cases} cases read through ({listed} listed)", cases, wall, cpu, null));
            var power = workload.Powers[0].Code;
            (wall, cpu) = Timed.Run(() => listed = session.Cases.List(status: null, power).Count());
            Add(new Measurement("s10", $"sub-step: case list --power, {cases} cases read through ({listed} listed)", cases, wall, cpu, null));
        }

        /// <summary>
        /// A step timed five times, kept at its run of median wall time: one verify lasts 0.05 to 0.3 s,
        /// less than the swings of a shared machine.
        /// </summary>
        private void Median(string key, string step, Func<(TimeSpan Wall, TimeSpan Cpu, long Entries)> once)
        {
            var runs = Enumerable.Range(0, 5).Select(_ => once()).OrderBy(run => run.Wall).ToList();
            var (wall, cpu, entries) = runs[runs.Count / 2];
            Add(new Measurement(key, step, entries, wall, cpu, null));
        }

        private static (TimeSpan Wall, TimeSpan Cpu, long Entries) VerifyOnce(LiteDatabase database)
        {
            VerifyReport? report = null;
            var (wall, cpu) = Timed.Run(() => report = LedgerVerifier.Verify(database, CancellationToken.None));
            if (report is not { Intact: true })
            {
                throw new InvalidOperationException($"verify found a problem: {report?.Problem}");
            }

            return (wall, cpu, report.Entries);
        }

        /// <summary>What verify pays LiteDB alone: the ordered scan of the blocks (as verify reads them), and finding the entries in them.</summary>
        private void ScanAlone(LiteDatabase database)
        {
            long n = 0;
            var positions = new List<BlockEntry>(LedgerBlocks.MaxEntries);
            var (wall, cpu) = Timed.Run(() =>
            {
                foreach (var doc in LedgerVerifier.ReadInOrder(database.GetCollection(LedgerCollections.Entries)))
                {
                    if (LedgerBlocks.TryRead(doc, positions, out _, out _))
                    {
                        n += positions.Count;
                    }
                }
            });
            Add(new Measurement("s5", "sub-step: LiteDB ordered scan of the blocks + LedgerBlocks.TryRead (verify's read)", n, wall, cpu, null));
        }

        /// <summary>The parts of an append and of a verify, each alone, over the case events of mix (b).</summary>
        private void SubSteps()
        {
            var records = workload.CaseEvents;
            var bodies = new byte[records.Count][];
            var (wall, cpu) = Timed.Run(() =>
            {
                for (var i = 0; i < records.Count; i++)
                {
                    bodies[i] = Workload.Envelope(records[i], i + 1, _at).ToByteArray();
                }
            });
            Add(new Measurement("s1", "sub-step: EntryBody build + protobuf serialize", records.Count, wall, cpu, null));

            var hashes = new byte[records.Count][];
            (wall, cpu) = Timed.Run(() =>
            {
                var previous = EntryHash.Genesis;
                for (var i = 0; i < bodies.Length; i++)
                {
                    previous = hashes[i] = EntryHash.Compute(previous, bodies[i]);
                }
            });
            Add(new Measurement("s2", "sub-step: SHA-256 chain", records.Count, wall, cpu, null));

            var entries = new LedgerEntry[records.Count];
            List<BsonDocument> blocks = [];
            (wall, cpu) = Timed.Run(() =>
            {
                for (var i = 0; i < bodies.Length; i++)
                {
                    entries[i] = new LedgerEntry
                    {
                        Body = UnsafeByteOperations.UnsafeWrap(bodies[i]),
                        PreviousHash = UnsafeByteOperations.UnsafeWrap(i == 0 ? EntryHash.Genesis : hashes[i - 1]),
                        Hash = UnsafeByteOperations.UnsafeWrap(hashes[i]),
                    };
                }

                for (var start = 0; start < entries.Length; start += BatchSize)
                {
                    blocks.AddRange(LedgerBlocks.Pack(start + 1, entries[start..Math.Min(start + BatchSize, entries.Length)]));
                }

                foreach (var block in blocks)
                {
                    _ = BsonSerializer.Serialize(block);
                }
            });
            Add(new Measurement("s3", "sub-step: LedgerEntry + LedgerBlocks.Pack + BSON serialize of the blocks", records.Count, wall, cpu, null));

            (wall, cpu, var entriesBytes) = TimedInsertBulk("entries-only", LedgerCollections.Entries, blocks);
            Add(new Measurement("s4", "sub-step: InsertBulk of the ledger's block documents alone", records.Count, wall, cpu, entriesBytes));

            var parsed = new EntryBody[bodies.Length];
            (wall, cpu) = Timed.Run(() =>
            {
                for (var i = 0; i < bodies.Length; i++)
                {
                    parsed[i] = EntryBody.Parser.ParseFrom(bodies[i]);
                }
            });
            Add(new Measurement("s6", "sub-step: full EntryBody parse (verify before; the input of s7)", records.Count, wall, cpu, null));

            long checksum = 0;
            (wall, cpu) = Timed.Run(() =>
            {
                for (var i = 0; i < bodies.Length; i++)
                {
                    checksum += EntryBodyHeader.Read(bodies[i], 0, bodies[i].Length)!.Value.Sequence;
                }
            });
            Add(new Measurement("s8", "sub-step: EntryBodyHeader.Read, envelope fields only (verify's read of the body)", records.Count, wall, cpu, null));
            if (checksum != (long)bodies.Length * (bodies.Length + 1) / 2)
            {
                throw new InvalidOperationException("the partial parse read the wrong sequences");
            }

            using (var node = new ScratchNode("views-only"))
            {
                using var session = node.Open();
                AppendPowers(session);
                var projector = session.Ledger.Projector;
                var database = session.Store.Database;
                var first = session.Ledger.Count + 1;
                (wall, cpu) = Timed.Run(() =>
                {
                    // As a LedgerTransaction does: the writer holds the lock (the projector's lookups are the writer's).
                    using var writer = session.Ledger.WriterLock.EnterScope();
                    for (var start = 0; start < parsed.Length; start += BatchSize)
                    {
                        database.BeginTrans();
                        projector.Prefetch(parsed.Skip(start).Take(BatchSize).Select(body => body.Record.CaseEvent));
                        for (var i = start; i < Math.Min(start + BatchSize, parsed.Length); i++)
                        {
                            projector.Apply(first + i, parsed[i]);
                        }

                        // As LedgerTransaction.Commit does: Apply only fills the projector's pending
                        // case documents; Flush writes each once into the open LiteDB transaction.
                        projector.Flush();
                        database.Commit();
                    }
                });
                Add(new Measurement("s7", "sub-step: ViewProjector.Apply + Flush alone, batched 500 (case views)", parsed.Length, wall, cpu, null));
            }
        }
    }
}
