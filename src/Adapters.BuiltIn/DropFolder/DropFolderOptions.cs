namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>A drop folder's settings, checked when the adapter is created.</summary>
/// <param name="Name">The adapter's configured name.</param>
/// <param name="Inbox">The folder departments drop their exports into.</param>
/// <param name="Archive">Where read files go, with their receipts; failed files go to its <c>failed</c> subfolder.</param>
/// <param name="Patterns">File name patterns read, e.g. <c>*.csv</c> and <c>*.xlsx</c>.</param>
/// <param name="Encoding">The text encoding of CSV files, or null to detect it per file.</param>
/// <param name="Completion">How a finished file is told from one still being written.</param>
/// <param name="StableFor">How long a file's size must stay the same (stable completion).</param>
internal sealed record DropFolderOptions(
    string Name,
    string Inbox,
    string Archive,
    IReadOnlyList<string> Patterns,
    string? Encoding,
    DropFolderCompletion Completion,
    TimeSpan StableFor)
{
    /// <summary>Where files that could not be read at all go.</summary>
    public string Failed => Path.Combine(Archive, "failed");
}
