using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ExchangeNode.Adapters;

/// <summary>
/// One row of a table (a file with a header row, a database result) as the named fields of a
/// <see cref="SourceRecord"/>: the columns' names, made once for the table and shared by its rows,
/// and the row's values by position.
/// </summary>
/// <remarks>
/// A row of a wide export built as a <see cref="Dictionary{TKey, TValue}"/> of its own costs a hash
/// and an insert a cell and about a kilobyte and a half of garbage a row of thirty cells (measured
/// in the adapters benchmark); a row dictionary costs one array. The agent's mapping also looks a
/// column's position up once for all the rows that share its <see cref="Columns"/>, not once a row.
/// A row with fewer values than columns has no field for the missing ones, as a dictionary built
/// from its cells would have.
/// </remarks>
public sealed class RowDictionary : IReadOnlyDictionary<string, string>
{
    private readonly string[] _values;

    /// <summary>A row of <paramref name="columns"/>; <paramref name="values"/> is kept, not copied (do not change it after).</summary>
    /// <exception cref="ArgumentException">More values than columns.</exception>
    public RowDictionary(Columns columns, string[] values)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length > columns.Count)
        {
            throw new ArgumentException($"{values.Length} values for {columns.Count} columns", nameof(values));
        }

        Columns = columns;
        _values = values;
    }

    /// <summary>The table's column names, shared by its rows.</summary>
    public Columns Columns { get; }

    /// <summary>The fields this row has: one a value, at most as many as the columns.</summary>
    public int Count => _values.Length;

    /// <summary>The names of the fields this row has, in column order.</summary>
    public IEnumerable<string> Keys => Columns.Names.Take(_values.Length);

    /// <summary>The values, in column order.</summary>
    public IEnumerable<string> Values => _values.AsReadOnly();

    /// <summary>The value of the column named <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">The row has no such field.</exception>
    public string this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"the row has no column \"{key}\"");

    /// <summary>The value at column position <paramref name="index"/>, or false when the row is shorter.</summary>
    public bool TryGetValue(int index, [MaybeNullWhen(false)] out string value)
    {
        if ((uint)index < (uint)_values.Length)
        {
            value = _values[index];
            return true;
        }

        value = null;
        return false;
    }

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        if (Columns.IndexOf(key) is var index and >= 0)
        {
            return TryGetValue(index, out value);
        }

        value = null;
        return false;
    }

    /// <inheritdoc/>
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            yield return KeyValuePair.Create(Columns.Names[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
