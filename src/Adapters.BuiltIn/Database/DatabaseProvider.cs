using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ExchangeNode.Adapters.BuiltIn.Database;

/// <summary>A supported ADO.NET provider.</summary>
internal sealed record DatabaseProvider(string Name, Func<string, DbConnectionStringBuilder> Builder, Func<string, DbConnection> Connect)
{
    private static readonly DatabaseProvider[] All =
    [
        new("postgresql", s => new NpgsqlConnectionStringBuilder(s), s => new NpgsqlConnection(s)),
        new("sqlite", s => new SqliteConnectionStringBuilder(s), s => new SqliteConnection(s)),
    ];

    public static IEnumerable<string> Names => All.Select(p => p.Name);

    public static DatabaseProvider? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)
            || (p.Name == "postgresql" && string.Equals(name, "postgres", StringComparison.OrdinalIgnoreCase)));
}
