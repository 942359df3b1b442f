using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace ExchangeNode.Tests.Support;

/// <summary>
/// The real PostgreSQL server of the tests: the one named by <c>EXCHANGENODE_TEST_PG</c> (a connection
/// string; <c>.ci/run</c> starts one and sets it), or else a throwaway cluster this test run starts
/// itself with the installed <c>initdb</c> and <c>pg_ctl</c> and stops when it ends. Each test gets
/// its own fresh database.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "EXCHANGENODE_TEST_PG";

    private static readonly Lazy<string> Server = new(Provide, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server's connection string (to its postgres database).</summary>
    /// <exception cref="InvalidOperationException">No server is given and none could be started; the message says what to do.</exception>
    public static string ConnectionString => Server.Value;

    /// <summary>Creates an empty database for one test and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    private static string Provide()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return given;
        }

        var bin = FindBin() ?? throw new InvalidOperationException(
            $"These tests need PostgreSQL: set {Variable} to a connection string (e.g. \"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres\"), "
            + "or install PostgreSQL (apt-get install -y postgresql) so that the tests start a throwaway cluster with initdb and pg_ctl, or run .ci/run.");
        RemoveStaleClusters();
        var port = FreePort();
        var folder = Directory.CreateTempSubdirectory("exchange-node-pg-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root; the cluster belongs to the postgres user.
            Run("chown", ["-R", "postgres:postgres", folder], asRoot: false);
        }

        var data = Path.Combine(folder, "data");
        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], asRoot);
        Run(Path.Combine(bin, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-o",
                $"-p {port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off", "start"],
            asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], asRoot, check: false);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The next run removes it (RemoveStaleClusters), or the OS cleans temp.
            }
        };
        return $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres";
    }

    // A test host that was ended before its exit handler finished leaves its stopped cluster behind.
    private static void RemoveStaleClusters()
    {
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), "exchange-node-pg-*")
            .Where(d => !File.Exists(Path.Combine(d, "data", "postmaster.pid")) && Directory.GetLastWriteTimeUtc(d) < DateTime.UtcNow.AddHours(-1)))
        {
            try
            {
                Directory.Delete(stale, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Someone else's; left alone.
            }
        }
    }

    private static string? FindBin()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            : Enumerable.Empty<string>();
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Where(d => d.Length > 0 && File.Exists(Path.Combine(d, "initdb")));
        return versions.Concat(onPath).FirstOrDefault();
    }

    private static void Run(string file, string[] args, bool asRoot, bool check = true)
    {
        var info = new ProcessStartInfo(asRoot ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asRoot)
        {
            foreach (var arg in (string[])["-u", "postgres", "--", file])
            {
                info.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not start the tests' PostgreSQL ({Path.GetFileName(file)} exited {process.ExitCode}); set {Variable} to a running server instead.{Environment.NewLine}{output.Result}{error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
