namespace ExchangeNode.NodeAgent.Validation;

/// <summary>One problem with one field of a record: which field, why, and whether it only warns.</summary>
internal sealed record FieldProblem(string Field, string Reason, bool IsWarning = false);
