using System.Buffers;
using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExchangeNode.Adapters;
using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Import;
using ExchangeNode.NodeAgent.Ingest;
using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.V1;
using ExchangeNode.Samples.Generator;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using MiniExcelLibs;
using Npgsql;
using NpgsqlTypes;

namespace ExchangeNode.Benchmarks;

/// <summary>
/// Issue 4, "Measured": ingest throughput of each built-in adapter (drop folder CSV and .xlsx,
/// database PostgreSQL and SQLite, HTTP JSON) on N case-event rows through
/// <see cref="AdapterHost.RunAsync"/>, against the batched ledger append rate of the same
/// events in the same run. Every step runs in a fresh county node 320321 holding the same powers.
/// </summary>
internal sealed class AdaptersBenchmark(int count, bool skipPostgres, bool skipXlsx, int rounds, TextWriter output)
{
    private const string PgBin = "/usr/lib/postgresql/15/bin";
    private const string TableName = "cases";
    private const int PageSize = 500;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Chinese text as UTF-8: as the quarantine keeps raw fields (s2), and as the legacy HTTP endpoint
    // writes its items, as a Java system's JSON library does by default (Jackson, fastjson), not
    // System.Text.Json's default of a \uXXXX escape per character: six bytes to read instead of
    // three. The functional tests send escaped text too.
    private static readonly JsonSerializerOptions RawUtf8 = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<Measurement> _results = [];
    private readonly Dictionary<string, string> _notes = [];

    // Each adapter's step and the step that reads its source alone, as Measured ran them.
    private readonly Dictionary<string, string> _reads = [];
    private IReadOnlyList<Power> _powers = [];
    private List<CaseEvent> _events = [];
    private List<Record> _records = [];
    private List<Dictionary<string, string>> _rows = [];
    private List<string> _columns = [];
    private string _root = string.Empty;

    // The CPU the legacy database's server has used so far, while a step reads one on this machine.
    private Func<TimeSpan>? _legacyServerCpu;

    public void Run()
    {
        var load = Uptime();
        var started = DateTime.UtcNow;
        output.WriteLine($"adapters benchmark: {count} case-event rows; load before: {load}");
        _root = Path.Combine(Path.GetTempPath(), "exchange-node-bench", $"adapters-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
        try
        {
            Generate();
            Table.WriteHeader(output);
            Warmup();

            // a. The bases.
            AppendBase("b1", "base: LedgerTransaction.AppendLocal, batched 500 (+case views)");
            ImporterBase("b2", "base: RecordImporter.Import (CaseBook.Admit + append), batched 500");
            Adapter("b3", "base: AdapterHost.RunAsync, in-memory source (map+validate+append)", "memory", MemorySettings, prepare: null);
            SubSteps();

            // b. Drop folder.
            var csv = Path.Combine(_root, "cases.csv");
            var csvBytes = WriteCsv(csv);
            _notes["csv"] = string.Create(C, $"{csvBytes / 1048576.0:F1} MB UTF-8 CSV, {_columns.Count} columns");
            Measured("r1", "drop-folder CSV", "d1", "drop-folder CSV (UTF-8), marker completion", "drop-folder", DropSettings, dir => Drop(csv, dir));
            if (!skipXlsx)
            {
                var xlsx = Path.Combine(_root, "cases.xlsx");
                var xlsxBytes = WriteXlsx(xlsx);
                _notes["xlsx"] = string.Create(C, $"{xlsxBytes / 1048576.0:F1} MB .xlsx (MiniExcel)");
                Measured("r2", "drop-folder .xlsx", "d2", "drop-folder .xlsx, marker completion", "drop-folder", DropSettings, dir => Drop(xlsx, dir));

                // The same rows as Excel itself and Java's Apache POI save them.
                var shared = Path.Combine(_root, "cases-shared.xlsx");
                var sharedBytes = WriteSharedStringsXlsx(shared);
                _notes["xlsx, shared strings"] = string.Create(C, $"{sharedBytes / 1048576.0:F1} MB .xlsx (texts in the shared string table, empty cells left out)");
                Measured("r2s", "drop-folder .xlsx, shared strings", "d3", "drop-folder .xlsx of shared strings, marker completion", "drop-folder", DropSettings, dir => Drop(shared, dir));

                // The same rows as POI's streaming writer saves them.
                var inline = Path.Combine(_root, "cases-inline.xlsx");
                var inlineBytes = WriteInlineStringsXlsx(inline);
                _notes["xlsx, inline strings"] = string.Create(C, $"{inlineBytes / 1048576.0:F1} MB .xlsx (every text inline in its cell, every cell written, as POI's SXSSF writes)");
                Measured("r2i", "drop-folder .xlsx, inline strings", "d4", "drop-folder .xlsx of inline strings, marker completion", "drop-folder", DropSettings, dir => Drop(inline, dir));
            }

            // c. Database.
            if (!skipPostgres)
            {
                WithPostgres(connectionString =>
                {
                    Dictionary<string, string> Settings(string dir) => new()
                    {
                        ["Provider"] = "postgresql", ["ConnectionString"] = connectionString, ["Table"] = TableName, ["Watermark"] = "id",
                    };
                    Measured("r3", "database PostgreSQL", "p1", "database PostgreSQL (Npgsql), watermark id", "database", Settings, prepare: null);
                });
            }

            var sqliteFile = Path.Combine(_root, "legacy.db");
            CreateSqlite(sqliteFile);
            Dictionary<string, string> SqliteSettings(string dir) => new()
            {
                ["Provider"] = "sqlite", ["ConnectionString"] = $"Data Source={sqliteFile};Mode=ReadOnly", ["Table"] = TableName, ["Watermark"] = "id",
            };
            Measured("r4", "database SQLite", "q1", "database SQLite, watermark id", "database", SqliteSettings, prepare: null);

            // d. HTTP JSON.
            var api = LegacyApi.Start(_rows);
            try
            {
                Dictionary<string, string> HttpSettings(string dir) => new()
                {
                    ["Url"] = api.Url, ["PageSize"] = PageSize.ToString(C), ["Timeout"] = "00:01:00",
                };
                Measured("r5", "http-json", "h1", "http-json, in-process Kestrel, pages of 500", "http-json", HttpSettings, prepare: null);

            }
            finally
            {
                api.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            Summary(load, started);
        }
        finally
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void Generate()
    {
        var stopwatch = Stopwatch.StartNew();
        _powers = SyntheticData.FengxianPowers();
        _events = new SyntheticData(seed: 7).CaseEvents(_powers, ScratchNode.Code, count).Take(count).ToList();
        _records = _events.ConvertAll(e => new Record { CaseEvent = e });
        if (_events.Count < count)
        {
            throw new InvalidOperationException($"the generator gave {_events.Count} events, not {count}");
        }

        _rows = _events.Select(LegacyRows.Flatten).ToList();
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in _rows.SelectMany(r => r.Keys))
        {
            if (seen.Add(key))
            {
                columns.Add(key);
            }
        }

        _columns = columns;

        // Every row holds every column, as an export does (a cell left empty is an empty string).
        _rows = _rows.Select(r => columns.ToDictionary(c => c, c => r.GetValueOrDefault(c, string.Empty), StringComparer.Ordinal)).ToList();
        output.WriteLine(string.Create(C,
            $"generated {_events.Count} case events of {_events.Select(e => e.CaseSerial).Distinct().Count()} cases on {_powers.Count} powers, flattened to {_columns.Count} legacy columns, in {stopwatch.Elapsed.TotalSeconds:F1} s"));
    }

    /// <summary>
    /// JIT and first-use costs out of the way, untimed: the append and the adapter host each twice
    /// on 20,000 rows, then a pause for the runtime's background compilation. Measured with a
    /// warm-up of 1,000 rows, the first b1 cost 12.7 to 16.9 µs CPU a row and the same b1 run again
    /// after the adapters 5.0 to 7.7: the ratios then compared warm adapters with a cold base.
    /// </summary>
    private void Warmup()
    {
        var n = Math.Min(20_000, count);
        var records = _records.GetRange(0, n);
        for (var round = 0; round < 2; round++)
        {
            using (var node = new ScratchNode("warmup-append"))
            using (var session = node.Open())
            {
                ImportPowers(session);
                LedgerBenchmark.Suite.AppendInBatches(session, records);
            }

            using (var node = Node("warmup", "memory", MemorySettings, n))
            using (var session = node.Open())
            {
                ImportPowers(session);
                Host(session).RunAsync("bench", CancellationToken.None).GetAwaiter().GetResult();
            }
        }

        Thread.Sleep(TimeSpan.FromSeconds(1));
    }

    private void AppendBase(string key, string step)
    {
        using var node = new ScratchNode("append");
        using var session = node.Open();
        ImportPowers(session);
        var timing = Timed.Run(() => LedgerBenchmark.Suite.AppendInBatches(session, _records));
        Record(Measurement.Of(key, step, _records.Count, timing));
        Verify(session, key);
    }

    private void ImporterBase(string key, string step)
    {
        using var node = new ScratchNode("importer");
        using var session = node.Open();
        ImportPowers(session);
        var rows = _events.Select((e, i) => new ImportRow<CaseEvent>(string.Create(C, $"row {i + 1}"), string.Empty, e, [])).ToList();
        ImportSummary? summary = null;
        var timing = Timed.Run(() => summary = session.Importer.Import(
            "bench", "case", rows, session.Cases.Admit, session.Cases.JurisdictionOf, CancellationToken.None));
        Record(Measurement.Of(key, step, rows.Count, timing));
        if (summary!.Accepted != count)
        {
            throw new InvalidOperationException($"{key}: {summary.Accepted} accepted, {summary.Rejections.Count} rejected, e.g. {summary.Rejections.FirstOrDefault()}");
        }

        Verify(session, key);
    }

    private void Adapter(string key, string step, string kind, Func<string, Dictionary<string, string>> settings, Action<string>? prepare)
    {
        using var node = Node(key, kind, settings, count);
        prepare?.Invoke(node.Directory);
        using var session = node.Open();
        ImportPowers(session);
        var host = kind == "memory" ? Host(session) : session.Adapters;
        AdapterState? state = null;
        var serverBefore = _legacyServerCpu?.Invoke();
        var timing = Timed.Run(() => state = host.RunAsync("bench", CancellationToken.None).GetAwaiter().GetResult());
        Record(Measurement.Of(key, step, count, timing));
        LegacyServerLine(serverBefore, count);
        if (state!.Accepted != count || state.Rejected != 0)
        {
            var first = session.Quarantine.List(null).FirstOrDefault();
            throw new InvalidOperationException($"{key}: accepted {state.Accepted}, rejected {state.Rejected}, unchanged {state.Unchanged}; first quarantined: {(first is null ? "-" : JsonSerializer.Serialize(first))}");
        }

        Verify(session, key);
    }

    /// <summary>
    /// One adapter measured: its source read alone (step <paramref name="read"/>), its first run,
    /// then its rounds (step <paramref name="key"/>), all on the same source.
    /// </summary>
    private void Measured(string read, string source, string key, string step, string kind, Func<string, Dictionary<string, string>> settings, Action<string>? prepare)
    {
        ReadAlone(read, "  source read alone: " + source, kind, settings, prepare);
        FirstRun(key, kind, settings, prepare);
        Compared(key, step, kind, settings, prepare);
        _reads[key] = read;
    }

    /// <summary>
    /// The adapter timed <c>rounds</c> times, each followed by b1 again: each round is compared
    /// with the b1 just before it and the b1 just after it, and the adapter's verdict is the median
    /// of its rounds (see <see cref="Summary"/>). Keys: d1 and b1+d1 for the first round, d1#2 and
    /// b1+d1#2 for the second, and so on.
    /// </summary>
    private void Compared(string key, string step, string kind, Func<string, Dictionary<string, string>> settings, Action<string>? prepare)
    {
        for (var round = 1; round <= rounds; round++)
        {
            var suffix = round == 1 ? string.Empty : string.Create(C, $"#{round}");
            Adapter(key + suffix, step, kind, settings, prepare);
            AppendBase("b1+" + key + suffix, "  base b1 again, right after " + key + suffix);
        }
    }

    /// <summary>
    /// The adapter run once before it is timed, in a node of its own, and reported as such (key
    /// "d1 first" …), then a pause for the runtime's background compilation: the adapter is compared
    /// with a warm b1, so it is timed warm too. Measured without it, the timed run of an adapter was
    /// partly its first: the PostgreSQL adapter repeated in one process ran at 100,758 to 107,083
    /// rows/s (13.9 to 15.5 µs CPU a row) after a first run of 57,820 (27.8), where the timed runs
    /// after only its source's read gave 74,012 to 80,867 (19.4 to 21.5). A node's adapter runs on
    /// a schedule all day: its steady rate is the one a county sees.
    /// </summary>
    private void FirstRun(string key, string kind, Func<string, Dictionary<string, string>> settings, Action<string>? prepare)
    {
        Adapter(key + " first", "  the same adapter's first run (warm-up, not compared)", kind, settings, prepare);
        Thread.Sleep(TimeSpan.FromSeconds(1));
    }

    /// <summary>Parts of AdapterHost's per-record work, each alone: RecordMapper.Map, and the raw JSON it serializes for every record.</summary>
    private void SubSteps()
    {
        var mapping = _columns.ToDictionary(c => c, c => c);
        var mapper = RecordMapper.Create(CaseEvent.Descriptor, mapping, new Dictionary<string, string>());

        // Rows as the built-in adapters hand them over: their cells over the table's one set of columns.
        var columns = new Columns(_columns);
        var rows = _rows.ConvertAll(r => (IReadOnlyDictionary<string, string>)new RowDictionary(columns, [.. _columns.Select(c => r.GetValueOrDefault(c, string.Empty))]));
        var mapped = new List<IMessage>(rows.Count);
        var timing = Timed.Run(() =>
        {
            foreach (var row in rows)
            {
                if (mapper.Map(row).Record is { } record)
                {
                    mapped.Add(record);
                }
            }
        });
        Record(Measurement.Of("s1", "  sub-step: RecordMapper.Map alone", _rows.Count, timing));
        if (mapped.Count != rows.Count)
        {
            throw new InvalidOperationException($"s1: {rows.Count - mapped.Count} rows did not map");
        }

        var problems = 0;
        timing = Timed.Run(() =>
        {
            foreach (var record in mapped)
            {
                problems += ExchangeNode.NodeAgent.Cases.CaseBook.Check((CaseEvent)record).Count;
            }
        });
        Record(Measurement.Of("s3", "  sub-step: CaseBook.Check alone (CaseEventRules)", mapped.Count, timing));
        var encoded = 0L;
        timing = Timed.Run(() =>
        {
            foreach (var record in mapped)
            {
                encoded += ExchangeNode.NodeAgent.Ledger.EncodedRecord.Of(record).Bytes.Length;
            }
        });
        Record(Measurement.Of("s4", "  sub-step: EncodedRecord.Of alone", mapped.Count, timing));

        var bytes = 0L;
        timing = Timed.Run(() =>
        {
            foreach (var row in _rows)
            {
                bytes += JsonSerializer.Serialize<IReadOnlyDictionary<string, string>>(row, RawUtf8).Length;
            }
        });
        Record(Measurement.Of("s2", "  sub-step: raw-fields JSON (AdapterHost.Offer, a rejected record)", _rows.Count, timing));
    }

    /// <summary>
    /// The adapter's ReadAsync alone, no mapping or commit: what the source costs. Read once
    /// untimed first, as every timed step here is warm: a first read carries the source path's
    /// first use (timed cold, the PostgreSQL read cost 10.8 to 12.6 µs CPU a row, warm 2.6 to 5.7).
    /// </summary>
    private void ReadAlone(string key, string step, string kind, Func<string, Dictionary<string, string>> settings, Action<string>? prepare)
    {
        _ = ReadOnce(key + "-first", kind, settings, prepare);
        var serverBefore = _legacyServerCpu?.Invoke();
        var (timing, read) = ReadOnce(key, kind, settings, prepare);
        Record(Measurement.Of(key, step, read, timing));
        LegacyServerLine(serverBefore, read);
        if (read != count)
        {
            throw new InvalidOperationException($"{key}: read {read} records, not {count}");
        }
    }

    private (Timing Timing, long Read) ReadOnce(string key, string kind, Func<string, Dictionary<string, string>> settings, Action<string>? prepare)
    {
        using var node = Node(key, kind, settings, count);
        prepare?.Invoke(node.Directory);
        var options = new AdapterOptions { Name = "bench", Kind = kind, Settings = settings(node.Directory) };
        var catalog = AdapterCatalog.Load(Path.Combine(node.Directory, "no-plugins"));
        var read = 0L;
        var timing = Timed.Run(() =>
        {
            var adapter = catalog.Create(options, node.Directory);
            try
            {
                var records = adapter.ReadAsync(null, CancellationToken.None).GetAsyncEnumerator();
                while (records.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    if (!records.Current.IsEndOfUnit)
                    {
                        read++;
                    }
                }

                records.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            finally
            {
                adapter.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        });
        return (timing, read);
    }

    private void Verify(NodeSession session, string key)
    {
        var cases = session.Ledger.ReadFrom().Count(e => e.Body.Record.KindCase == Protocol.V1.Record.KindOneofCase.CaseEvent);
        if (cases != count)
        {
            throw new InvalidOperationException($"{key}: the ledger holds {cases} case entries, not {count}");
        }

        output.WriteLine($"    verified: {cases} case entries in the ledger ({session.Ledger.Count} entries in all)");
    }

    private void Record(Measurement m)
    {
        _results.Add(m);
        Table.WriteRow(output, m);
    }

    private ScratchNode Node(string label, string kind, Func<string, Dictionary<string, string>> settings, int rows)
    {
        var node = new ScratchNode(label);
        var path = Path.Combine(node.Directory, "node.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json["Adapters"] = new JsonArray(new JsonObject
        {
            ["Name"] = "bench",
            ["Kind"] = kind,
            ["Target"] = "case",
            ["Interval"] = "01:00:00",
            ["Mapping"] = new JsonObject(_columns.Select(c => KeyValuePair.Create(c, (JsonNode?)c))),
            ["Settings"] = new JsonObject(settings(node.Directory).Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
        });
        if (kind == "memory")
        {
            json["Adapters"]![0]!["Settings"]!["Rows"] = rows.ToString(C);
        }

        File.WriteAllText(path, json.ToJsonString(Indented));

        return node;
    }

    private static Dictionary<string, string> MemorySettings(string dir) => [];

    private AdapterHost Host(NodeSession session)
    {
        var factories = new Dictionary<string, (IAdapterFactory, string)>(StringComparer.OrdinalIgnoreCase)
        {
            ["memory"] = (new MemoryAdapterFactory(_rows), "bench"),
        };
        return new AdapterHost(session, session.Adapters.Configured, new AdapterCatalog(factories));
    }

    private static Dictionary<string, string> DropSettings(string dir) => new()
    {
        ["Inbox"] = Path.Combine(dir, "inbox"), ["Completion"] = "marker", ["Pattern"] = "*.csv;*.xlsx",
    };

    private static void Drop(string file, string dir)
    {
        var inbox = Path.Combine(dir, "inbox");
        Directory.CreateDirectory(inbox);
        var target = Path.Combine(inbox, Path.GetFileName(file));
        File.Copy(file, target);
        File.WriteAllText(target + ".ready", string.Empty);
    }

    private void ImportPowers(NodeSession session)
    {
        var summary = session.Importer.Import(
            "powers", "power", _powers.Select(p => new ImportRow<Power>(p.Code, string.Empty, p, [])),
            session.Powers.Admit, p => p.DivisionCode, CancellationToken.None);
        if (summary.Accepted != _powers.Count)
        {
            throw new InvalidOperationException($"powers: {summary.Accepted} of {_powers.Count} accepted; {summary.Rejections.FirstOrDefault()}");
        }
    }

    private long WriteCsv(string path)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', _columns.Select(Quote))).Append("\r\n");
        foreach (var row in _rows)
        {
            text.Append(string.Join(',', _columns.Select(c => Quote(row.GetValueOrDefault(c, string.Empty))))).Append("\r\n");
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return new FileInfo(path).Length;

        static string Quote(string cell) =>
            cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    private long WriteXlsx(string path)
    {
        var stopwatch = Stopwatch.StartNew();
        MiniExcel.SaveAs(path, _rows.Select(r => _columns.ToDictionary(c => c, c => (object?)r.GetValueOrDefault(c, string.Empty))));
        output.WriteLine(string.Create(C, $"    wrote {path} in {stopwatch.Elapsed.TotalSeconds:F1} s (untimed)"));
        return new FileInfo(path).Length;
    }

    /// <summary>
    /// The rows as an .xlsx file laid out as Excel saves a sheet and as Apache POI's XSSFWorkbook
    /// writes one of text cells: every text once in the shared string table and each cell its
    /// index, empty cells left out. MiniExcel (d2) writes each text in its cell and every empty
    /// cell too: 164 MB of sheet XML for these rows.
    /// </summary>
    private long WriteSharedStringsXlsx(string path) => WriteXlsxOfTexts(path, inline: false);

    /// <summary>
    /// The rows as an .xlsx file laid out as Apache POI's streaming SXSSFWorkbook writes one, what
    /// a Java legacy system uses for a large export (and EasyExcel on top of it): every text inline
    /// in its cell (<c>t="inlineStr"</c>, <c>&lt;is>&lt;t></c>), every cell written, an empty text
    /// as an empty <c>&lt;t></c>; no shared string table (SXSSF's default).
    /// </summary>
    private long WriteInlineStringsXlsx(string path) => WriteXlsxOfTexts(path, inline: true);

    private long WriteXlsxOfTexts(string path, bool inline)
    {
        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var stopwatch = Stopwatch.StartNew();
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new List<string>();
        int IndexOf(string text)
        {
            if (!indexes.TryGetValue(text, out var index))
            {
                (index, indexes[text]) = (table.Count, table.Count);
                table.Add(text);
            }

            return index;
        }

        static string Space(string text) => text.Trim().Length != text.Length ? " xml:space=\"preserve\"" : string.Empty;
        static string Column(int i) => i < 26 ? ((char)('A' + i)).ToString() : string.Concat((char)('A' + (i / 26) - 1), (char)('A' + (i % 26)));

        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                writer.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\r\n" + xml);
            }

            Part("[Content_Types].xml", """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""" +
                (inline ? string.Empty : """<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""") + "</Types>");
            Part("_rels/.rels", $"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", $"""<workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", $"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/worksheet" Target="worksheets/sheet1.xml"/>""" +
                (inline ? string.Empty : $"""<Relationship Id="rId2" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/>""") + "</Relationships>");
            // Streamed into its part: the inline layout's sheet is about 200 MB of XML.
            using (var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open(), new UTF8Encoding(false)))
            {
                sheet.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\r\n");
                sheet.Write(string.Create(C, $"""<worksheet xmlns="{Main}" xmlns:r="{Relationships}"><dimension ref="A1:{Column(_columns.Count - 1)}{_rows.Count + 1}"/><sheetData>"""));
                for (var r = 0; r <= _rows.Count; r++)
                {
                    sheet.Write(string.Create(C, $"""<row r="{r + 1}" spans="1:{_columns.Count}">"""));
                    for (var c = 0; c < _columns.Count; c++)
                    {
                        var text = r == 0 ? _columns[c] : _rows[r - 1].GetValueOrDefault(_columns[c], string.Empty);
                        if (inline)
                        {
                            sheet.Write(string.Create(C, $"""<c r="{Column(c)}{r + 1}" t="inlineStr"><is><t{Space(text)}>{System.Security.SecurityElement.Escape(text)}</t></is></c>"""));
                        }
                        else if (text.Length > 0)
                        {
                            sheet.Write(string.Create(C, $"""<c r="{Column(c)}{r + 1}" t="s"><v>{IndexOf(text)}</v></c>"""));
                        }
                    }

                    sheet.Write("</row>");
                }

                sheet.Write("</sheetData></worksheet>");
            }

            if (!inline)
            {
                var strings = new StringBuilder();
                strings.Append(CultureInfo.InvariantCulture, $"""<sst xmlns="{Main}" count="{table.Count}" uniqueCount="{table.Count}">""");
                foreach (var text in table)
                {
                    strings.Append("<si><t").Append(Space(text)).Append('>').Append(System.Security.SecurityElement.Escape(text)).Append("</t></si>");
                }

                Part("xl/sharedStrings.xml", strings.Append("</sst>").ToString());
            }
        }

        var layout = inline ? "inline strings" : string.Create(C, $"{table.Count} shared strings");
        output.WriteLine(string.Create(C, $"    wrote {path} ({layout}) in {stopwatch.Elapsed.TotalSeconds:F1} s (untimed)"));
        return new FileInfo(path).Length;
    }

    private void CreateSqlite(string file)
    {
        var stopwatch = Stopwatch.StartNew();
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE {TableName} (id INTEGER PRIMARY KEY, {string.Join(", ", _columns.Select(c => $"\"{c}\" TEXT"))})";
            create.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {TableName} VALUES (@id, {string.Join(", ", _columns.Select((_, i) => "@c" + i))})";
        var id = insert.Parameters.Add("@id", SqliteType.Integer);
        var cells = _columns.Select((_, i) => insert.Parameters.Add("@c" + i, SqliteType.Text)).ToList();
        for (var r = 0; r < _rows.Count; r++)
        {
            id.Value = r + 1L;
            for (var i = 0; i < _columns.Count; i++)
            {
                cells[i].Value = _rows[r].TryGetValue(_columns[i], out var v) && v.Length > 0 ? v : DBNull.Value;
            }

            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        output.WriteLine(string.Create(C, $"    SQLite table of {_rows.Count} rows written in {stopwatch.Elapsed.TotalSeconds:F1} s (untimed)"));
    }

    private void WithPostgres(Action<string> body)
    {
        var pg = Path.Combine(_root, "pg");
        Directory.CreateDirectory(pg);
        Sh($"chown -R postgres {Quote(pg)}");
        var dir = Path.Combine(pg, "legacy");
        var port = FreePort();
        var stopwatch = Stopwatch.StartNew();
        AsPostgres($"{PgBin}/initdb -D {Quote(dir)} --auth=trust -U postgres -E UTF8 > {Quote(dir)}.initdb.log 2>&1");
        AsPostgres($"{PgBin}/pg_ctl -D {Quote(dir)} -l {Quote(dir)}.log -w -o \"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={pg}\" start > /dev/null");
        try
        {
            var connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
            using (var connection = new NpgsqlConnection(connectionString))
            {
                connection.Open();
                using (var create = new NpgsqlCommand(
                    $"CREATE TABLE {TableName} (id bigint PRIMARY KEY, {string.Join(", ", _columns.Select(c => $"\"{c}\" text"))})", connection))
                {
                    create.ExecuteNonQuery();
                }

                using (var copy = connection.BeginBinaryImport(
                    $"COPY {TableName} (id, {string.Join(", ", _columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)"))
                {
                    for (var r = 0; r < _rows.Count; r++)
                    {
                        copy.StartRow();
                        copy.Write(r + 1L, NpgsqlDbType.Bigint);
                        foreach (var column in _columns)
                        {
                            if (_rows[r].TryGetValue(column, out var v) && v.Length > 0)
                            {
                                copy.Write(v, NpgsqlDbType.Text);
                            }
                            else
                            {
                                copy.WriteNull();
                            }
                        }
                    }

                    copy.Complete();
                }

                using var analyze = new NpgsqlCommand($"VACUUM ANALYZE {TableName}", connection);
                analyze.ExecuteNonQuery();
            }

            output.WriteLine(string.Create(C, $"    PostgreSQL 15 on port {port}: initdb, start, COPY of {_rows.Count} rows in {stopwatch.Elapsed.TotalSeconds:F1} s (untimed)"));
            _legacyServerCpu = () => ServerCpu(dir);
            body(connectionString);
        }
        finally
        {
            _legacyServerCpu = null;
            NpgsqlConnection.ClearAllPools();
            AsPostgres($"{PgBin}/pg_ctl -D {Quote(dir)} -m fast -w stop > /dev/null");
        }
    }

    /// <summary>
    /// What the legacy server took of the machine's cores during the step just recorded: not
    /// in the step's CPU (another process's), but not left to the adapter either.
    /// </summary>
    private void LegacyServerLine(TimeSpan? before, long rows)
    {
        if (before is { } from && _legacyServerCpu?.Invoke() is { } to)
        {
            output.WriteLine(string.Create(C, $"    the legacy PostgreSQL server meanwhile: {(to - from).TotalMicroseconds / rows:F1} µs of CPU a row, on the same {Environment.ProcessorCount} cores"));
        }
    }

    /// <summary>
    /// The CPU a PostgreSQL cluster's processes have used: its postmaster's own, its children's
    /// that ended (the backends of closed connections), and its live children's (/proc, in clock
    /// ticks of 10 ms).
    /// </summary>
    private static TimeSpan ServerCpu(string dataDirectory)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), C);
        long ticks = 0;
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, C, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(process, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            // After the command's closing parenthesis: state, ppid, …, utime, stime, cutime, cstime (fields 3 to 17).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], C);
            if (pid == postmaster)
            {
                ticks += long.Parse(fields[11], C) + long.Parse(fields[12], C) + long.Parse(fields[13], C) + long.Parse(fields[14], C);
            }
            else if (parent == postmaster)
            {
                ticks += long.Parse(fields[11], C) + long.Parse(fields[12], C);
            }
        }

        // /proc counts in USER_HZ ticks, 100 a second on Linux.
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private void Summary(string load, DateTime started)
    {
        var by = _results.ToDictionary(m => m.Key);
        output.WriteLine();
        output.WriteLine("## Adapters (issue 4): this run");
        output.WriteLine();
        output.WriteLine($"started {started:ddd MMM dd HH:mm:ss} UTC {started:yyyy}; load before: {load}; load after: {Uptime()}");
        foreach (var (k, v) in _notes)
        {
            output.WriteLine($"{k}: {v}");
        }

        output.WriteLine();
        output.WriteLine("| # | step | rows | wall s | rows/s | CPU µs/row |");
        output.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var m in _results)
        {
            output.WriteLine(string.Create(C, $"| {m.Key} | {m.Step.Trim()} | {m.Items} | {m.Wall.TotalSeconds:F2} | {m.PerSecond:N0} | {m.CpuMicrosecondsPerItem:F1} |"));
        }

        if (by.TryGetValue("s1", out var s1) && by.TryGetValue("s3", out var s3) && by.TryGetValue("s4", out var s4))
        {
            output.WriteLine();
            output.WriteLine(string.Create(C,
                $"CPU µs/row: append alone (b1) {by["b1"].CpuMicrosecondsPerItem:F1}; + CaseBook.Admit (b2) {by["b2"].CpuMicrosecondsPerItem:F1}; + AdapterHost per record (b3) {by["b3"].CpuMicrosecondsPerItem:F1}, of which alone RecordMapper.Map (s1) {s1.CpuMicrosecondsPerItem:F1}, CaseBook.Check (s3) {s3.CpuMicrosecondsPerItem:F1} and EncodedRecord.Of (s4) {s4.CpuMicrosecondsPerItem:F1}."));
            output.WriteLine();
        }

        // The machine is shared: a base measured once, minutes before an adapter, can be up to
        // twice as fast or slow as the machine was during it. So b1 is measured again right after
        // each adapter, and the adapter is compared with the mean of the b1 just before it and the
        // b1 just after it. Each adapter runs several rounds (--rounds): its verdict is the median
        // of its rounds' ratios, which one slow or fast moment of the machine does not decide.
        output.WriteLine("| adapter | round | rows/s | b1 just before / just after, rows/s | / b1 around it, wall | / b1 around it, CPU | / b1 first, wall | / b3, wall | source read alone CPU µs/row (share of the adapter's) |");
        output.WriteLine("|---|---|---:|---|---:|---:|---:|---:|---:|");
        var before = by["b1"];
        var ratios = new Dictionary<string, List<double>>();
        var steps = new Dictionary<string, string>();
        for (var i = 0; i < _results.Count; i++)
        {
            var m = _results[i];
            if (m.Key.StartsWith("b1+", StringComparison.Ordinal))
            {
                before = m;
                continue;
            }

            // Keys: d1 for an adapter's first round, d1#2 for its second, and so on.
            var keyParts = m.Key.Split('#');
            var adapter = keyParts[0];
            if (!_reads.TryGetValue(adapter, out var read))
            {
                continue;
            }

            var after = by["b1+" + m.Key];
            var aroundRate = (before.PerSecond + after.PerSecond) / 2;
            var aroundCpu = (before.CpuMicrosecondsPerItem + after.CpuMicrosecondsPerItem) / 2;
            var r = by[read];
            var wall = m.PerSecond / aroundRate;
            (CollectionsMarshal.GetValueRefOrAddDefault(ratios, adapter, out _) ??= []).Add(wall);
            steps[adapter] = m.Step;
            var round = keyParts.Length > 1 ? keyParts[1] : "1";
            output.WriteLine(string.Create(C,
                $"| {m.Step} | {round} | {m.PerSecond:N0} | {before.PerSecond:N0} / {after.PerSecond:N0} | {wall:F2} | {aroundCpu / m.CpuMicrosecondsPerItem:F2} | {m.PerSecond / by["b1"].PerSecond:F2} | {m.PerSecond / by["b3"].PerSecond:F2} | {r.CpuMicrosecondsPerItem:F1} ({r.CpuMicrosecondsPerItem / m.CpuMicrosecondsPerItem:P0}) |"));
        }

        output.WriteLine();
        output.WriteLine("| adapter | rounds | / b1 around it, wall: median | rounds' ratios | ≥ 0.70 (median) |");
        output.WriteLine("|---|---:|---:|---|---|");
        foreach (var (adapter, list) in ratios)
        {
            var median = Median(list);
            output.WriteLine(string.Create(C,
                $"| {steps[adapter]} | {list.Count} | **{median:F3}** | {string.Join(", ", list.Select(x => x.ToString("F2", C)))} | {(median >= 0.70 ? "yes" : "no")} |"));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Uptime()
    {
        var text = File.ReadAllText("/proc/loadavg").Split(' ');
        return $"{text[0]}, {text[1]}, {text[2]}";
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void Sh(string command)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        using var process = Process.Start(info)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' exited {process.ExitCode}");
        }
    }

    private static void AsPostgres(string command) => Sh($"runuser -u postgres -- /bin/sh -c {Quote(command)}");

    /// <summary>The flattened rows, in order, as an adapter with no source cost: position = row number.</summary>
    private sealed class MemoryAdapterFactory(List<Dictionary<string, string>> rows) : IAdapterFactory
    {
        public string Kind => "memory";

        public ISourceAdapter Create(AdapterSettings settings) =>
            new MemoryAdapter(rows, int.Parse(settings.Require("Rows"), CultureInfo.InvariantCulture));
    }

    private sealed class MemoryAdapter(List<Dictionary<string, string>> rows, int take) : ISourceAdapter
    {
        public async IAsyncEnumerable<SourceRecord> ReadAsync(string? position, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var start = position is null ? 0 : int.Parse(position, CultureInfo.InvariantCulture);
            for (var i = start; i < take; i++)
            {
                yield return new SourceRecord(rows[i], (i + 1).ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"memory row {i + 1}"));
            }

            await Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A legacy case API on 127.0.0.1: GET /api/cases?since=ID&amp;limit=N → {"items": [...], "next": lastId}; items pre-serialized once.</summary>
    private sealed class LegacyApi : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly byte[][] _items;

        private LegacyApi(List<Dictionary<string, string>> rows)
        {
            Address = $"http://127.0.0.1:{FreePort()}";
            _items = rows.Select((r, i) =>
            {
                var item = new JsonObject { ["id"] = i + 1L };
                foreach (var (k, v) in r)
                {
                    item[k] = v.Length == 0 ? null : v;
                }

                return Encoding.UTF8.GetBytes(item.ToJsonString(RawUtf8));
            }).ToArray();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(Address);
            builder.Logging.ClearProviders();
            _app = builder.Build();
            _app.MapGet("/api/cases", (Delegate)((HttpContext context) => ServeAsync(context)));
        }

        public string Address { get; }

        public string Url => Address + "/api/cases";

        public static LegacyApi Start(List<Dictionary<string, string>> rows)
        {
            var api = new LegacyApi(rows);
            api._app.StartAsync().GetAwaiter().GetResult();
            return api;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private async Task ServeAsync(HttpContext context)
        {
            var since = long.TryParse(context.Request.Query["since"], CultureInfo.InvariantCulture, out var s) ? s : 0;
            var limit = int.Parse(context.Request.Query["limit"]!, CultureInfo.InvariantCulture);
            var from = (int)Math.Min(since, _items.Length);
            var to = Math.Min(_items.Length, from + limit);
            // Written straight to the response, item by item, with its length known beforehand: a
            // page built in a MemoryStream first cost the benchmark's process about 1.5 MB of
            // large-object heap a page, and the background collections that churn set off ran on
            // the adapter's cores (a department's server pays for its own pages).
            var tail = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"],\"next\":{(to > from ? to : since)}}}"));
            var head = "{\"items\":["u8.ToArray();
            long length = head.Length + tail.Length + Math.Max(0, to - from - 1);
            for (var i = from; i < to; i++)
            {
                length += _items[i].Length;
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = length;
            var body = context.Response.BodyWriter;
            body.Write(head);
            for (var i = from; i < to; i++)
            {
                if (i > from)
                {
                    body.Write(","u8);
                }

                body.Write(_items[i]);
            }

            body.Write(tail);
            await body.FlushAsync();
        }
    }
}
