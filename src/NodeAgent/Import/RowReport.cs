using ExchangeNode.NodeAgent.Validation;

namespace ExchangeNode.NodeAgent.Import;

/// <summary>The problems of one row, where the row is, and its quarantine id when it was rejected.</summary>
internal sealed record RowReport(string SourceReference, IReadOnlyList<FieldProblem> Problems, int? QuarantineId = null);
