namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>A data row of a dropped file: its number (CSV start line, sheet row) and its cells by header; or why the file cannot be read on.</summary>
internal sealed record DropFileRow(int Number, IReadOnlyDictionary<string, string> Fields, string? Error = null)
{
    public static DropFileRow Broken(int number, string error) => new(number, new Dictionary<string, string>(), error);
}
