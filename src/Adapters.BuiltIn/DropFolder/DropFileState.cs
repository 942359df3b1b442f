namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>How far a position says a file went.</summary>
internal enum DropFileState
{
    /// <summary>Rows up to the position's row are committed.</summary>
    Reading,

    /// <summary>Every row is committed; the file is to be archived.</summary>
    Done,

    /// <summary>The file could not be read; it is to be archived as failed.</summary>
    Failed,
}
