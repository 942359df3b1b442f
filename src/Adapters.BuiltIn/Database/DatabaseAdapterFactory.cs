using System.Globalization;

namespace ExchangeNode.Adapters.BuiltIn.Database;

/// <summary>
/// The <c>database</c> adapter: polls a department's table or view through ADO.NET by a watermark
/// column with a tie-breaking key (PostgreSQL through Npgsql, SQLite through Microsoft.Data.Sqlite).
/// </summary>
/// <remarks>
/// The connection string comes from node.json or, better, from an environment variable named in
/// it, so that it never appears on a command line or in a shell's history.
/// </remarks>
public sealed class DatabaseAdapterFactory : IAdapterFactory
{
    private const int DefaultBatchSize = 1000;

    /// <inheritdoc />
    public string Kind => "database";

    /// <inheritdoc />
    public ISourceAdapter Create(AdapterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var provider = DatabaseProvider.Find(settings.Require("Provider"))
            ?? throw new AdapterConfigurationException(settings.Name, "Provider",
                $"\"{settings.Get("Provider")}\" is not a known provider (known: {string.Join(", ", DatabaseProvider.Names)})");
        var connectionString = ConnectionStringOf(settings, provider);
        var table = SqlIdentifier.Parse(settings, "Table", allowSchema: true);
        var watermark = SqlIdentifier.Parse(settings, "Watermark", allowSchema: false);
        var tieBreaker = settings.Get("TieBreaker") is null ? null : SqlIdentifier.Parse(settings, "TieBreaker", allowSchema: false);
        if (tieBreaker is not null && tieBreaker.Name == watermark.Name)
        {
            throw new AdapterConfigurationException(settings.Name, "TieBreaker", "must be another column than Watermark (a unique key, e.g. the id)");
        }

        var batchSize = DefaultBatchSize;
        if (settings.Get("BatchSize") is { } size
            && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out batchSize) || batchSize < 1 || batchSize > 100_000))
        {
            throw new AdapterConfigurationException(settings.Name, "BatchSize", $"\"{size}\" is not a whole number from 1 to 100000");
        }

        return new DatabaseAdapter(new DatabaseQuery(provider, connectionString, table, watermark, tieBreaker, batchSize));
    }

    private static string ConnectionStringOf(AdapterSettings settings, DatabaseProvider provider)
    {
        string key;
        string connectionString;
        if (settings.Get("ConnectionStringEnv") is { } variable)
        {
            key = "ConnectionStringEnv";
            connectionString = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
                ? value
                : throw new AdapterConfigurationException(settings.Name, key,
                    $"names the environment variable {variable}, which is not set (or empty) in the agent's environment");
        }
        else
        {
            key = "ConnectionString";
            connectionString = settings.Get(key)
                ?? throw new AdapterConfigurationException(settings.Name, "ConnectionStringEnv",
                    "is required (the name of an environment variable holding the connection string), or give ConnectionString");
        }

        try
        {
            // Parsed here so that a wrong key fails at configuration, not at 3 a.m.; the value itself is never echoed.
            _ = provider.Builder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new AdapterConfigurationException(settings.Name, key, $"is not a valid {provider.Name} connection string: {ex.Message}");
        }

        return connectionString;
    }
}
