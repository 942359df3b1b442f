namespace ExchangeNode.Adapters.BuiltIn.Text;

/// <summary>
/// One CSV record: the 1-based physical line where it starts, its fields, its original text
/// and, for a record that is broken (an unterminated quote), the reason.
/// </summary>
/// <remarks>Each record's fields are an array of its own, never changed after: the drop folder keeps it as the row's values.</remarks>
public sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields, string Raw, string? Error = null);
