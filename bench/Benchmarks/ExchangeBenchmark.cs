using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using ExchangeNode.NodeAgent.Sync;
using ExchangeNode.Samples.Generator;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExchangeNode.Benchmarks;

/// <summary>
/// Issue 3, "Measured": a county pushes N ledger entries to its city over gRPC, both sides real
/// processes (<c>exchange-node run</c> and <c>exchange-node sync push</c>), against two bases
/// measured in the same run: a copy of the same entries between two LiteDB files in one process
/// (the local limit), and PostgreSQL 15 logical replication of the same records between two
/// clusters on 127.0.0.1, live (subscription first, then COPY of 500 rows a transaction).
/// </summary>
internal sealed class ExchangeBenchmark(IReadOnlyList<int> counts, bool alerts, int recordBytes, string agentDll, bool skipPostgres, TextWriter output)
{
    private const int BatchSize = 500;
    private const string CityCode = "320300";
    private const string CountyCode = ScratchNode.Code;
    private const string PgBin = "/usr/lib/postgresql/15/bin";
    private const string PaddingText =
        "经审查，申请材料齐全、符合法定形式，依据相关法律法规和本机关权力清单的规定，同意进入下一环节办理；请按承诺时限办结并将结果告知申请人。";
    private static readonly string[] ClusterNames = ["pub", "sub"];
    private static readonly char[] Blanks = ['\n', '\r', ' '];

    private readonly CultureInfo _c = CultureInfo.InvariantCulture;
    private readonly List<Row> _rows = [];

    /// <summary>The figures of one N.</summary>
    internal sealed class Row
    {
        public int N;
        public string Load = "";
        public double FillRate;
        public double RecordBytes;
        public Measurement? Copy;
        public Measurement? ReadAlone;
        public Measurement? Receive;
        public double PushSeconds;
        public double PushCpuSeconds;
        public double CityCpuSeconds;
        public long PushPeakKb;
        public long CityPeakKb;
        public long CityIdleKb;
        public long CityEntries;
        public string PushJson = "";
        public double PgSeconds;
        public double PgInsertSeconds;
        public long PgRows;
        public double PushRate => N / PushSeconds;
        public double PgRate => PgRows / PgSeconds;
    }

    public void Run()
    {
        if (!File.Exists(agentDll))
        {
            throw new FileNotFoundException($"exchange-node.dll not found at {agentDll}; build it or pass --agent");
        }

        output.WriteLine($"exchange benchmark: counts {string.Join(", ", counts)}, records {(alerts ? "alerts (no view at the city)" : "case events (case views at the city)")} of ~{recordBytes} B, batches of {BatchSize}");
        output.WriteLine($"agent: {agentDll}");
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, {File.ReadLines("/proc/meminfo").First()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        foreach (var n in counts)
        {
            var row = new Row { N = n, Load = Uptime() };
            output.WriteLine();
            output.WriteLine($"=== N = {n}; load before: {row.Load}");
            RunOne(row);
            _rows.Add(row);
        }

        WriteSummary();
    }

    private void RunOne(Row row)
    {
        var root = Path.Combine(Path.GetTempPath(), "exchange-node-bench", $"exchange-{row.N}-{Guid.NewGuid():N}");
        var city = Path.Combine(root, "city");
        var county = Path.Combine(root, "county");
        var copy = Path.Combine(root, "city-copy");
        var port = FreePort();
        try
        {
            Directory.CreateDirectory(city);
            Directory.CreateDirectory(county);
            Directory.CreateDirectory(copy);
            var cityOptions = new NodeOptions { Code = CityCode, Name = "徐州市", Level = NodeLevel.City, Listen = $"http://127.0.0.1:{port}" };
            NodeConfigFile.Write(city, cityOptions);
            NodeConfigFile.Write(copy, new NodeOptions { Code = CityCode, Name = "徐州市", Level = NodeLevel.City });
            NodeConfigFile.Write(county, new NodeOptions { Code = CountyCode, Name = "丰县", Level = NodeLevel.County, Parent = cityOptions.Listen });

            string credential;
            using (var session = NodeSession.Open(city, TimeProvider.System))
            {
                credential = session.Children.Add(CountyCode, "丰县");
            }

            var configPath = NodeConfigFile.PathIn(county);
            var json = JsonNode.Parse(File.ReadAllText(configPath))!;
            json["Sync"]!["Credential"] = credential;
            File.WriteAllText(configPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

            Fill(county, row);
            LocalCopy(county, copy, row);
            Directory.Delete(copy, recursive: true);
            Directory.CreateDirectory(copy);
            NodeConfigFile.Write(copy, new NodeOptions { Code = CityCode, Name = "徐州市", Level = NodeLevel.City });
            ReceiveInProcess(county, copy, row);
            Directory.Delete(copy, recursive: true);
            Push(city, county, port, row);
            if (!skipPostgres)
            {
                Postgres(county, root, row);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    /// <summary>Step 1: N entries in the county store, in-process, batches of 500 (200 powers first for case events).</summary>
    private void Fill(string county, Row row)
    {
        var data = new SyntheticData(seed: 7);
        var powers = data.Powers(CountyCode, 200);
        var records = alerts
            ? data.CaseEvents(powers, CountyCode, row.N).Take(row.N).Select(e => Workload.AlertLike(Padded(e)))
            : powers.Select(p => new Record { Power = p })
                .Concat(data.CaseEvents(powers, CountyCode, row.N).Select(Padded))
                .Take(row.N);
        long bytes = 0;
        using var session = NodeSession.Open(county, TimeProvider.System);
        var (wall, cpu) = Timed.Run(() =>
        {
            foreach (var batch in records.Chunk(BatchSize))
            {
                using var transaction = session.Ledger.Begin();
                transaction.Prefetch(batch);
                foreach (var record in batch)
                {
                    bytes += record.CalculateSize();
                    transaction.AppendLocal(record, record.Power?.DivisionCode ?? CountyCode);
                }

                transaction.Commit();
            }
        });
        if (session.Ledger.Count != row.N)
        {
            throw new InvalidOperationException($"county holds {session.Ledger.Count} entries, expected {row.N}");
        }

        row.FillRate = row.N / wall.TotalSeconds;
        row.RecordBytes = (double)bytes / row.N;
        output.WriteLine(string.Create(_c, $"fill: {row.N} entries (avg record {row.RecordBytes:F0} B) in {wall.TotalSeconds:F1} s = {row.FillRate:N0}/s (generation included), CPU {cpu.TotalMicroseconds / row.N:F1} µs/entry"));
    }

    /// <summary>
    /// A generated case event (about 250 bytes) with its opinion lengthened to a record of about
    /// --record-bytes (default 900, the size DESIGN.md's figures assume).
    /// </summary>
    internal Record Padded(CaseEvent e)
    {
        var record = new Record { CaseEvent = e };
        var missing = recordBytes - record.CalculateSize();
        if (missing > 0)
        {
            var text = new StringBuilder(e.Opinion);
            while (Encoding.UTF8.GetByteCount(text.ToString()) - Encoding.UTF8.GetByteCount(e.Opinion) < missing)
            {
                text.Append(PaddingText);
            }

            var padded = text.ToString();
            var excess = Encoding.UTF8.GetByteCount(padded) - Encoding.UTF8.GetByteCount(e.Opinion) - missing;
            var keep = padded.Length;
            while (excess > 0 && keep > e.Opinion.Length)
            {
                keep--;
                excess -= Encoding.UTF8.GetByteCount(padded.AsSpan(keep, 1));
            }

            e.Opinion = padded[..keep];
        }

        return record;
    }

    /// <summary>Step 2: the local limit: ReadRaw from the county store, AppendForeign into a fresh city store, commit per batch.</summary>
    private void LocalCopy(string county, string copy, Row row)
    {
        using var from = NodeSession.Open(county, TimeProvider.System);
        using var to = NodeSession.Open(copy, TimeProvider.System);
        var (wall, cpu) = Timed.Run(() =>
        {
            long after = 0;
            while (true)
            {
                var entries = from.Ledger.ReadRaw(after, BatchSize);
                if (entries.Count == 0)
                {
                    break;
                }

                var bodies = entries.Select(raw => EntryBody.Parser.ParseFrom(raw.Entry.Body)).ToList();
                using var transaction = to.Ledger.Begin();
                transaction.Prefetch(bodies.Select(body => body.Record));
                for (var i = 0; i < entries.Count; i++)
                {
                    transaction.AppendForeign(entries[i].Entry, bodies[i]);
                }

                transaction.Commit();
                after = entries[^1].LocalSequence;
            }
        });
        if (to.Ledger.Count != row.N)
        {
            throw new InvalidOperationException($"local copy holds {to.Ledger.Count} entries, expected {row.N}");
        }

        row.Copy = new Measurement("copy", "local copy", row.N, wall, cpu, null);
        output.WriteLine(string.Create(_c, $"local copy (ReadRaw + parse + AppendForeign, one process): {row.Copy.PerSecond:N0}/s, {wall.TotalSeconds:F1} s, CPU {row.Copy.CpuMicrosecondsPerItem:F1} µs/entry"));
    }

    /// <summary>
    /// Where the city's time goes, without processes or gRPC: the child's read and wire form
    /// alone (ReadRaw, PushBatch, serialize), then the same plus the city's receive
    /// (parse the PushBatch, FeedReceiver.Apply: parse bodies, AppendForeign, views, child touch, heads).
    /// The difference is the city's per-entry receive cost.
    /// </summary>
    private void ReceiveInProcess(string county, string city, Row row)
    {
        using var from = NodeSession.Open(county, TimeProvider.System);
        using var to = NodeSession.Open(city, TimeProvider.System);
        to.Children.Add(CountyCode, "丰县");
        var receiver = new FeedReceiver(to, NullLogger<FeedReceiver>.Instance);
        long bytes = 0;
        var (wall, cpu) = Timed.Run(() => EachWireBatch(from, wire => bytes += wire.Length));
        row.ReadAlone = new Measurement("read", "child read + PushBatch serialize", row.N, wall, cpu, null);
        (wall, cpu) = Timed.Run(() => EachWireBatch(from, wire =>
        {
            var ack = receiver.Apply(CountyCode, PushBatch.Parser.ParseFrom(wire));
            if (ack.Refused.Length > 0)
            {
                throw new InvalidOperationException(ack.Refused);
            }
        }));
        if (to.Ledger.Count != row.N)
        {
            throw new InvalidOperationException($"in-process receive holds {to.Ledger.Count} entries, expected {row.N}");
        }

        row.Receive = new Measurement("recv", "child read + serialize + PushBatch parse + FeedReceiver.Apply", row.N, wall, cpu, null);
        output.WriteLine(string.Create(_c,
            $"in-process: read + serialize alone {row.ReadAlone.PerSecond:N0}/s, CPU {row.ReadAlone.CpuMicrosecondsPerItem:F1} µs/entry ({bytes / (double)row.N:F0} wire B/entry); with parse + FeedReceiver.Apply {row.Receive.PerSecond:N0}/s, CPU {row.Receive.CpuMicrosecondsPerItem:F1} µs/entry; receive alone ≈ {row.Receive.CpuMicrosecondsPerItem - row.ReadAlone.CpuMicrosecondsPerItem:F1} µs/entry"));
    }

    private static void EachWireBatch(NodeSession from, Action<byte[]> action)
    {
        long after = 0, id = 0;
        while (true)
        {
            var entries = from.Ledger.ReadRaw(after, BatchSize);
            if (entries.Count == 0)
            {
                break;
            }

            var batch = new PushBatch { BatchId = ++id };
            batch.Entries.AddRange(entries.Select(e => e.Entry));
            action(batch.ToByteArray());
            after = entries[^1].LocalSequence;
        }
    }

    /// <summary>Step 3: the city agent as a process, one <c>sync push</c> as another, timed and measured.</summary>
    private void Push(string city, string county, int port, Row row)
    {
        var cityLog = Path.Combine(city, "..", "city-agent.log");
        using var agent = Shell($"exec dotnet {Quote(agentDll)} run --data {Quote(city)} > {Quote(cityLog)} 2>&1");
        try
        {
            WaitForPort(port, agent, TimeSpan.FromSeconds(60));
            row.CityIdleKb = Status(agent.Id, "VmHWM");
            var cityCpuBefore = CpuSeconds(agent.Id);
            output.WriteLine($"city agent pid {agent.Id} listening on {port}, peak {row.CityIdleKb / 1024} MB idle; load before push: {Uptime()}");

            var timeFile = Path.Combine(county, "..", "push.time");
            var pushOut = Path.Combine(county, "..", "push.out");
            var stopwatch = Stopwatch.StartNew();
            using (var push = Shell($"exec /usr/bin/time -f '%M %U %S' -o {Quote(timeFile)} dotnet {Quote(agentDll)} sync push --data {Quote(county)} --json > {Quote(pushOut)} 2>&1"))
            {
                push.WaitForExit();
                stopwatch.Stop();
                if (push.ExitCode != 0)
                {
                    throw new InvalidOperationException($"sync push exited {push.ExitCode}: {File.ReadAllText(pushOut)}");
                }
            }

            row.PushSeconds = stopwatch.Elapsed.TotalSeconds;
            row.CityCpuSeconds = CpuSeconds(agent.Id) - cityCpuBefore;
            row.CityPeakKb = Status(agent.Id, "VmHWM");
            var time = File.ReadAllLines(timeFile).Last().Split(' ');
            row.PushPeakKb = long.Parse(time[0], _c);
            row.PushCpuSeconds = double.Parse(time[1], _c) + double.Parse(time[2], _c);
            row.PushJson = string.Join(" ", File.ReadAllText(pushOut).Split(Blanks, StringSplitOptions.RemoveEmptyEntries));
            output.WriteLine(string.Create(_c,
                $"push: {row.N} entries in {row.PushSeconds:F1} s = {row.PushRate:N0}/s; push process peak {row.PushPeakKb / 1024.0:F0} MB, CPU {row.PushCpuSeconds * 1e6 / row.N:F1} µs/entry; city agent peak {row.CityPeakKb / 1024.0:F0} MB, CPU {row.CityCpuSeconds * 1e6 / row.N:F1} µs/entry"));
            output.WriteLine($"push reported: {row.PushJson}");
        }
        finally
        {
            if (!agent.HasExited)
            {
                _ = kill(agent.Id, 15);
                if (!agent.WaitForExit(30_000))
                {
                    agent.Kill();
                }
            }
        }

        using var verify = Shell($"exec dotnet {Quote(agentDll)} ledger verify --data {Quote(city)} --json", redirect: true);
        var verifyText = verify.StandardOutput.ReadToEnd();
        verify.WaitForExit();
        var report = JsonNode.Parse(verifyText)!;
        row.CityEntries = report["entries"]!.GetValue<long>();
        output.WriteLine($"city ledger verify: {string.Join(" ", verifyText.Split(Blanks, StringSplitOptions.RemoveEmptyEntries))}");
        if (row.CityEntries != row.N)
        {
            throw new InvalidOperationException($"the city holds {row.CityEntries} entries after the push, expected {row.N}");
        }
    }

    /// <summary>Step 4: PostgreSQL 15 logical replication of the same records, live, 500 rows a transaction.</summary>
    private void Postgres(string county, string root, Row row)
    {
        var pg = Path.Combine(root, "pg");
        Directory.CreateDirectory(pg);
        Sh($"chown -R postgres {Quote(pg)}");
        // 55432/55433 unless another cluster holds them (other work on this machine runs PostgreSQL too).
        var ports = new[] { PortOr(55432), PortOr(55433) };
        var started = new List<string>();
        try
        {
            foreach (var (port, name) in ports.Zip(ClusterNames))
            {
                var dir = Path.Combine(pg, name);
                AsPostgres($"{PgBin}/initdb -D {Quote(dir)} --auth=trust -U postgres -E UTF8 > {Quote(dir)}.initdb.log 2>&1");
                AsPostgres($"{PgBin}/pg_ctl -D {Quote(dir)} -l {Quote(dir)}.log -w -o \"-p {port} -c wal_level=logical -c listen_addresses=127.0.0.1 -c unix_socket_directories={pg}\" start > /dev/null");
                started.Add(dir);
                Psql(port, "CREATE TABLE entries (id bigint PRIMARY KEY, origin text, seq bigint, body bytea, prev bytea, hash bytea);");
            }

            Psql(ports[0], "CREATE PUBLICATION p FOR TABLE entries;");
            Psql(ports[1], $"CREATE SUBSCRIPTION s CONNECTION 'host=127.0.0.1 port={ports[0]} dbname=postgres user=postgres' PUBLICATION p;");
            var ready = Stopwatch.StartNew();
            while (PsqlScalar(ports[1], "SELECT count(*) FROM pg_subscription_rel WHERE srsubstate <> 'r';") != "0")
            {
                if (ready.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new InvalidOperationException("the subscription did not become ready");
                }

                Thread.Sleep(200);
            }

            output.WriteLine($"postgres: publisher {ports[0]}, subscriber {ports[1]}, subscription ready; load before insert: {Uptime()}");
            using var from = NodeSession.Open(county, TimeProvider.System);
            var stopwatch = Stopwatch.StartNew();
            using (var psql = Shell($"exec {PgBin}/psql -h 127.0.0.1 -p {ports[0]} -U postgres -q -v ON_ERROR_STOP=1 -f - > {Quote(pg)}/copy.log 2>&1", redirectInput: true))
            {
                var input = psql.StandardInput;
                var line = new StringBuilder(8192);
                long after = 0;
                while (true)
                {
                    var entries = from.Ledger.ReadRaw(after, BatchSize);
                    if (entries.Count == 0)
                    {
                        break;
                    }

                    // One COPY per 500 rows: psql runs each statement in its own transaction.
                    input.Write("COPY entries FROM STDIN;\n");
                    foreach (var e in entries)
                    {
                        line.Clear();
                        line.Append(e.LocalSequence).Append('\t').Append(e.Origin).Append('\t').Append(e.Sequence)
                            .Append("\t\\\\x").Append(Convert.ToHexString(e.Entry.Body.Span))
                            .Append("\t\\\\x").Append(Convert.ToHexString(e.Entry.PreviousHash.Span))
                            .Append("\t\\\\x").Append(Convert.ToHexString(e.Entry.Hash.Span)).Append('\n');
                        input.Write(line);
                    }

                    input.Write("\\.\n");
                    after = entries[^1].LocalSequence;
                }

                input.Close();
                psql.WaitForExit();
                if (psql.ExitCode != 0)
                {
                    throw new InvalidOperationException($"psql COPY exited {psql.ExitCode}: {File.ReadAllText(Path.Combine(pg, "copy.log"))}");
                }
            }

            row.PgInsertSeconds = stopwatch.Elapsed.TotalSeconds;
            long count;
            while ((count = long.Parse(PsqlScalar(ports[1], "SELECT count(*) FROM entries;"), _c)) < row.N)
            {
                Thread.Sleep(250);
                if (stopwatch.Elapsed > TimeSpan.FromMinutes(30))
                {
                    throw new InvalidOperationException($"the subscriber holds {count} rows after 30 minutes");
                }
            }

            row.PgSeconds = stopwatch.Elapsed.TotalSeconds;
            row.PgRows = count;
            output.WriteLine(string.Create(_c,
                $"postgres logical replication (live): {row.PgRows} rows on the subscriber {row.PgSeconds:F1} s after the first insert = {row.PgRate:N0}/s (publisher COPY finished at {row.PgInsertSeconds:F1} s)"));
        }
        finally
        {
            foreach (var dir in started)
            {
                try
                {
                    AsPostgres($"{PgBin}/pg_ctl -D {Quote(dir)} -m fast -w stop > /dev/null");
                }
                catch (InvalidOperationException ex)
                {
                    output.WriteLine($"warning: {ex.Message}");
                }
            }
        }
    }

    private void WriteSummary()
    {
        output.WriteLine();
        output.WriteLine("## Figures");
        output.WriteLine();
        output.WriteLine("| N | load before | record B | push entries/s | local copy entries/s | PostgreSQL rows/s | push / PostgreSQL (≥ 1.0) | push / local copy (≥ 0.5) | city agent peak MB | push process peak MB | city CPU µs/entry | push CPU µs/entry | local copy CPU µs/entry | in-process receive CPU µs/entry |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in _rows)
        {
            var pg = r.PgSeconds > 0 ? r.PgRate.ToString("N0", _c) : "(skipped)";
            var pgRatio = r.PgSeconds > 0 ? (r.PushRate / r.PgRate).ToString("F2", _c) : "";
            output.WriteLine(string.Create(_c,
                $"| {r.N:N0} | {r.Load} | {r.RecordBytes:F0} | {r.PushRate:N0} | {r.Copy!.PerSecond:N0} | {pg} | {pgRatio} | {r.PushRate / r.Copy.PerSecond:F2} | {r.CityPeakKb / 1024.0:F0} | {r.PushPeakKb / 1024.0:F0} | {r.CityCpuSeconds * 1e6 / r.N:F1} | {r.PushCpuSeconds * 1e6 / r.N:F1} | {r.Copy.CpuMicrosecondsPerItem:F1} | {r.Receive!.CpuMicrosecondsPerItem - r.ReadAlone!.CpuMicrosecondsPerItem:F1} |"));
        }

        if (_rows.Count >= 2)
        {
            var small = _rows.MinBy(r => r.N)!;
            var large = _rows.MaxBy(r => r.N)!;
            output.WriteLine();
            output.WriteLine(string.Create(_c,
                $"memory, N {large.N:N0} over N {small.N:N0}: city agent {(double)large.CityPeakKb / small.CityPeakKb:F2}, push process {(double)large.PushPeakKb / small.PushPeakKb:F2} (target within 10%: ≤ 1.10)"));
        }
    }

    internal static string Uptime() => File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => $"{a} {b}");

    private static int PortOr(int wanted)
    {
        try
        {
            var listener = new TcpListener(System.Net.IPAddress.Loopback, wanted);
            listener.Start();
            listener.Stop();
            return wanted;
        }
        catch (SocketException)
        {
            return FreePort();
        }
    }

    internal static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    internal static void WaitForPort(int port, Process agent, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (agent.HasExited)
            {
                throw new InvalidOperationException($"the city agent exited with {agent.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (stopwatch.Elapsed < timeout)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>A field of /proc/&lt;pid&gt;/status in kB (VmHWM: the peak resident set).</summary>
    internal static long Status(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>User + system CPU of a process, from /proc/&lt;pid&gt;/stat.</summary>
    internal static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    internal static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    internal static Process Shell(string command, bool redirect = false, bool redirectInput = false)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = redirect, RedirectStandardInput = redirectInput, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        return Process.Start(info)!;
    }

    private static void Sh(string command)
    {
        using var process = Shell(command);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' exited {process.ExitCode}");
        }
    }

    private static void AsPostgres(string command) => Sh($"runuser -u postgres -- /bin/sh -c {Quote(command)}");

    private static void Psql(int port, string sql) =>
        Sh($"{PgBin}/psql -h 127.0.0.1 -p {port} -U postgres -q -v ON_ERROR_STOP=1 -c {Quote(sql)} > /dev/null");

    private static string PsqlScalar(int port, string sql)
    {
        using var process = Shell($"{PgBin}/psql -h 127.0.0.1 -p {port} -U postgres -At -c {Quote(sql)}", redirect: true);
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return text;
    }

    [DllImport("libc", SetLastError = true)]
    internal static extern int kill(int pid, int signal);
}
