using System.Globalization;

namespace ExchangeNode.Benchmarks;

/// <summary>
/// The command line: <c>ledger [--count N]</c>, or
/// <c>adapters [--count N] [--rounds N] [--no-postgres] [--no-xlsx]</c>, or
/// <c>exchange [--count N[,N...]] [--records cases|alerts] [--record-bytes B] [--agent path/exchange-node.dll] [--no-postgres]</c>, or
/// <c>exchange-fanin|exchange-chain [--count N] [--record-bytes B] [--agent path/exchange-node.dll]</c>.
/// </summary>
internal static class BenchmarkCommand
{
    private const string Usage =
        "usage: ExchangeNode.Benchmarks ledger [--count N]   (N >= 1000, default 100000)\n" +
        "       ExchangeNode.Benchmarks adapters [--count N] [--rounds N] [--no-postgres] [--no-xlsx]   (default 100000 rows, 3 rounds)\n" +
        "       ExchangeNode.Benchmarks exchange [--count N[,N...]] [--records cases|alerts] [--record-bytes B] [--agent exchange-node.dll] [--no-postgres]   (default 100000, cases, 900)\n" +
        "       ExchangeNode.Benchmarks exchange-fanin|exchange-chain [--count N] [--record-bytes B] [--agent exchange-node.dll]   (default 200000, alerts, 900)";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is not ("ledger" or "exchange" or "adapters" or "exchange-fanin" or "exchange-chain"))
        {
            error.WriteLine(Usage);
            return 2;
        }

        var topology = args[0] is "exchange-fanin" or "exchange-chain";
        var counts = new List<int> { topology ? 200_000 : 100_000 };
        var alerts = false;
        var postgres = true;
        var noXlsx = false;
        var rounds = 3;
        var recordBytes = 900;
        var agent = Path.Combine(AppContext.BaseDirectory, "exchange-node.dll");
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (args[i] == "--count" && value is not null && ParseCounts(value) is { } parsed
                && (args[0] == "exchange" || parsed.Count == 1))
            {
                counts = parsed;
                i++;
            }
            else if (args[0] == "exchange" && args[i] == "--records" && value is "cases" or "alerts")
            {
                alerts = value == "alerts";
                i++;
            }
            else if ((args[0] == "exchange" || topology) && args[i] == "--record-bytes" && value is not null
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b is >= 100 and <= 1_000_000)
            {
                recordBytes = b;
                i++;
            }
            else if ((args[0] == "exchange" || topology) && args[i] == "--agent" && value is not null)
            {
                agent = Path.GetFullPath(value);
                i++;
            }
            else if (args[0] == "adapters" && args[i] == "--rounds" && value is not null
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 20)
            {
                rounds = n;
                i++;
            }
            else if (args[0] == "adapters" && args[i] == "--no-xlsx")
            {
                noXlsx = true;
            }
            else if (args[0] is "exchange" or "adapters" && args[i] == "--no-postgres")
            {
                postgres = false;
            }
            else
            {
                error.WriteLine($"unexpected argument '{args[i]}'");
                error.WriteLine(Usage);
                return 2;
            }
        }

        if (topology)
        {
            var benchmark = new ExchangeTopologyBenchmark(counts[0], agent, recordBytes, output);
            if (args[0] == "exchange-fanin")
            {
                benchmark.FanIn();
            }
            else
            {
                benchmark.CountyCityProvince();
            }
        }
        else if (args[0] == "adapters")
        {
            new AdaptersBenchmark(counts[0], !postgres, noXlsx, rounds, output).Run();
        }
        else if (args[0] == "ledger")
        {
            new LedgerBenchmark(counts[0], output).Run();
        }
        else
        {
            new ExchangeBenchmark(counts, alerts, recordBytes, agent, !postgres, output).Run();
        }

        return 0;
    }

    private static List<int>? ParseCounts(string text)
    {
        var counts = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1000)
            {
                return null;
            }

            counts.Add(n);
        }

        return counts;
    }
}
