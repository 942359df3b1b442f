namespace ExchangeNode.Adapters;

/// <summary>One record as a legacy system exported it: named fields, the position after it, and where it came from.</summary>
/// <param name="Fields">
/// Field values by the source's own column names (Chinese names allowed). They must not change
/// once the record is yielded: the agent maps a batch on another thread while the adapter reads
/// the next, so an adapter gives each record fields of its own (a <see cref="RowDictionary"/> of a
/// table's shared <see cref="Columns"/>, or a dictionary), never one it fills again.
/// </param>
/// <param name="Position">
/// The resume position after this record, opaque to the agent: it is stored with the entries
/// the record produced, in the same transaction, and handed back to <see cref="ISourceAdapter.ReadAsync"/>.
/// </param>
/// <param name="SourceReference">Where the record is, for messages: <c>powers.csv:17</c>, <c>table cases, id 4411</c>.</param>
public sealed record SourceRecord(IReadOnlyDictionary<string, string> Fields, string Position, string SourceReference)
{
    /// <summary>
    /// The field that carries why a source unit could not be read at all (e.g. a file in an
    /// unknown encoding): such a record goes to the quarantine with this text as its reason.
    /// </summary>
    public const string ErrorField = "_error";

    /// <summary>True for the marker an adapter yields after the last record of a unit (a file, a page).</summary>
    public bool IsEndOfUnit { get; init; }

    /// <summary>A record standing for a unit that could not be read, with the reason; it lands in the quarantine.</summary>
    public static SourceRecord Unreadable(string reason, string position, string sourceReference) =>
        new(new Dictionary<string, string> { [ErrorField] = reason }, position, sourceReference);

    /// <summary>A marker that ends a unit (e.g. a file): it carries a position but no record.</summary>
    public static SourceRecord EndOfUnit(string unit, string position) =>
        new(new Dictionary<string, string>(), position, unit) { IsEndOfUnit = true };
}
