namespace ExchangeNode.Adapters.BuiltIn.Text;

/// <summary>
/// One CSV record: the 1-based physical line where it starts, its fields, its original text
/// and, for a record that is broken (an unterminated quote), the reason.
/// </summary>
public sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields, string Raw, string? Error = null);
