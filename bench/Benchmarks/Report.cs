using System.Globalization;

namespace ExchangeNode.Benchmarks;

/// <summary>The closing summary: sizes, memory, the figures again as markdown, and the ratios against the targets.</summary>
internal static class Report
{
    public static void Write(TextWriter output, LedgerBenchmark.Suite suite, long peakAfterGeneration, long peakAtEnd)
    {
        var byKey = suite.Results.ToDictionary(m => m.Key);
        double Rate(string key) => byKey[key].PerSecond;
        double Cpu(string key) => byKey[key].CpuMicrosecondsPerItem;
        var c = CultureInfo.InvariantCulture;

        output.WriteLine();
        output.WriteLine(string.Create(c, $"ledger documents: {suite.MeasuredLedgerDocumentBytes:F0} BSON bytes on average (measured in the store of 2b); base documents: {suite.BaseDocumentBytes} bytes"));
        output.WriteLine(string.Create(c, $"peak working set: {peakAtEnd / 1048576.0:F0} MB at the end; {suite.PeakAfterLedgerSteps / 1048576.0:F0} MB after steps 1 to 4 (before the sub-steps hold all bodies at once); {peakAfterGeneration / 1048576.0:F0} MB before the first step (pre-generated workload and warm-up)"));
        output.WriteLine();
        output.WriteLine("## Figures");
        output.WriteLine();
        output.WriteLine("| # | step | items | wall s | items/s | CPU µs/item | store MB |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var m in suite.Results)
        {
            output.WriteLine(string.Create(c,
                $"| {m.Key} | {m.Step} | {m.Items} | {m.Wall.TotalSeconds:F2} | {m.PerSecond:N0} | {m.CpuMicrosecondsPerItem:F1} | {Table.Megabytes(m.FileBytes)} |"));
        }

        output.WriteLine();
        output.WriteLine("## Ratios (rates within this run)");
        output.WriteLine();
        output.WriteLine("Each ratio twice: from wall-clock rates, and from CPU time per item (steadier on a shared machine).");
        output.WriteLine();
        output.WriteLine("| ratio | wall | CPU | target | met (wall / CPU) |");
        output.WriteLine("|---|---:|---:|---:|---|");
        Ratio(output, "batched append (a) alerts / InsertBulk (base run last, 1c)", Rate("2a") / Rate("1c"), Cpu("1c") / Cpu("2a"), 1.0);
        Ratio(output, "batched append (b) case events / InsertBulk (base run last, 1c)", Rate("2b") / Rate("1c"), Cpu("1c") / Cpu("2b"), 1.0);
        Ratio(output, "batched append (a) alerts / InsertBulk", Rate("2a") / Rate("1a"), Cpu("1a") / Cpu("2a"), 1.0);
        Ratio(output, "batched append (b) case events / InsertBulk", Rate("2b") / Rate("1a"), Cpu("1a") / Cpu("2b"), 1.0);
        Ratio(output, "1-per-transaction append (a) / 1-per-transaction Insert", Rate("3a") / Rate("1b"), Cpu("1b") / Cpu("3a"), null);
        Ratio(output, "1-per-transaction append (b) / 1-per-transaction Insert", Rate("3b") / Rate("1b"), Cpu("1b") / Cpu("3b"), null);
        Ratio(output, "verify (reopened) / batched append (b)", Rate("4b") / Rate("2b"), Cpu("2b") / Cpu("4b"), 10.0);
        Ratio(output, "verify (warm) / batched append (b)", Rate("4a") / Rate("2b"), Cpu("2b") / Cpu("4a"), 10.0);
        // Issue 2's "verify at 10x the append rate": the append of what a node records, (b), case
        // events with their views (docs/benchmarks.md, ledger, eighth session); (a) has no view and
        // is kept for reference.
        Ratio(output, "verify (reopened) / batched append (a), ledger only, for reference", Rate("4b") / Rate("2a"), Cpu("2a") / Cpu("4b"), null);
        Ratio(output, "verify (reopened) / 1-per-transaction append (b)", Rate("4b") / Rate("3b"), Cpu("3b") / Cpu("4b"), null);
        Ratio(output, "verify (reopened) / 1-per-transaction append (a)", Rate("4b") / Rate("3a"), Cpu("3a") / Cpu("4b"), null);
        Ratio(output, "InsertBulk of the ledger documents alone / InsertBulk of plain documents", Rate("s4") / Rate("1a"), Cpu("1a") / Cpu("s4"), null);

        output.WriteLine();
        output.WriteLine("## Where the CPU of one batched case-event append goes (µs per item, each part timed alone)");
        output.WriteLine();
        output.WriteLine("| part | CPU µs/item | share of 2b |");
        output.WriteLine("|---|---:|---:|");
        var total = byKey["2b"].CpuMicrosecondsPerItem;
        foreach (var key in new[] { "s1", "s2", "s3", "s4", "s7" })
        {
            var m = byKey[key];
            output.WriteLine(string.Create(c, $"| {m.Step} | {m.CpuMicrosecondsPerItem:F1} | {m.CpuMicrosecondsPerItem / total:P0} |"));
        }

        output.WriteLine(string.Create(c, $"| (whole batched append (b), 2b) | {total:F1} | 100 % |"));
        output.WriteLine(string.Create(c, $"| (whole batched append (a), 2a: no view) | {byKey["2a"].CpuMicrosecondsPerItem:F1} | {byKey["2a"].CpuMicrosecondsPerItem / total:P0} |"));
        output.WriteLine();
        output.WriteLine("Verify, per entry: scan (s5) " + string.Create(c, $"{byKey["s5"].CpuMicrosecondsPerItem:F1}") +
            " µs, EntryBodyHeader.Read (s8) " + string.Create(c, $"{byKey["s8"].CpuMicrosecondsPerItem:F1}") +
            " µs (a full parse, s6, would be " + string.Create(c, $"{byKey["s6"].CpuMicrosecondsPerItem:F1}") + " µs), SHA-256 (s2) " + string.Create(c, $"{byKey["s2"].CpuMicrosecondsPerItem:F1}") +
            " µs; whole verify (4b) " + string.Create(c, $"{byKey["4b"].CpuMicrosecondsPerItem:F1}") + " µs.");
    }

    private static void Ratio(TextWriter output, string name, double wall, double cpu, double? target)
    {
        var c = CultureInfo.InvariantCulture;
        var targetText = target is { } t ? string.Create(c, $"≥ {t:F1}") : "";
        var met = target is { } u ? $"{(wall >= u ? "yes" : "no")} / {(cpu >= u ? "yes" : "no")}" : "";
        output.WriteLine(string.Create(c, $"| {name} | {wall:F2} | {cpu:F2} | {targetText} | {met} |"));
    }
}
