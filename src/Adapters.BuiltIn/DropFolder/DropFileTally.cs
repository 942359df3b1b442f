namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>What became of a file's rows in this run, counted from the outcomes the agent reports after each commit.</summary>
internal sealed class DropFileTally(string path, string fileId)
{
    public string Path { get; } = path;

    public string FileId { get; } = fileId;

    /// <summary>Rows an earlier, interrupted run committed (skipped on resume).</summary>
    public long CommittedEarlier { get; set; }

    public long Accepted { get; set; }

    public long Unchanged { get; set; }

    public long Rejected { get; set; }

    /// <summary>Why the file could not be read on, if it could not.</summary>
    public string? Error { get; set; }

    public long Rows => CommittedEarlier + Accepted + Unchanged + Rejected;
}
