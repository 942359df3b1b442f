using ExchangeNode.NodeAgent.Validation;

namespace ExchangeNode.NodeAgent.Import;

/// <summary>One row read from a file: where it is, its original text, the record (null when it could not be mapped), and problems.</summary>
internal sealed record ImportRow<T>(string SourceReference, string Raw, T? Record, IReadOnlyList<FieldProblem> Problems)
    where T : class;
