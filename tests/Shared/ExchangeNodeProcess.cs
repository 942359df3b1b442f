using System.Diagnostics;
using System.Text;

namespace ExchangeNode.Tests.Support;

/// <summary>Runs the real exchange-node executable (built beside the tests) as a separate process.</summary>
public static class ExchangeNodeProcess
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "exchange-node.dll");

    /// <summary>Starts exchange-node with <paramref name="args"/>; output is collected as it comes.</summary>
    public static RunningProcess Start(IEnumerable<string> args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment.Remove("EXCHANGENODE_DATA");
        return new RunningProcess(Process.Start(info)!);
    }

    /// <summary>Runs exchange-node to the end and returns what it printed.</summary>
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var process = Start(args);
        return await process.WaitForExitAsync(DefaultTimeout);
    }
}
