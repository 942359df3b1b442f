namespace ExchangeNode.Benchmarks;

/// <summary>One timed step: how many items in how much wall-clock and CPU time, and the store it left.</summary>
internal sealed record Measurement(string Key, string Step, long Items, TimeSpan Wall, TimeSpan Cpu, long? FileBytes)
{
    public double PerSecond => Items / Wall.TotalSeconds;

    public double CpuMicrosecondsPerItem => Cpu.TotalMicroseconds / Items;

    /// <summary>The garbage collector's share of the step, when the step kept it (<see cref="Timed.Run"/>'s whole timing).</summary>
    public Timing? Timing { get; init; }

    /// <summary>A step timed by <see cref="Timed.Run"/>, with its garbage collector's share; no store.</summary>
    public static Measurement Of(string key, string step, long items, Timing timing) =>
        new(key, step, items, timing.Wall, timing.Cpu, null) { Timing = timing };
}
