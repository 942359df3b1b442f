namespace ExchangeNode.Adapters;

/// <summary>The column names of a table, each once, in order: made once for a file or a query and shared by its <see cref="RowDictionary"/>s.</summary>
public sealed class Columns
{
    private readonly Dictionary<string, int> _indexes;

    /// <summary>The columns named <paramref name="names"/>, in that order.</summary>
    /// <exception cref="ArgumentException">Two columns share a name (a row could not be read by name).</exception>
    public Columns(IEnumerable<string> names)
        : this([.. names ?? throw new ArgumentNullException(nameof(names))], out var repeated)
    {
        if (repeated is not null)
        {
            throw new ArgumentException($"two columns are named \"{repeated}\"", nameof(names));
        }
    }

    private Columns(string[] names, out string? repeated)
    {
        Names = names;
        _indexes = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        repeated = null;
        for (var i = 0; i < names.Length && repeated is null; i++)
        {
            if (!_indexes.TryAdd(names[i], i))
            {
                repeated = names[i];
            }
        }
    }

    /// <summary>The names, in column order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>How many columns.</summary>
    public int Count => Names.Count;

    /// <summary>The columns named <paramref name="names"/>; or null, with the first name that repeats, when two share a name.</summary>
    public static Columns? TryCreate(IEnumerable<string> names, out string? repeated)
    {
        ArgumentNullException.ThrowIfNull(names);
        var columns = new Columns([.. names], out repeated);
        return repeated is null ? columns : null;
    }

    /// <summary>The position of the column named <paramref name="name"/> (ordinal comparison), or -1.</summary>
    public int IndexOf(string name) => _indexes.GetValueOrDefault(name, -1);
}
