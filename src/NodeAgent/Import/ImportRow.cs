using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Validation;

namespace ExchangeNode.NodeAgent.Import;

/// <summary>
/// One row of an imported file: where it came from, its original text (for the quarantine),
/// the record it maps to and what is wrong with it.
/// </summary>
/// <param name="SourceReference">File name and 1-based line where the row starts, e.g. <c>powers.csv:17</c>.</param>
/// <param name="Raw">The original text of the row (CSV record or JSON line), without its final line break.</param>
/// <param name="Record">The mapped record; null when the row could not be mapped at all.</param>
/// <param name="Problems">Mapping (and, after <see cref="WithValidation"/>, validation) problems.</param>
internal sealed record ImportRow<T>(string SourceReference, string Raw, T? Record, IReadOnlyList<FieldProblem> Problems)
    where T : class
{
    /// <summary>
    /// The record already encoded as an entry's (an adapter encodes it while it maps, off the
    /// writer's thread); null: the writer encodes it when it appends.
    /// </summary>
    public EncodedRecord? Entry { get; init; }

    /// <summary>True when the row has a record and no problem that is an error; warnings are kept with it.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Record))]
    public bool IsAccepted => Record is not null && !ValidationFailures.HasErrors(Problems);

    /// <summary>This row with the problems <paramref name="check"/> finds appended (the record's rules, as <c>CaseBook.Check</c>); unmapped rows are returned as they are.</summary>
    public ImportRow<T> WithValidation(Func<T, List<FieldProblem>> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (Record is null)
        {
            return this;
        }

        var found = check(Record);
        return found.Count == 0 ? this : this with { Problems = [.. Problems, .. found] };
    }
}
