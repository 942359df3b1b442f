using System.Text.Json;
using System.Text.Json.Nodes;
using ExchangeNode.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests.Adapters;

/// <summary>The database adapter against a real PostgreSQL server and a real SQLite file, through real exchange-node processes.</summary>
public sealed class DatabaseAdapterTests
{
    private const int Total = 10_000;
    private const int Bad = 100;

    [Fact]
    public async Task PostgresLegacyTable_EveryGoodRowOnce_EveryBadRowQuarantined_EvenWhenTheAgentIsKilledMidPoll()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("legacy");
        var rows = DatabaseLegacyTable.Rows(Total, Bad);
        await DatabaseLegacyTable.CreatePostgresAsync(connectionString, rows);
        // The same rows through a view that takes a while for each page, so that the kill lands mid-poll.
        await ExecuteAsync(connectionString,
            $"CREATE FUNCTION slow_rows() RETURNS SETOF \"{DatabaseLegacyTable.Name}\" LANGUAGE sql VOLATILE AS "
            + $"$$ SELECT pg_sleep(0.3); SELECT * FROM \"{DatabaseLegacyTable.Name}\" $$; "
            + "CREATE VIEW \"办件环节视图\" AS SELECT * FROM slow_rows()");
        using var node = await TestNode.CreateAsync();
        Assert.Equal(0, (await node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"))).ExitCode);
        var powers = (await node.ChainsAsync())["320321"].Entries;
        DatabaseLegacyTable.Configure(node, DatabaseLegacyTable.Adapter("market-cases", new JsonObject
        {
            ["Provider"] = "postgresql",
            ["ConnectionString"] = connectionString,
            ["Table"] = "办件环节视图",
            ["Watermark"] = "更新时间",
            ["TieBreaker"] = "id",
            ["BatchSize"] = "500",
        }));

        // The agent runs the adapter at start; it is killed once some batches are committed.
        using (var agent = await node.StartAgentAsync())
        {
            var midPoll = await EventuallyAsync(async () => (await StateAsync(node)).GetProperty("accepted").GetInt64() >= 1000, TimeSpan.FromSeconds(60));
            agent.Kill();
            Assert.True(midPoll, agent.Output + agent.Error);
        }

        var killed = await StateAsync(node);
        var committed = killed.GetProperty("accepted").GetInt64() + killed.GetProperty("rejected").GetInt64();
        Assert.InRange(committed, 1000, Total - 1);

        var rerun = await node.RunAsync("adapter", "run", "market-cases", "--json");
        var again = await node.RunAsync("adapter", "run", "market-cases", "--json");

        Assert.True(rerun.ExitCode == 1, rerun.ToString());
        var state = await StateAsync(node);
        Assert.Equal(Total - Bad, state.GetProperty("accepted").GetInt64());
        Assert.Equal(Bad, state.GetProperty("rejected").GetInt64());
        Assert.Equal(0, state.GetProperty("unchanged").GetInt64());
        Assert.Equal($"t:{DatabaseLegacyTable.UpdatedAt(Total - 1):O}|i:{Total}", state.GetProperty("position").GetString());
        Assert.True(again.ExitCode == 0, again.ToString());
        var nothingMore = JsonDocument.Parse(again.Output).RootElement;
        Assert.Equal(0, nothingMore.GetProperty("accepted").GetInt64() + nothingMore.GetProperty("unchanged").GetInt64() + nothingMore.GetProperty("rejected").GetInt64());

        // Every good row arrived once: the ledger holds exactly the powers and the good rows; every case is there.
        Assert.Equal(powers + Total - Bad, (await node.ChainsAsync())["320321"].Entries);
        var cases = JsonDocument.Parse((await node.RunAsync("case", "list", "--json")).Output).RootElement;
        Assert.Equal(rows.Where(r => r.Flaw is null).Select(r => r.Event.CaseSerial).Distinct().Count(), cases.GetArrayLength());

        // Every bad row is in the quarantine once, under its table id, with its reason.
        var quarantine = await QuarantineAsync(node, "market-cases");
        Assert.Equal(Bad, quarantine.Count);
        Assert.All(quarantine, q => Assert.Equal(1, q.GetProperty("times").GetInt32()));
        var bySource = quarantine.ToDictionary(q => q.GetProperty("source").GetString()!, q => q.GetProperty("problems").ToString());
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Flaw is not { } flaw)
            {
                continue;
            }

            Assert.True(bySource.TryGetValue($"table 办件环节视图, id {i + 1}", out var problems), $"row id {i + 1} ({flaw}) is not in the quarantine");
            Assert.Contains(flaw switch
            {
                DatabaseLegacyTable.Flaw.InvalidResidentId => "id_number",
                DatabaseLegacyTable.Flaw.UnknownPowerCode => "320321-XK-9999",
                DatabaseLegacyTable.Flaw.OutOfOrder => "Accepted",
                _ => "kind",
            }, problems, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PostgresRowsInsertedLaterWithTheWatermarksOwnTimestamp_AreReadByTheNextRun()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("ties");
        var rows = DatabaseLegacyTable.Rows(300, 0, seed: 5);
        await DatabaseLegacyTable.CreatePostgresAsync(connectionString, rows);
        using var node = await TestNode.CreateAsync();
        await node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"));
        // The connection string comes from the environment, as in production; node.json names only the variable.
        var variable = "EXCHANGENODE_TEST_LEGACY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, connectionString);
        DatabaseLegacyTable.Configure(node, DatabaseLegacyTable.Adapter("legacy", new JsonObject
        {
            ["Provider"] = "postgresql",
            ["ConnectionStringEnv"] = variable,
            ["Table"] = "public.办件环节",
            ["Watermark"] = "更新时间",
            ["TieBreaker"] = "id",
            ["BatchSize"] = "64",
        }));
        var first = await node.RunAsync("adapter", "run", "legacy", "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var last = DatabaseLegacyTable.UpdatedAt(rows.Count - 1);

        // The legacy system writes more rows stamped with the very microsecond the adapter stopped at.
        var more = DatabaseLegacyTable.MoreEvents(rows.Count, 5, seed: 5);
        await DatabaseLegacyTable.InsertPostgresAsync(connectionString, more.Select((e, i) => ((long)rows.Count + 1 + i, last, e)));
        var second = await node.RunAsync("adapter", "run", "legacy", "--json");

        Assert.Equal(300, JsonDocument.Parse(first.Output).RootElement.GetProperty("accepted").GetInt64());
        Assert.True(second.ExitCode == 0, second.ToString());
        var run = JsonDocument.Parse(second.Output).RootElement;
        Assert.Equal(5, run.GetProperty("accepted").GetInt64());
        Assert.Equal(0, run.GetProperty("unchanged").GetInt64());
        Assert.Equal($"t:{last:O}|i:{rows.Count + 5}", run.GetProperty("position").GetString());
    }

    [Fact]
    public async Task SqliteTable_IngestsItsRowsOnce_AndAQuarantinedRowIsNotCopiedOnRerun()
    {
        using var node = await TestNode.CreateAsync();
        await node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"));
        var rows = DatabaseLegacyTable.Rows(120, 4, seed: 3);
        var file = Path.Combine(node.Folder, "legacy.db");
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            var columns = DatabaseLegacyTable.Columns.Select(c => c.Name).ToList();
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = $"CREATE TABLE cases (id INTEGER PRIMARY KEY, updated TEXT NOT NULL, {string.Join(", ", columns.Select(c => $"\"{c}\""))})";
                await create.ExecuteNonQueryAsync();
            }

            await using var transaction = connection.BeginTransaction();
            for (var i = 0; i < rows.Count; i++)
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO cases VALUES (@id, @updated, {string.Join(", ", columns.Select((_, c) => "@c" + c))})";
                insert.Parameters.AddWithValue("@id", i + 1);
                insert.Parameters.AddWithValue("@updated", DatabaseLegacyTable.UpdatedAt(i).ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture));
                for (var c = 0; c < columns.Count; c++)
                {
                    var value = DatabaseLegacyTable.Columns[c].Value(rows[i].Event);
                    insert.Parameters.AddWithValue("@c" + c, value is DateTime t ? t.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : value ?? DBNull.Value);
                }

                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        DatabaseLegacyTable.Configure(node, DatabaseLegacyTable.Adapter("sqlite-cases", new JsonObject
        {
            ["Provider"] = "sqlite",
            ["ConnectionString"] = $"Data Source={file};Mode=ReadOnly",
            ["Table"] = "cases",
            ["Watermark"] = "updated",
            ["TieBreaker"] = "id",
            ["BatchSize"] = "50",
        }));

        var first = await node.RunAsync("adapter", "run", "sqlite-cases", "--json");
        // A second run finds nothing new: no row is read twice, no bad row is quarantined twice.
        var second = await node.RunAsync("adapter", "run", "sqlite-cases", "--json");

        Assert.True(first.ExitCode == 1, first.ToString());
        var run = JsonDocument.Parse(first.Output).RootElement;
        Assert.Equal(116, run.GetProperty("accepted").GetInt64());
        Assert.Equal(4, run.GetProperty("rejected").GetInt64());
        Assert.StartsWith("s:", run.GetProperty("position").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("|i:120", run.GetProperty("position").GetString(), StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(0, JsonDocument.Parse(second.Output).RootElement.GetProperty("accepted").GetInt64());
        var quarantine = await QuarantineAsync(node, "sqlite-cases");
        Assert.Equal(4, quarantine.Count);
        Assert.All(quarantine, q => Assert.StartsWith("table cases, id ", q.GetProperty("source").GetString(), StringComparison.Ordinal));
        Assert.All(quarantine, q => Assert.Equal(1, q.GetProperty("times").GetInt32()));
    }

    [Theory]
    [InlineData("postgresql", "ConnectionStringEnv", "EXCHANGENODE_TEST_NOT_SET_ANYWHERE", "EXCHANGENODE_TEST_NOT_SET_ANYWHERE, which is not set")]
    [InlineData("oracle", "ConnectionString", "Host=secret-host;Password=hunter2", "\"oracle\" is not a known provider")]
    public async Task WrongSettings_FailWithTheKeyAndTheReason_NeverTheConnectionString(string provider, string key, string value, string expected)
    {
        using var node = await TestNode.CreateAsync();
        DatabaseLegacyTable.Configure(node, DatabaseLegacyTable.Adapter("legacy", new JsonObject
        {
            ["Provider"] = provider,
            [key] = value,
            ["Table"] = "办件环节",
            ["Watermark"] = "更新时间",
        }));

        var run = await node.RunAsync("adapter", "run", "legacy");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Adapters:legacy:Settings:", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await StateAsync(node, "legacy")).GetProperty("accepted").GetInt64());
    }

    private static async Task<JsonElement> StateAsync(TestNode node, string name = "market-cases")
    {
        var list = await node.RunAsync("adapter", "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        return JsonDocument.Parse(list.Output).RootElement.EnumerateArray().Single(a => a.GetProperty("name").GetString() == name);
    }

    private static async Task<List<JsonElement>> QuarantineAsync(TestNode node, string adapter)
    {
        var list = await node.RunAsync("quarantine", "list", "--adapter", adapter, "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        return JsonDocument.Parse(list.Output).RootElement.EnumerateArray().ToList();
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }
        }

        return await condition();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
