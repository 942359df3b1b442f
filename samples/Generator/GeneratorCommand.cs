using System.Globalization;
using System.Text;
using ExchangeNode.Protocol.V1;

namespace ExchangeNode.Samples.Generator;

/// <summary>The command line: powers, cases and sample verbs, arguments parsed by hand.</summary>
internal static class GeneratorCommand
{
    private const string Usage = """
        Usage:
          generator powers --count N --out FILE [--division 320321] [--seed 1]
          generator cases  --count N --out FILE [--division 320321] [--seed 1] [--powers 40|fengxian]
          generator sample [--out samples/data] [--seed 1] [--cases 280]

        powers  writes N synthetic powers as JSON Lines (proto3 JSON, one Power a line).
        cases   writes the events of N cases as JSON Lines (one CaseEvent a line), over the
                powers that "powers --count <--powers>" writes for the same division and seed,
                or, with --powers fengxian, over the active items of the 丰县 sample catalogue.
        sample  writes the 丰县 sample set: fengxian-powers.csv (UTF-8 with BOM),
                fengxian-powers.gb18030.csv and fengxian-cases.jsonl.
        FILE may be "-" for standard output.
        """;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var options = ParseOptions(args.AsSpan(1));
            var seed = Integer(options, "seed", 1);
            var division = options.GetValueOrDefault("division", FengxianCatalogue.DivisionCode);
            var data = new SyntheticData(seed);
            switch (args[0])
            {
                case "powers":
                    {
                        var powers = data.Powers(division, Integer(options, "count", null));
                        WriteTo(Required(options, "out"), w => SyntheticData.WriteJsonLines(powers, w));
                        error.WriteLine($"wrote {powers.Count} powers of {division}");
                        return 0;
                    }

                case "cases":
                    {
                        var count = Integer(options, "count", null);
                        // "--powers fengxian" runs the cases over the sample catalogue (its codes and
                        // versions), so that a large set loads on top of fengxian-powers.csv.
                        var powers = options.GetValueOrDefault("powers") == "fengxian"
                            ? SyntheticData.FengxianPowers()
                            : data.Powers(division, Integer(options, "powers", 40));
                        var events = 0L;
                        WriteTo(Required(options, "out"), w => SyntheticData.WriteJsonLines(Counted(data.CaseEvents(powers, division, count), () => events++), w));
                        error.WriteLine($"wrote {events} events of {count} cases in {division}");
                        return 0;
                    }

                case "sample":
                    return Sample(data, options.GetValueOrDefault("out", Path.Combine("samples", "data")), Integer(options, "cases", 280), output);

                default:
                    error.WriteLine($"unknown verb '{args[0]}'");
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
    }

    private static int Sample(SyntheticData data, string directory, int caseCount, TextWriter output)
    {
        Directory.CreateDirectory(directory);
        var catalogue = SyntheticData.FengxianPowers();

        var csv = Path.Combine(directory, "fengxian-powers.csv");
        using (var writer = new StreamWriter(csv, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        {
            PowerCsv.Write(catalogue, writer);
        }

        // Legacy Windows exports: GB18030, no byte-order mark.
        var gb18030 = Path.Combine(directory, "fengxian-powers.gb18030.csv");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using (var writer = new StreamWriter(gb18030, append: false, Encoding.GetEncoding("GB18030")))
        {
            PowerCsv.Write(catalogue, writer);
        }

        var cases = Path.Combine(directory, "fengxian-cases.jsonl");
        var kinds = new SortedDictionary<CaseEventKind, int>();
        using (var writer = new StreamWriter(cases, append: false, Utf8NoBom))
        {
            var events = data.CaseEvents(catalogue, FengxianCatalogue.DivisionCode, caseCount)
                .Select(e =>
                {
                    kinds[e.Kind] = kinds.GetValueOrDefault(e.Kind) + 1;
                    return e;
                });
            SyntheticData.WriteJsonLines(events, writer);
        }

        output.WriteLine($"{csv}: {catalogue.Count} powers");
        foreach (var group in catalogue.GroupBy(p => (p.Category, p.Status)).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {PowerCsv.CategoryName(group.Key.Category)} {PowerCsv.StatusName(group.Key.Status)}: {group.Count()}");
        }

        output.WriteLine($"{gb18030}: the same, GB18030");
        output.WriteLine($"{cases}: {caseCount} cases, {kinds.Values.Sum()} events");
        foreach (var (kind, count) in kinds)
        {
            output.WriteLine($"  {kind}: {count}");
        }

        return 0;
    }

    private static IEnumerable<T> Counted<T>(IEnumerable<T> items, Action onEach)
    {
        foreach (var item in items)
        {
            onEach();
            yield return item;
        }
    }

    private static void WriteTo(string path, Action<TextWriter> write)
    {
        if (path == "-")
        {
            using var stdout = new StreamWriter(Console.OpenStandardOutput(), Utf8NoBom);
            write(stdout);
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        using var writer = new StreamWriter(path, append: false, Utf8NoBom);
        write(writer);
    }

    private static Dictionary<string, string> ParseOptions(ReadOnlySpan<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new ArgumentException($"unexpected argument '{arg}' (options are --name value)");
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"option {arg} needs a value");
            }

            options[arg[2..]] = args[++i];
        }

        return options;
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"option --{name} is required");

    private static int Integer(Dictionary<string, string> options, string name, int? fallback)
    {
        if (!options.TryGetValue(name, out var text))
        {
            return fallback ?? throw new ArgumentException($"option --{name} is required");
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"option --{name} takes a whole number, not '{text}'");
    }
}
