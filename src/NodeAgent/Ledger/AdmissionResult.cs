using ExchangeNode.NodeAgent.Validation;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>The decision on one record and the problems (errors, or warnings kept with it).</summary>
internal sealed record AdmissionResult(Admission Outcome, IReadOnlyList<FieldProblem> Problems)
{
    public static AdmissionResult Unchanged { get; } = new(Admission.Unchanged, []);

    public static AdmissionResult Reject(string field, string reason) => new(Admission.Rejected, [new FieldProblem(field, reason, IsWarning: false)]);

    public static AdmissionResult FromProblems(IReadOnlyList<FieldProblem> problems) =>
        new(problems.Any(p => !p.IsWarning) ? Admission.Rejected : Admission.Accepted, problems);
}
