using System.Globalization;

namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>A file's header row: the name of each column, so rows become fields by name.</summary>
internal sealed class DropFileHeader
{
    private readonly Columns _columns;

    private DropFileHeader(Columns columns) => _columns = columns;

    /// <summary>The header, or the reason it cannot name the columns (two columns of the same name).</summary>
    public static (DropFileHeader? Header, string? Problem) From(IReadOnlyList<string> cells)
    {
        var names = new string[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            var name = cells[i].Trim();
            names[i] = name.Length > 0 ? name : UnnamedColumn(i);
        }

        return Columns.TryCreate(names, out var repeated) is { } columns
            ? (new DropFileHeader(columns), null)
            : (null, $"表头有两列都叫 \"{repeated}\"，无法按列名读取 (two header columns are named \"{repeated}\")");
    }

    /// <summary>The name a column gets when its header cell is empty (or it has none): kept, so no cell is lost.</summary>
    public static string UnnamedColumn(int index) => "_column" + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The row's cells by column name; cells beyond the header keep their values under <see cref="UnnamedColumn"/>.</summary>
    /// <param name="cells">The row's cells. An array is kept as the row's values, not copied: the file readers make a new one each row, and nothing changes it after.</param>
    public IReadOnlyDictionary<string, string> Name(IReadOnlyList<string> cells)
    {
        // Most rows have no cell beyond the header: they are the header's columns and an array.
        if (cells is string[] array && array.Length <= _columns.Count)
        {
            return new RowDictionary(_columns, array);
        }

        var extra = false;
        for (var i = _columns.Count; i < cells.Count && !extra; i++)
        {
            extra = cells[i].Length > 0;
        }

        if (!extra)
        {
            var values = new string[Math.Min(cells.Count, _columns.Count)];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = cells[i];
            }

            return new RowDictionary(_columns, values);
        }

        var fields = new Dictionary<string, string>(Math.Max(cells.Count, _columns.Count), StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            if (i < _columns.Count)
            {
                fields[_columns.Names[i]] = cells[i];
            }
            else if (cells[i].Length > 0)
            {
                fields[UnnamedColumn(i)] = cells[i];
            }
        }

        return fields;
    }
}
