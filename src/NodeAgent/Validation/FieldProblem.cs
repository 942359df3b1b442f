namespace ExchangeNode.NodeAgent.Validation;

/// <summary>
/// One problem with one field of an imported or received record: the field as it appears in
/// the file (proto field name or the column header), the reason in plain words, and whether
/// it is only a warning (kept with the record) rather than a rejection.
/// </summary>
internal sealed record FieldProblem(string Field, string Reason, bool IsWarning)
{
    /// <summary>The field name used for a problem with a whole line (a JSON line that does not parse).</summary>
    public static string LineField(int lineNumber) => $"第{lineNumber}行 (line {lineNumber})";

    public override string ToString() => IsWarning ? $"{Field}: {Reason} [警告 warning]" : $"{Field}: {Reason}";
}
