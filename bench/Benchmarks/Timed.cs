using System.Diagnostics;

namespace ExchangeNode.Benchmarks;

/// <summary>Wall-clock and process CPU time around one action, after a full collection.</summary>
internal static class Timed
{
    public static Timing Run(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var pauseBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collectionsBefore = GC.CollectionCount(0);
        var stopwatch = Stopwatch.StartNew();
        action();
        stopwatch.Stop();
        process.Refresh();
        return new Timing(
            stopwatch.Elapsed,
            process.TotalProcessorTime - cpuBefore,
            GC.GetTotalPauseDuration() - pauseBefore,
            GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
            GC.CollectionCount(0) - collectionsBefore);
    }
}

/// <summary>
/// One timed action: wall clock and process CPU, and what the garbage collector did meanwhile
/// (the time it held the program's threads paused, the bytes the action allocated, the
/// collections it ran, of any generation).
/// </summary>
internal readonly record struct Timing(TimeSpan Wall, TimeSpan Cpu, TimeSpan GcPause, long Allocated, int Collections)
{
    public void Deconstruct(out TimeSpan wall, out TimeSpan cpu) => (wall, cpu) = (Wall, Cpu);
}
