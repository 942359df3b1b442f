using System.Globalization;

namespace ExchangeNode.Benchmarks;

/// <summary>The command line: <c>ledger [--count N] [--keep]</c>.</summary>
internal static class BenchmarkCommand
{
    private const string Usage = "usage: ExchangeNode.Benchmarks ledger [--count N]   (N >= 1000, default 100000)";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "ledger")
        {
            error.WriteLine(Usage);
            return 2;
        }

        var count = 100_000;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--count" && i + 1 < args.Length
                && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1000)
            {
                count = n;
                i++;
            }
            else
            {
                error.WriteLine($"unexpected argument '{args[i]}'");
                error.WriteLine(Usage);
                return 2;
            }
        }

        new LedgerBenchmark(count, output).Run();
        return 0;
    }
}
