using System.Text.Json;
using ExchangeNode.Protocol.V1;
using ExchangeNode.Samples.Generator;
using ExchangeNode.Tests.Support;
using MiniExcelLibs;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests.Adapters;

/// <summary>The drop folder with <c>.xlsx</c> exports of case events, through real exchange-node processes and real files.</summary>
public sealed class DropFolderXlsxTests
{
    [Fact]
    public async Task XlsxDropOfCaseEvents_GoodRowsArriveOnce_BadRowsQuarantinedBySheetRow()
    {
        var sheet = CaseSheet.Build(seed: 11, cases: 150);
        using var kit = await DropFolderKit.CreateAsync("case", sheet.Mapping);
        await ImportSampleCatalogueAsync(kit);
        var before = await kit.LedgerEntriesAsync();
        sheet.Write(Path.Combine(kit.InboxPath, "cases.xlsx"));

        var run = await kit.RunAdapterAsync();

        Assert.True(run.ExitCode == 1, run.ToString());
        var counts = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(sheet.Good, counts.GetProperty("accepted").GetInt32());
        Assert.Equal(sheet.Bad.Count, counts.GetProperty("rejected").GetInt32());
        Assert.Equal(before + sheet.Good, await kit.LedgerEntriesAsync());
        Assert.Equal(150, (await kit.JsonAsync("case", "list")).GetArrayLength());

        var quarantine = await kit.QuarantineAsync();
        Assert.Equal(
            sheet.Bad.Select(b => $"cases.xlsx:{b.Row}").Order(StringComparer.Ordinal),
            quarantine.Select(q => q.GetProperty("source").GetString()!).Order(StringComparer.Ordinal));
        foreach (var (row, reason) in sheet.Bad)
        {
            var problems = quarantine.Single(q => q.GetProperty("source").GetString() == $"cases.xlsx:{row}").GetProperty("problems").ToString();
            Assert.True(problems.Contains(reason, StringComparison.Ordinal), $"row {row}: expected \"{reason}\" in {problems}");
        }

        var receipt = kit.Receipt("cases.xlsx");
        Assert.Equal(sheet.Rows, receipt.GetProperty("rows").GetInt32());
        Assert.Equal(sheet.Good, receipt.GetProperty("accepted").GetInt32());
        Assert.Equal(sheet.Bad.Count, receipt.GetProperty("rejected").GetInt32());
        Assert.Empty(Directory.EnumerateFiles(kit.InboxPath));
    }

    [Fact]
    public async Task AdapterRunKilledMidFile_RunAgain_LosesNothingAndDoublesNothing()
    {
        var small = CaseSheet.Build(seed: 21, cases: 20);
        var large = CaseSheet.Build(seed: 22, cases: 600, serialPrefix: "B");
        using var kit = await DropFolderKit.CreateAsync("case", small.Mapping.Concat(large.Mapping).DistinctBy(m => m.Key).ToDictionary());
        await ImportSampleCatalogueAsync(kit);
        var before = await kit.LedgerEntriesAsync();
        small.Write(Path.Combine(kit.InboxPath, "a-cases.xlsx"));
        large.Write(Path.Combine(kit.InboxPath, "b-cases.xlsx"));

        using (var interrupted = ExchangeNodeProcess.Start(["adapter", "run", kit.AdapterName, "--data", kit.Node.Data]))
        {
            // The first file archived means the second is being read: stop the process there, as a crash would.
            var firstArchived = await Eventually.TrueAsync(
                () => interrupted.HasExited || File.Exists(Path.Combine(kit.Archive, "a-cases.xlsx.receipt.json")),
                TimeSpan.FromSeconds(60));
            Assert.True(firstArchived, interrupted.Output + interrupted.Error);
            interrupted.Kill();
        }

        var state = (await kit.JsonAsync("adapter", "list"))[0];
        var rerun = await kit.RunAdapterAsync();

        Assert.True(rerun.ExitCode is 0 or 1, rerun.ToString());
        var good = small.Good + large.Good;
        var bad = small.Bad.Count + large.Bad.Count;
        Assert.Equal(before + good, await kit.LedgerEntriesAsync());
        var quarantine = await kit.QuarantineAsync();
        Assert.Equal(bad, quarantine.Count);
        Assert.All(quarantine, q => Assert.Equal(1, q.GetProperty("times").GetInt32()));
        var totals = (await kit.JsonAsync("adapter", "list"))[0];
        Assert.Equal(good, totals.GetProperty("accepted").GetInt32());
        Assert.Equal(0, totals.GetProperty("unchanged").GetInt32());
        Assert.Equal(bad, totals.GetProperty("rejected").GetInt32());
        Assert.Empty(Directory.EnumerateFiles(kit.InboxPath));
        foreach (var (file, sheet) in new[] { ("a-cases.xlsx", small), ("b-cases.xlsx", large) })
        {
            var receipt = kit.Receipt(file);
            if (receipt.GetProperty("counts_complete").GetBoolean())
            {
                Assert.Equal(sheet.Rows, receipt.GetProperty("rows").GetInt32());
                Assert.Equal(0, receipt.GetProperty("unchanged").GetInt32());
                Assert.Equal(
                    sheet.Rows,
                    receipt.GetProperty("committed_earlier").GetInt32() + receipt.GetProperty("accepted").GetInt32() + receipt.GetProperty("rejected").GetInt32());
            }
        }

        // Where the kill landed, for whoever reads the log: the checks above hold wherever it did.
        Console.WriteLine($"killed at position {state.GetProperty("position")}");
    }

    private static async Task ImportSampleCatalogueAsync(DropFolderKit kit)
    {
        var import = await kit.Node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"));
        Assert.True(import.ExitCode == 0, import.ToString());
    }

    /// <summary>
    /// Case events of the sample catalogue, flattened to one sheet row each (header in row 1); the
    /// last event of every 15th case broken: a time no one can read, or an event kind no one knows.
    /// Breaking only a case's last event keeps every other row good.
    /// </summary>
    private sealed class CaseSheet
    {
        private readonly List<Dictionary<string, string>> _rows = [];

        public Dictionary<string, string> Mapping { get; } = [];

        public List<(int Row, string Reason)> Bad { get; } = [];

        public int Rows => _rows.Count;

        public int Good => Rows - Bad.Count;

        public static CaseSheet Build(int seed, int cases, string serialPrefix = "")
        {
            var sheet = new CaseSheet();
            var events = new SyntheticData(seed).CaseEvents(SyntheticData.FengxianPowers(), "320321", cases).ToList();
            foreach (var e in events)
            {
                e.CaseSerial = serialPrefix + e.CaseSerial;
            }

            var lastOfCase = events.Select((e, i) => (e, i)).GroupBy(x => x.e.CaseSerial).Select(g => g.Last().i).ToList();
            var broken = lastOfCase.Where((_, n) => n % 15 == 7).ToHashSet();
            for (var i = 0; i < events.Count; i++)
            {
                var row = LegacyRows.Flatten(events[i]);
                if (broken.Contains(i))
                {
                    var sheetRow = i + 2;
                    if (sheet.Bad.Count % 2 == 0)
                    {
                        row["occurred_at"] = "昨天下午";
                        sheet.Bad.Add((sheetRow, "昨天下午"));
                    }
                    else
                    {
                        row["kind"] = "魔法";
                        sheet.Bad.Add((sheetRow, "魔法"));
                    }
                }

                sheet._rows.Add(row);
                foreach (var column in row.Keys)
                {
                    sheet.Mapping[column] = column;
                }
            }

            return sheet;
        }

        public void Write(string path)
        {
            var columns = Mapping.Keys.ToList();
            // Written beside the inbox and moved in whole, as an export job would.
            var staging = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(path))!, Path.GetFileName(path));
            MiniExcel.SaveAs(staging, _rows.Select(r => columns.ToDictionary(c => c, c => (object?)r.GetValueOrDefault(c, string.Empty))).ToList());
            File.Move(staging, path);
        }
    }
}
