namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>How the drop folder tells a finished export from one still being written.</summary>
internal enum DropFolderCompletion
{
    /// <summary>The file's size and write time stayed the same over <see cref="DropFolderOptions.StableFor"/>.</summary>
    Stable,

    /// <summary>A marker <c>NAME.ready</c> or <c>NAME.done</c> stands next to the file.</summary>
    Marker,
}
