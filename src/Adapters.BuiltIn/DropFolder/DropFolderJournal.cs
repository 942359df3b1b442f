using System.Text.Json;

namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>
/// The order in which a run started its files, written before the first row of each is offered,
/// so that the next run knows which files a committed position has already gone past.
/// </summary>
/// <remarks>
/// The agent commits rows in batches that can span files: a batch holding the end of one file and
/// the first rows of the next commits a position in the next file, and a crash before the first
/// file was archived would otherwise leave it in the inbox with nothing saying it was read. Every
/// file the journal lists before the one a committed position names was read to its end and committed.
/// </remarks>
internal sealed class DropFolderJournal(DropFolderOptions options)
{
    private readonly List<JournalEntry> _run = [];

    private string PathOf => Path.Combine(options.Archive, $".{options.Name}.journal.json");

    /// <summary>The files the last run started, in order.</summary>
    public IReadOnlyList<JournalEntry> Load()
    {
        if (!File.Exists(PathOf))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<JournalEntry>>(File.ReadAllText(PathOf)) ?? [];
        }
        catch (JsonException)
        {
            // A damaged journal only costs the shortcut: files in the inbox are then read again,
            // and the ledger admits each record once.
            return [];
        }
    }

    /// <summary>Notes that this run starts <paramref name="unit"/>; the first call of a run replaces the last run's list.</summary>
    public void Start(string unit)
    {
        _run.Add(new JournalEntry(unit, Failed: false));
        Save();
    }

    /// <summary>Notes that <paramref name="unit"/> could not be read to its end.</summary>
    public void Fail(string unit)
    {
        var index = _run.FindLastIndex(e => e.Unit == unit);
        if (index >= 0)
        {
            _run[index] = _run[index] with { Failed = true };
            Save();
        }
    }

    private void Save()
    {
        Directory.CreateDirectory(options.Archive);
        var temporary = PathOf + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_run));
        File.Move(temporary, PathOf, overwrite: true);
    }

    /// <summary>A file (name|id) a run started, and whether it failed.</summary>
    internal sealed record JournalEntry(string Unit, bool Failed);
}
