using System.Diagnostics;

namespace ExchangeNode.Benchmarks;

/// <summary>Wall-clock and process CPU time around one action, after a full collection.</summary>
internal static class Timed
{
    public static (TimeSpan Wall, TimeSpan Cpu) Run(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        action();
        stopwatch.Stop();
        process.Refresh();
        return (stopwatch.Elapsed, process.TotalProcessorTime - cpuBefore);
    }
}
