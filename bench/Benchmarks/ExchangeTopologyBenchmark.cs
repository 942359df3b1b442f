using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using ExchangeNode.Samples.Generator;

namespace ExchangeNode.Benchmarks;

/// <summary>
/// Issue 3, "Measured", second and third runs. <c>exchange-fanin</c>: one city agent (320300)
/// receiving from 10 counties at once, 10 <c>sync push</c> processes started together, N/10
/// entries each. <c>exchange-chain</c>: county 320321 → city 320300 → province 320000, each hop a
/// <c>sync push</c> (the second against the city's data folder while its agent runs: the CLI
/// hands it to the agent). Records: alerts of ~900 B (no view at the receiver), as
/// <c>exchange --records alerts</c>.
/// </summary>
internal sealed class ExchangeTopologyBenchmark(int n, string agentDll, int recordBytes, TextWriter output)
{
    private const int BatchSize = 500;
    private const string CityCode = "320300";
    private const string ProvinceCode = "320000";
    private static readonly string[] CountyCodes =
        ["320321", "320322", "320324", "320305", "320311", "320312", "320381", "320382", "320323", "320302"];
    private static readonly char[] Blanks = ['\n', '\r', ' '];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly CultureInfo _c = CultureInfo.InvariantCulture;
    private readonly ExchangeBenchmark _padding = new([n], alerts: true, recordBytes, agentDll, skipPostgres: true, TextWriter.Null);

    public void FanIn()
    {
        Header("fan-in: 10 counties push to one city at once");
        var per = n / CountyCodes.Length;
        var root = Root("fanin");
        try
        {
            var city = Path.Combine(root, "city");
            var port = ExchangeBenchmark.FreePort();
            var cityOptions = new NodeOptions { Code = CityCode, Name = "徐州市", Level = NodeLevel.City, Listen = $"http://127.0.0.1:{port}" };
            Directory.CreateDirectory(city);
            NodeConfigFile.Write(city, cityOptions);
            var counties = CountyCodes.Select(code => Path.Combine(root, code)).ToList();
            using (var session = NodeSession.Open(city, TimeProvider.System))
            {
                foreach (var (code, folder) in CountyCodes.Zip(counties))
                {
                    Directory.CreateDirectory(folder);
                    NodeConfigFile.Write(folder, new NodeOptions { Code = code, Name = code, Level = NodeLevel.County, Parent = cityOptions.Listen });
                    SetSync(folder, session.Children.Add(code, code));
                }
            }

            var fill = Stopwatch.StartNew();
            var seed = 7;
            foreach (var (code, folder) in CountyCodes.Zip(counties))
            {
                Fill(folder, code, per, seed++);
            }

            output.WriteLine(string.Create(_c, $"fill: {CountyCodes.Length} counties x {per} alerts in {fill.Elapsed.TotalSeconds:F1} s"));

            using var agent = StartAgent(city, port, Path.Combine(root, "city-agent.log"));
            try
            {
                var idle = ExchangeBenchmark.Status(agent.Id, "VmHWM");
                var cpuBefore = ExchangeBenchmark.CpuSeconds(agent.Id);
                output.WriteLine($"city agent pid {agent.Id} on {port}, peak {idle / 1024} MB idle; load before the pushes: {ExchangeBenchmark.Uptime()}");
                var stopwatch = Stopwatch.StartNew();
                var pushes = CountyCodes.Zip(counties).Select(p => StartPush(p.Second, Path.Combine(root, p.First))).ToList();
                var results = pushes.Select(p => p.Finish()).ToList();
                stopwatch.Stop();
                var seconds = stopwatch.Elapsed.TotalSeconds;
                var cityPeak = ExchangeBenchmark.Status(agent.Id, "VmHWM");
                var cityCpu = ExchangeBenchmark.CpuSeconds(agent.Id) - cpuBefore;
                var total = (long)per * CountyCodes.Length;
                output.WriteLine(string.Create(_c,
                    $"fan-in: {total} entries from {CountyCodes.Length} pushes in {seconds:F1} s = {total / seconds:N0}/s (all ten started at once, until the last exits); load after: {ExchangeBenchmark.Uptime()}"));
                output.WriteLine(string.Create(_c,
                    $"  per push: wall {results.Min(r => r.Seconds):F1} to {results.Max(r => r.Seconds):F1} s, peak {results.Min(r => r.PeakKb) / 1024.0:F0} to {results.Max(r => r.PeakKb) / 1024.0:F0} MB, CPU {results.Sum(r => r.CpuSeconds) * 1e6 / total:F1} µs/entry (all ten together)"));
                output.WriteLine(string.Create(_c,
                    $"  city agent: peak {cityPeak / 1024.0:F0} MB (idle {idle / 1024.0:F0}), CPU {cityCpu * 1e6 / total:F1} µs/entry"));
                foreach (var (code, r) in CountyCodes.Zip(results))
                {
                    output.WriteLine(string.Create(_c, $"  {code}: {r.Seconds:F1} s, {r.Json}"));
                }
            }
            finally
            {
                Stop(agent);
            }

            var chains = Verify(city);
            foreach (var code in CountyCodes)
            {
                var chain = chains.FirstOrDefault(c => c.Origin == code) ?? throw new InvalidOperationException($"no chain for {code} at the city");
                if (chain.Entries != per)
                {
                    throw new InvalidOperationException($"the city holds {chain.Entries} entries of {code}, expected {per}");
                }
            }

            output.WriteLine($"check: the city holds {CountyCodes.Length} county chains of {per} entries each ({chains.Count} chains in all)");
        }
        finally
        {
            Delete(root);
        }
    }

    public void CountyCityProvince()
    {
        Header("chain: county 320321 -> city 320300 -> province 320000");
        var county = CountyCodes[0];
        var root = Root("chain");
        try
        {
            var provinceDir = Path.Combine(root, "province");
            var cityDir = Path.Combine(root, "city");
            var countyDir = Path.Combine(root, "county");
            var provincePort = ExchangeBenchmark.FreePort();
            var cityPort = ExchangeBenchmark.FreePort();
            while (cityPort == provincePort)
            {
                cityPort = ExchangeBenchmark.FreePort();
            }

            var province = new NodeOptions { Code = ProvinceCode, Name = "江苏省", Level = NodeLevel.Province, Listen = $"http://127.0.0.1:{provincePort}" };
            var city = new NodeOptions { Code = CityCode, Name = "徐州市", Level = NodeLevel.City, Listen = $"http://127.0.0.1:{cityPort}", Parent = province.Listen };
            foreach (var dir in new[] { provinceDir, cityDir, countyDir })
            {
                Directory.CreateDirectory(dir);
            }

            NodeConfigFile.Write(provinceDir, province);
            NodeConfigFile.Write(cityDir, city);
            NodeConfigFile.Write(countyDir, new NodeOptions { Code = county, Name = "丰县", Level = NodeLevel.County, Parent = city.Listen });
            using (var session = NodeSession.Open(provinceDir, TimeProvider.System))
            {
                // The city's own push loop is held back (threshold and interval at their maxima) so that the two hops are timed apart.
                SetSync(cityDir, session.Children.Add(CityCode, "徐州市"), holdBack: true);
            }

            using (var session = NodeSession.Open(cityDir, TimeProvider.System))
            {
                SetSync(countyDir, session.Children.Add(county, "丰县"));
            }

            Fill(countyDir, county, n, 7);
            using var provinceAgent = StartAgent(provinceDir, provincePort, Path.Combine(root, "province-agent.log"));
            using var cityAgent = StartAgent(cityDir, cityPort, Path.Combine(root, "city-agent.log"));
            double hop1, hop2;
            try
            {
                var cityCpu0 = ExchangeBenchmark.CpuSeconds(cityAgent.Id);
                var provinceCpu0 = ExchangeBenchmark.CpuSeconds(provinceAgent.Id);
                output.WriteLine($"province agent pid {provinceAgent.Id} on {provincePort}, city agent pid {cityAgent.Id} on {cityPort}; idle peaks {ExchangeBenchmark.Status(provinceAgent.Id, "VmHWM") / 1024} and {ExchangeBenchmark.Status(cityAgent.Id, "VmHWM") / 1024} MB; load before hop 1: {ExchangeBenchmark.Uptime()}");
                var first = StartPush(countyDir, Path.Combine(root, "hop1")).Finish();
                hop1 = first.Seconds;
                var cityCpu1 = ExchangeBenchmark.CpuSeconds(cityAgent.Id);
                var cityPeak1 = ExchangeBenchmark.Status(cityAgent.Id, "VmHWM");
                output.WriteLine(string.Create(_c,
                    $"hop 1 county -> city: {n} entries in {hop1:F1} s = {n / hop1:N0}/s; push process peak {first.PeakKb / 1024.0:F0} MB, CPU {first.CpuSeconds * 1e6 / n:F1} µs/entry; city agent peak {cityPeak1 / 1024.0:F0} MB, CPU {(cityCpu1 - cityCpu0) * 1e6 / n:F1} µs/entry"));
                output.WriteLine($"  reported: {first.Json}");
                output.WriteLine($"load before hop 2: {ExchangeBenchmark.Uptime()}");
                var second = StartPush(cityDir, Path.Combine(root, "hop2")).Finish();
                hop2 = second.Seconds;
                var cityCpu2 = ExchangeBenchmark.CpuSeconds(cityAgent.Id);
                var provinceCpu2 = ExchangeBenchmark.CpuSeconds(provinceAgent.Id);
                output.WriteLine(string.Create(_c,
                    $"hop 2 city -> province (CLI hands it to the city agent): {n} entries in {hop2:F1} s = {n / hop2:N0}/s; CLI process peak {second.PeakKb / 1024.0:F0} MB, CPU {second.CpuSeconds:F1} s; city agent peak {ExchangeBenchmark.Status(cityAgent.Id, "VmHWM") / 1024.0:F0} MB, CPU {(cityCpu2 - cityCpu1) * 1e6 / n:F1} µs/entry; province agent peak {ExchangeBenchmark.Status(provinceAgent.Id, "VmHWM") / 1024.0:F0} MB, CPU {(provinceCpu2 - provinceCpu0) * 1e6 / n:F1} µs/entry"));
                output.WriteLine($"  reported: {second.Json}");
                output.WriteLine(string.Create(_c,
                    $"end to end: {hop1 + hop2:F1} s = {n / (hop1 + hop2):N0}/s (the two hops one after the other); load after: {ExchangeBenchmark.Uptime()}"));
            }
            finally
            {
                Stop(cityAgent);
                Stop(provinceAgent);
            }

            var atCounty = Verify(countyDir).Single(c => c.Origin == county);
            var atProvince = Verify(provinceDir).FirstOrDefault(c => c.Origin == county)
                ?? throw new InvalidOperationException("no county chain at the province");
            if (atProvince.Entries != n || atProvince.Head != atCounty.Head)
            {
                throw new InvalidOperationException($"province holds {atProvince.Entries} entries of {county}, head {atProvince.Head}; county {atCounty.Entries}, head {atCounty.Head}");
            }

            output.WriteLine($"check: the province holds {county}'s chain, {atProvince.Entries} entries, head {atProvince.Head} = the county's");
        }
        finally
        {
            Delete(root);
        }
    }

    private void Header(string what)
    {
        output.WriteLine($"exchange {what}: N = {n}, alerts of ~{recordBytes} B, batches of {BatchSize}");
        output.WriteLine($"agent: {agentDll}");
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, {File.ReadLines("/proc/meminfo").First()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; {DateTime.UtcNow:u}; load: {ExchangeBenchmark.Uptime()}");
    }

    private static string Root(string label)
    {
        var root = Path.Combine(Path.GetTempPath(), "exchange-node-bench", $"exchange-{label}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        return root;
    }

    private static void Delete(string root)
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

    private static void SetSync(string folder, string credential, bool holdBack = false)
    {
        var configPath = NodeConfigFile.PathIn(folder);
        var json = JsonNode.Parse(File.ReadAllText(configPath))!;
        json["Sync"]!["Credential"] = credential;
        if (holdBack)
        {
            json["Sync"]!["PushThreshold"] = int.MaxValue;
            json["Sync"]!["PushInterval"] = "1.00:00:00";
        }

        File.WriteAllText(configPath, json.ToJsonString(Indented));
    }

    /// <summary>count alerts of ~900 B appended in-process to the county store, batches of 500.</summary>
    private void Fill(string folder, string code, int count, int seed)
    {
        var data = new SyntheticData(seed);
        var powers = data.Powers(code, 200);
        var records = data.CaseEvents(powers, code, count).Take(count).Select(e => Workload.AlertLike(_padding.Padded(e)));
        using var session = NodeSession.Open(folder, TimeProvider.System);
        foreach (var batch in records.Chunk(BatchSize))
        {
            using var transaction = session.Ledger.Begin();
            foreach (var record in batch)
            {
                transaction.AppendLocal(record, code);
            }

            transaction.Commit();
        }

        if (session.Ledger.Count != count)
        {
            throw new InvalidOperationException($"{code} holds {session.Ledger.Count} entries, expected {count}");
        }
    }

    private Process StartAgent(string folder, int port, string log)
    {
        var agent = ExchangeBenchmark.Shell($"exec dotnet {ExchangeBenchmark.Quote(agentDll)} run --data {ExchangeBenchmark.Quote(folder)} > {ExchangeBenchmark.Quote(log)} 2>&1");
        ExchangeBenchmark.WaitForPort(port, agent, TimeSpan.FromSeconds(60));
        return agent;
    }

    private static void Stop(Process agent)
    {
        if (!agent.HasExited)
        {
            _ = ExchangeBenchmark.kill(agent.Id, 15);
            if (!agent.WaitForExit(30_000))
            {
                agent.Kill();
            }
        }
    }

    private RunningPush StartPush(string folder, string prefix)
    {
        var timeFile = prefix + ".time";
        var outFile = prefix + ".out";
        var process = ExchangeBenchmark.Shell(
            $"exec /usr/bin/time -f '%M %U %S %e' -o {ExchangeBenchmark.Quote(timeFile)} dotnet {ExchangeBenchmark.Quote(agentDll)} sync push --data {ExchangeBenchmark.Quote(folder)} --json > {ExchangeBenchmark.Quote(outFile)} 2>&1");
        return new RunningPush(process, timeFile, outFile);
    }

    private List<Chain> Verify(string folder)
    {
        using var verify = ExchangeBenchmark.Shell($"exec dotnet {ExchangeBenchmark.Quote(agentDll)} ledger verify --data {ExchangeBenchmark.Quote(folder)} --json", redirect: true);
        var text = verify.StandardOutput.ReadToEnd();
        verify.WaitForExit();
        output.WriteLine($"ledger verify {Path.GetFileName(folder)} (exit {verify.ExitCode}): {string.Join(" ", text.Split(Blanks, StringSplitOptions.RemoveEmptyEntries))}");
        var report = JsonNode.Parse(text)!;
        return report["chains"]!.AsArray()
            .Select(c => new Chain(c!["origin"]!.GetValue<string>(), c["entries"]!.GetValue<long>(), c["head"]!.GetValue<string>()))
            .ToList();
    }

    private sealed record Chain(string Origin, long Entries, string Head);

    private sealed record PushResult(double Seconds, long PeakKb, double CpuSeconds, string Json);

    private sealed class RunningPush(Process process, string timeFile, string outFile)
    {
        public PushResult Finish()
        {
            process.WaitForExit();
            var text = File.ReadAllText(outFile);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"sync push exited {process.ExitCode}: {text}");
            }

            process.Dispose();
            var time = File.ReadAllLines(timeFile).Last().Split(' ');
            var c = CultureInfo.InvariantCulture;
            return new PushResult(double.Parse(time[3], c), long.Parse(time[0], c), double.Parse(time[1], c) + double.Parse(time[2], c),
                string.Join(" ", text.Split(Blanks, StringSplitOptions.RemoveEmptyEntries)));
        }
    }
}
