namespace ExchangeNode.Adapters;

/// <summary>The column names of a table, each once, in order: made once for a file or a query and shared by its <see cref="RowDictionary"/>s.</summary>
public sealed class Columns
{
    private readonly Dictionary<string, int> _indexes;

    /// <summary>The columns named <paramref name="names"/>, in that order.</summary>
    /// <exception cref="ArgumentException">Two columns share a name (a row could not be read by name).</exception>
    public Columns(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = [.. names];
        _indexes = new Dictionary<string, int>(Names.Count, StringComparer.Ordinal);
        for (var i = 0; i < Names.Count; i++)
        {
            if (!_indexes.TryAdd(Names[i], i))
            {
                throw new ArgumentException($"two columns are named \"{Names[i]}\"", nameof(names));
            }
        }
    }

    /// <summary>The names, in column order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>How many columns.</summary>
    public int Count => Names.Count;

    /// <summary>The position of the column named <paramref name="name"/> (ordinal comparison), or -1.</summary>
    public int IndexOf(string name) => _indexes.GetValueOrDefault(name, -1);
}
