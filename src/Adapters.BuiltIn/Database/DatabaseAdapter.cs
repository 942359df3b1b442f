using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace ExchangeNode.Adapters.BuiltIn.Database;

/// <summary>
/// Reads a table or view page by page in (watermark, key) order, from the position after the
/// last committed row, until a page comes back empty.
/// </summary>
/// <remarks>
/// Each page is read whole and the reader closed before its rows are handed on, so that the
/// agent's commits never hold a cursor open on the department's server, and memory is bounded by
/// the page, not by the backlog (invariant 7).
/// </remarks>
internal sealed class DatabaseAdapter(DatabaseQuery query) : ISourceAdapter
{
    public async IAsyncEnumerable<SourceRecord> ReadAsync(string? position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = query.Provider.Connect(query.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var after = position is null ? ((object Watermark, object? Key)?)null : DatabasePosition.Parse(position);
        Task<List<(SourceRecord Record, object Watermark, object? Key)>>? next = null;
        using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                var page = await (next ?? ReadPageAsync(connection, after, cancellationToken));
                next = null;
                if (page.Count == 0)
                {
                    yield break;
                }

                // The page is read whole and its reader closed: query the next one while the agent commits this one.
                after = (page[^1].Watermark, page[^1].Key);
                next = Task.Run(() => ReadPageAsync(connection, after, prefetch.Token), prefetch.Token);
                foreach (var (record, _, _) in page)
                {
                    yield return record;
                }
            }
        }
        finally
        {
            await PrefetchedPage.AbandonAsync(next, prefetch);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
        Justification = "The only text put into the SQL is table and column names checked by SqlIdentifier and quoted; values are parameters.")]
    private async Task<List<(SourceRecord Record, object Watermark, object? Key)>> ReadPageAsync(
        DbConnection connection, (object Watermark, object? Key)? after, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = after is null ? query.FirstPage : query.NextPage;
        Add(command, "@limit", query.BatchSize);
        if (after is { } last)
        {
            Add(command, "@watermark", last.Watermark);
            if (query.TieBreaker is not null)
            {
                Add(command, "@key", last.Key ?? throw new FormatException("the committed position has no key value, but TieBreaker is set: was TieBreaker added after the first run?"));
            }
        }

        var page = new List<(SourceRecord, object, object?)>(Math.Min(query.BatchSize, 4096));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var watermarkAt = Ordinal(names, query.Watermark.Name);
        var keyAt = query.TieBreaker is null ? -1 : Ordinal(names, query.TieBreaker.Name);
        var referenceAt = keyAt >= 0 ? keyAt : watermarkAt;
        var reference = $"table {query.Table.Name}, {query.TieBreaker?.Name ?? query.Watermark.Name} ";
        // A view or a query may name two columns alike: then the last one counts, as it always did.
        var columns = Columns.TryCreate(names, out _);
        var cells = new DatabaseCells(reader);
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new string[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                values[i] = cells.Text(i);
            }

            IReadOnlyDictionary<string, string> fields = columns is not null ? new RowDictionary(columns, values) : LastOfEachName(names, values);

            var watermark = reader.GetValue(watermarkAt);
            var key = keyAt >= 0 ? reader.GetValue(keyAt) : null;
            var record = new SourceRecord(fields, DatabasePosition.Format(watermark, key), reference + values[referenceAt]);
            page.Add((record, watermark, key));
        }

        return page;
    }

    private static Dictionary<string, string> LastOfEachName(string[] names, string[] values)
    {
        var fields = new Dictionary<string, string>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            fields[names[i]] = values[i];
        }

        return fields;
    }

    private int Ordinal(string[] names, string column)
    {
        var at = Array.IndexOf(names, column);
        return at >= 0 ? at : throw new InvalidOperationException($"table {query.Table.Name} has no column \"{column}\" (columns: {string.Join(", ", names)})");
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
