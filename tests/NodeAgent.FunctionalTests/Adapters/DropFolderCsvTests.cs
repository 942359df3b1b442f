using System.Text.Json;
using ExchangeNode.Adapters.BuiltIn.Text;
using ExchangeNode.Tests.Support;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests.Adapters;

/// <summary>The drop folder with CSV exports of the power library, through real exchange-node processes and real files.</summary>
public sealed class DropFolderCsvTests
{
    private static readonly System.Text.Encoding Gb18030 = TextFileDecoder.Resolve("gb18030");

    [Fact]
    public async Task Gb18030Drop_GoodRowsArriveOnce_BadRowsQuarantinedByFileLine_FilesArchivedWithReceipts()
    {
        using var kit = await DropFolderKit.CreateAsync("power", DropFolderKit.PowerMapping);
        File.Copy(RepositoryFiles.Sample("fengxian-powers.gb18030.csv"), Path.Combine(kit.InboxPath, "a-powers.csv"));
        var (rows, badLines) = WriteBadCopy(Path.Combine(kit.InboxPath, "b-powers-bad.csv"));

        var run = await kit.RunAdapterAsync();

        Assert.True(run.ExitCode == 1, run.ToString());
        var counts = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(rows, counts.GetProperty("accepted").GetInt32());
        Assert.Equal(rows - 3, counts.GetProperty("unchanged").GetInt32());
        Assert.Equal(3, counts.GetProperty("rejected").GetInt32());
        Assert.Equal(rows, (await kit.JsonAsync("power", "list")).GetArrayLength());
        Assert.Equal(rows, await kit.LedgerEntriesAsync());

        var quarantine = await kit.QuarantineAsync();
        Assert.Equal(
            badLines.Select(l => $"b-powers-bad.csv:{l.Line}").Order(StringComparer.Ordinal),
            quarantine.Select(q => q.GetProperty("source").GetString()!).Order(StringComparer.Ordinal));
        foreach (var (line, reason) in badLines)
        {
            var item = quarantine.Single(q => q.GetProperty("source").GetString() == $"b-powers-bad.csv:{line}");
            var problems = item.GetProperty("problems").ToString();
            Assert.True(problems.Contains(reason, StringComparison.Ordinal), $"line {line}: expected \"{reason}\" in {problems}");
            Assert.Equal(1, item.GetProperty("times").GetInt32());
        }

        Assert.Empty(Directory.EnumerateFiles(kit.InboxPath));
        var first = kit.Receipt("a-powers.csv");
        Assert.Equal(rows, first.GetProperty("rows").GetInt32());
        Assert.Equal(rows, first.GetProperty("accepted").GetInt32());
        Assert.Equal(0, first.GetProperty("rejected").GetInt32());
        var second = kit.Receipt("b-powers-bad.csv");
        Assert.Equal(rows, second.GetProperty("rows").GetInt32());
        Assert.Equal(rows - 3, second.GetProperty("unchanged").GetInt32());
        Assert.Equal(3, second.GetProperty("rejected").GetInt32());
        Assert.True(second.GetProperty("counts_complete").GetBoolean());
        Assert.True(File.Exists(Path.Combine(kit.Archive, "b-powers-bad.csv")));
    }

    [Fact]
    public async Task SameFileDroppedAgain_AddsNoQuarantineCopies_AndNothingToTheLedger()
    {
        using var kit = await DropFolderKit.CreateAsync("power", DropFolderKit.PowerMapping);
        var staging = Path.Combine(kit.Node.Folder, "b-powers-bad.csv");
        var (rows, badLines) = WriteBadCopy(staging);
        File.Copy(staging, Path.Combine(kit.InboxPath, "b-powers-bad.csv"));
        await kit.RunAdapterAsync();
        var entries = await kit.LedgerEntriesAsync();

        File.Copy(staging, Path.Combine(kit.InboxPath, "b-powers-bad.csv"));
        var again = await kit.RunAdapterAsync();

        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Equal(0, JsonDocument.Parse(again.Output).RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(entries, await kit.LedgerEntriesAsync());
        Assert.Equal(rows - 3, entries);
        var quarantine = await kit.QuarantineAsync();
        Assert.Equal(badLines.Count, quarantine.Count);
        Assert.All(quarantine, q => Assert.Equal(2, q.GetProperty("times").GetInt32()));
        Assert.Equal(rows - 3, kit.Receipt("b-powers-bad~2.csv").GetProperty("unchanged").GetInt32());
        Assert.Equal(rows - 3, kit.Receipt("b-powers-bad.csv").GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task FilesCommittedButNotArchived_AreArchivedWithoutReadingThemAgain()
    {
        using var kit = await DropFolderKit.CreateAsync("power", DropFolderKit.PowerMapping);
        File.Copy(RepositoryFiles.Sample("fengxian-powers.gb18030.csv"), Path.Combine(kit.InboxPath, "a-powers.csv"));
        WriteBadCopy(Path.Combine(kit.InboxPath, "b-powers-bad.csv"));
        await kit.RunAdapterAsync();
        var entries = await kit.LedgerEntriesAsync();

        // The state a crash leaves between the commit of the last rows and the archiving: the
        // checkpoint is past both files, the files are still in the inbox, no receipts.
        foreach (var file in new[] { "a-powers.csv", "b-powers-bad.csv" })
        {
            File.Delete(Path.Combine(kit.Archive, file + ".receipt.json"));
            File.Move(Path.Combine(kit.Archive, file), Path.Combine(kit.InboxPath, file));
        }

        var run = await kit.RunAdapterAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        var counts = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(0, counts.GetProperty("accepted").GetInt32() + counts.GetProperty("unchanged").GetInt32() + counts.GetProperty("rejected").GetInt32());
        Assert.Equal(entries, await kit.LedgerEntriesAsync());
        Assert.All(await kit.QuarantineAsync(), q => Assert.Equal(1, q.GetProperty("times").GetInt32()));
        Assert.Empty(Directory.EnumerateFiles(kit.InboxPath));
        foreach (var file in new[] { "a-powers.csv", "b-powers-bad.csv" })
        {
            var receipt = kit.Receipt(file);
            Assert.False(receipt.GetProperty("counts_complete").GetBoolean());
            Assert.Contains("checkpoint", receipt.GetProperty("note").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FileWithoutItsMarker_IsNotRead_UntilTheMarkerAppears()
    {
        using var kit = await DropFolderKit.CreateAsync("power", DropFolderKit.PowerMapping, new Dictionary<string, string> { ["Completion"] = "marker" });
        var file = Path.Combine(kit.InboxPath, "powers.csv");
        File.Copy(RepositoryFiles.Sample("fengxian-powers.gb18030.csv"), file);

        var early = await kit.RunAdapterAsync();

        Assert.True(early.ExitCode == 0, early.ToString());
        Assert.Equal(0, JsonDocument.Parse(early.Output).RootElement.GetProperty("accepted").GetInt32());
        Assert.True(File.Exists(file));
        Assert.Equal(0, (await kit.JsonAsync("power", "list")).GetArrayLength());

        await File.WriteAllTextAsync(file + ".ready", string.Empty);
        var ready = await kit.RunAdapterAsync();

        Assert.True(ready.ExitCode == 0, ready.ToString());
        var accepted = JsonDocument.Parse(ready.Output).RootElement.GetProperty("accepted").GetInt32();
        Assert.True(accepted > 0, ready.ToString());
        Assert.Equal(accepted, (await kit.JsonAsync("power", "list")).GetArrayLength());
        Assert.False(File.Exists(file));
        Assert.False(File.Exists(file + ".ready"));
        Assert.Equal(accepted, kit.Receipt("powers.csv").GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task FileStillGrowing_IsLeftForTheNextRun_AndReadOnceItIsStable()
    {
        using var kit = await DropFolderKit.CreateAsync("power", DropFolderKit.PowerMapping, new Dictionary<string, string> { ["StableFor"] = "00:00:02" });
        var file = Path.Combine(kit.InboxPath, "powers.csv");
        File.Copy(RepositoryFiles.Sample("fengxian-powers.gb18030.csv"), file);
        using var writing = new CancellationTokenSource();

        // An export still being written: a line more every 100 ms while the adapter looks at it,
        // on a thread of its own so that a busy thread pool cannot pause the "export".
        var writer = new Thread(() =>
        {
            while (!writing.IsCancellationRequested)
            {
                File.AppendAllText(file, "\r\n");
                Thread.Sleep(100);
            }
        });
        writer.Start();
        var early = await kit.RunAdapterAsync();
        await writing.CancelAsync();
        writer.Join();

        Assert.True(early.ExitCode == 0, early.ToString());
        Assert.Equal(0, JsonDocument.Parse(early.Output).RootElement.GetProperty("accepted").GetInt32());
        Assert.True(File.Exists(file));

        var stable = await kit.RunAdapterAsync();

        Assert.True(stable.ExitCode == 0, stable.ToString());
        var accepted = JsonDocument.Parse(stable.Output).RootElement.GetProperty("accepted").GetInt32();
        Assert.True(accepted > 0, stable.ToString());
        Assert.Equal(accepted, (await kit.JsonAsync("power", "list")).GetArrayLength());
        Assert.Equal(accepted, kit.Receipt("powers.csv").GetProperty("rows").GetInt32());
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task FileThatCannotBeDecoded_LandsInQuarantineWithItsReason_AndMovesToFailed()
    {
        using var kit = await DropFolderKit.CreateAsync("power", DropFolderKit.PowerMapping, new Dictionary<string, string> { ["Encoding"] = "utf-8" });
        File.Copy(RepositoryFiles.Sample("fengxian-powers.gb18030.csv"), Path.Combine(kit.InboxPath, "powers.csv"));

        var run = await kit.RunAdapterAsync();

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(0, JsonDocument.Parse(run.Output).RootElement.GetProperty("accepted").GetInt32());
        var item = Assert.Single(await kit.QuarantineAsync());
        Assert.StartsWith("powers.csv", item.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Contains("DecoderFallbackException", item.GetProperty("raw").GetString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(kit.InboxPath));
        var receipt = kit.Receipt("powers.csv", failed: true);
        Assert.True(receipt.GetProperty("failed").GetBoolean());
        Assert.Contains("DecoderFallbackException", receipt.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The sample catalogue again with three rows broken the ways exports break: no approval, a
    /// category no one knows, a division outside the county. Returns the data rows and, per bad
    /// row, its physical line and a word its reason must contain.
    /// </summary>
    private static (int Rows, List<(int Line, string Reason)> Bad) WriteBadCopy(string path)
    {
        var records = CsvReader.Read(new StringReader(TextFileDecoder.ReadAllText(RepositoryFiles.Sample("fengxian-powers.csv")).Text)).ToList();
        var header = records[0].Fields;
        var rows = records.Skip(1).Select(r => r.Fields.ToArray()).ToList();
        int Column(string name) => header.ToList().IndexOf(name);
        rows[4][Column("审核确认机关")] = string.Empty;
        rows[4][Column("审核确认日期")] = string.Empty;
        rows[4][Column("审核确认文号")] = string.Empty;
        rows[9][Column("权力类别")] = "行政魔法";
        rows[14][Column("行政区划代码")] = "320322";
        var lines = DropFolderKit.WriteCsv(path, header, rows, Gb18030);
        return (rows.Count, [(lines[4], "approv"), (lines[9], "行政魔法"), (lines[14], "320322")]);
    }
}
