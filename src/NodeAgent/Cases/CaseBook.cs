using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Library;
using ExchangeNode.NodeAgent.Records;
using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using LiteDB;

namespace ExchangeNode.NodeAgent.Cases;

/// <summary>
/// The case ledger (办件) as the views show it, and the rules an event must pass (Art. 30 to 33):
/// a case opens with Accepted under an active power (invariant 6), events follow the legal order,
/// a repeated event is a no-op.
/// </summary>
internal sealed class CaseBook(LedgerStore ledger, PowerLibrary powers)
{
    private readonly ILiteCollection<BsonDocument> _cases = ledger.Database.GetCollection(LedgerCollections.Cases);

    public CaseSummary? Find(string serial) => _cases.FindById(serial) is { } doc ? CaseDocument.Read(doc).ToSummary() : null;

    public IEnumerable<CaseSummary> List(CaseStatus? status, string? powerCode)
    {
        var docs = status is { } s ? _cases.Find(StoreQuery.Equal(CaseDocument.StatusField, s.ToString()))
            : powerCode is { Length: > 0 } code ? _cases.Find(StoreQuery.Equal(CaseDocument.PowerField, code))
            : _cases.FindAll();
        return docs.Select(doc => CaseDocument.Read(doc).ToSummary())
            .Where(c => powerCode is not { Length: > 0 } || c.PowerCode == powerCode)
            .OrderBy(c => c.Serial, StringComparer.Ordinal);
    }

    /// <summary>The case's events in the order they were recorded.</summary>
    public IEnumerable<CaseEvent> Trail(CaseSummary summary) =>
        ledger.Read(summary.EventSequences).Select(entry => entry.Body.Record.CaseEvent);

    /// <summary>The division a case's entries concern: where it was accepted.</summary>
    public string JurisdictionOf(CaseEvent e) =>
        e.Kind == CaseEventKind.Accepted ? e.Acceptance.DivisionCode : ledger.Projector.FindCase(e.CaseSerial)?.State.Division ?? ledger.NodeCode;

    public AdmissionResult Admit(CaseEvent e)
    {
        var problems = Check(e);
        return problems.Any(p => !p.IsWarning) ? AdmissionResult.FromProblems(problems) : AdmitChecked(e, problems);
    }

    /// <summary>
    /// The rules an event passes on its own (<see cref="CaseEventRules"/>), with no state: what an
    /// adapter checks as it maps, off the writer's thread.
    /// </summary>
    public static List<FieldProblem> Check(CaseEvent e) => CaseEventRules.Check(e);

    /// <summary>
    /// The rules that need the case ledger's state, for an event that passed <see cref="Check"/>;
    /// <paramref name="problems"/> holds the warnings found so far, and the result carries them.
    /// </summary>
    public AdmissionResult AdmitChecked(CaseEvent e, List<FieldProblem> problems)
    {
        var found = ledger.Projector.FindCase(e.CaseSerial);
        if (found is null)
        {
            return AdmitOpening(e, problems);
        }

        if (found.HasEvent(e.EventId))
        {
            return AdmissionResult.Unchanged;
        }

        if (CaseLifecycle.CheckNext(found.Status, e.Kind) is { } wrongOrder)
        {
            return AdmissionResult.Reject("kind", $"{Labels.Of(e.Kind)}: {wrongOrder}");
        }

        if (e.Kind == CaseEventKind.Merged && ledger.Projector.FindCase(e.MergedInto) is null)
        {
            return AdmissionResult.Reject("merged_into", $"并案目标办件 {e.MergedInto} 不存在 (no such case to merge into)");
        }

        if (e.Kind == CaseEventKind.Decision && powers.Current(found.State.PowerCode) is { Category: PowerCategory.Penalty } power)
        {
            var penalty = CheckPenalty(e.Decision, power);
            if (penalty is { IsWarning: false })
            {
                return new AdmissionResult(Admission.Rejected, [penalty]);
            }

            if (penalty is not null)
            {
                problems.Add(penalty);
            }
        }

        return AdmissionResult.FromProblems(problems);
    }

    private AdmissionResult AdmitOpening(CaseEvent e, List<FieldProblem> problems)
    {
        if (e.Kind != CaseEventKind.Accepted)
        {
            return AdmissionResult.Reject(
                "kind",
                $"办件 {e.CaseSerial} 尚未受理：首个事件必须是受理，收到的是{Labels.Of(e.Kind)} (the first event of a case must be Accepted)");
        }

        var acceptance = e.Acceptance;
        if (!DivisionCode.IsWithin(acceptance.DivisionCode, ledger.NodeCode))
        {
            return AdmissionResult.Reject(
                "acceptance.division_code",
                $"行政区划 {acceptance.DivisionCode} 不在本节点 {ledger.NodeCode} 的辖区内 (outside this node's jurisdiction)");
        }

        var current = powers.Current(acceptance.PowerCode);
        if (current is null)
        {
            return AdmissionResult.Reject(
                "acceptance.power_code",
                $"权力库中没有权力事项 {acceptance.PowerCode} (no such power in the library)");
        }

        var named = powers.Version(acceptance.PowerCode, acceptance.PowerVersion);
        if (named is null)
        {
            return AdmissionResult.Reject(
                "acceptance.power_version",
                $"权力事项 {acceptance.PowerCode} 没有第 {acceptance.PowerVersion} 版，现行为第 {current.Version} 版 (no such version)");
        }

        if (current.Status != PowerStatus.Active || named.Status != PowerStatus.Active)
        {
            var status = current.Status != PowerStatus.Active ? current.Status : named.Status;
            return AdmissionResult.Reject(
                "acceptance.power_code",
                $"权力事项 {acceptance.PowerCode} 状态为{Labels.Of(status)}，不能受理新办件 (a case needs an active power)");
        }

        return AdmissionResult.FromProblems(problems);
    }

    private static FieldProblem? CheckPenalty(DecisionDetail decision, Power power)
    {
        if (decision.Outcome != Outcome.Penalised)
        {
            return null;
        }

        if (decision.PenaltyAmount <= 0)
        {
            return new FieldProblem("decision.penalty_amount", "处罚决定须载明罚款金额 (a penalty decision carries its amount)", IsWarning: false);
        }

        var money = power.DiscretionBenchmarks.Where(b => b.Unit.Contains('元', StringComparison.Ordinal)).ToList();
        if (money.Count > 0 && !money.Any(b => decision.PenaltyAmount >= b.Min && decision.PenaltyAmount <= b.Max))
        {
            // Art. 32(6): a penalty outside the discretion range is flagged, not refused; the decision stands on record.
            return new FieldProblem(
                "decision.penalty_amount",
                $"罚款 {decision.PenaltyAmount} 元超出裁量基准范围 (outside every discretion range of {power.Code})",
                IsWarning: true);
        }

        return null;
    }
}
