using System.Globalization;

namespace ExchangeNode.Benchmarks;

/// <summary>The plain-text table printed as the steps finish.</summary>
internal static class Table
{
    public static void WriteHeader(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"#",-3} {"step",-64} {"items",9} {"wall s",8} {"items/s",10} {"CPU µs/item",12} {"store MB",9}");
        output.WriteLine(new string('-', 3 + 1 + 64 + 1 + 9 + 1 + 8 + 1 + 10 + 1 + 12 + 1 + 9));
    }

    public static void WriteRow(TextWriter output, Measurement m)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{m.Key,-3} {m.Step,-64} {m.Items,9} {m.Wall.TotalSeconds,8:F2} {m.PerSecond,10:N0} {m.CpuMicrosecondsPerItem,12:F1} {Megabytes(m.FileBytes),9}{Collector(m)}"));
        output.Flush();
    }

    /// <summary>The collector's pauses as a share of the wall clock, and the bytes allocated an item.</summary>
    public static string Collector(Measurement m) => m.Timing is { } t
        ? string.Create(CultureInfo.InvariantCulture, $"  GC: {t.Collections} collections, paused {t.GcPause / m.Wall:P0}, {t.Allocated / 1024.0 / m.Items:F1} KB/item")
        : string.Empty;

    public static string Megabytes(long? bytes) =>
        bytes is { } b ? (b / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) : "";
}
