namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>
/// What became of one dropped file, written next to it in the archive as <c>NAME.receipt.json</c>.
/// Counts are null when they are not known: a run that stopped between committing the file's last
/// row and archiving it leaves only the checkpoint, which says the file was done, not how.
/// </summary>
internal sealed record DropFileReceipt(
    string File,
    string FileId,
    string ArchivedAs,
    long? Rows,
    long? Accepted,
    long? Unchanged,
    long? Rejected,
    long CommittedEarlier,
    bool CountsComplete,
    bool Failed,
    string? Error,
    DateTimeOffset ArchivedAt,
    string? Note);
