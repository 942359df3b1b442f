namespace ExchangeNode.Adapters.BuiltIn.Database;

/// <summary>What a database adapter reads: where, by which columns, how many rows a page.</summary>
internal sealed record DatabaseQuery(
    DatabaseProvider Provider,
    string ConnectionString,
    SqlIdentifier Table,
    SqlIdentifier Watermark,
    SqlIdentifier? TieBreaker,
    int BatchSize)
{
    /// <summary>The first page: every row with a watermark, in (watermark, key) order.</summary>
    public string FirstPage => $"SELECT * FROM {Table.Quoted} WHERE {NotNull} ORDER BY {OrderBy} LIMIT @limit";

    /// <summary>
    /// The rows after a position. A row value comparison: a row with the same watermark as the last
    /// one read and a higher key is read, so equal timestamps are never skipped.
    /// </summary>
    public string NextPage => TieBreaker is null
        ? $"SELECT * FROM {Table.Quoted} WHERE {NotNull} AND {Watermark.Quoted} > @watermark ORDER BY {OrderBy} LIMIT @limit"
        : $"SELECT * FROM {Table.Quoted} WHERE {NotNull} AND ({Watermark.Quoted}, {TieBreaker.Quoted}) > (@watermark, @key) ORDER BY {OrderBy} LIMIT @limit";

    private string NotNull => TieBreaker is null
        ? $"{Watermark.Quoted} IS NOT NULL"
        : $"{Watermark.Quoted} IS NOT NULL AND {TieBreaker.Quoted} IS NOT NULL";

    private string OrderBy => TieBreaker is null ? Watermark.Quoted : $"{Watermark.Quoted}, {TieBreaker.Quoted}";
}
