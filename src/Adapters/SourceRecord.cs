namespace ExchangeNode.Adapters;

/// <summary>One record as a legacy system exported it: named fields, where it came from.</summary>
/// <param name="Fields">Field values by the source's own column names (Chinese names allowed).</param>
/// <param name="SourceReference">Where the record is, for error messages, e.g. <c>powers.csv:17</c>.</param>
public sealed record SourceRecord(IReadOnlyDictionary<string, string> Fields, string SourceReference);
