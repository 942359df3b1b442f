namespace ExchangeNode.NodeAgent.Import;

/// <summary>
/// One CSV record: the 1-based physical line where it starts, its fields, its original text
/// and, for a record that is broken (an unterminated quote), the reason.
/// </summary>
internal sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields, string Raw, string? Error = null);
