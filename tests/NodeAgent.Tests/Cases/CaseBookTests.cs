using ExchangeNode.NodeAgent.Cases;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Tests.Ledger;
using ExchangeNode.NodeAgent.Tests.Validation;
using ExchangeNode.Protocol.V1;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Cases;

public sealed class CaseBookTests : IDisposable
{
    private const string Serial = "320321-2024-000001";

    private readonly TestNode _node = TestNode.County();

    public CaseBookTests()
    {
        Assert.Equal(2, _node.ImportPowers(ValidRecords.Power(), CaseRecords.PenaltyPower()).Accepted);
    }

    public void Dispose() => _node.Dispose();

    private CaseBook Cases => _node.Session.Cases;

    private void Record(params CaseEvent[] events) => Assert.Equal(events.Length, _node.ImportCases(events).Accepted);

    private static void AssertRejected(AdmissionResult result, string field)
    {
        Assert.Equal(Admission.Rejected, result.Outcome);
        Assert.Contains(result.Problems, p => p.Field == field && !p.IsWarning);
    }

    [Fact]
    public void Admit_AcceptedUnderAnActivePower_IsAccepted()
    {
        var result = Cases.Admit(CaseRecords.Accepted(Serial));

        Assert.Equal(Admission.Accepted, result.Outcome);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Admit_FirstEventNotAccepted_IsRejectedAndNoCaseOpens()
    {
        var concluded = CaseRecords.Next(Serial, "2", CaseEventKind.Concluded);

        AssertRejected(Cases.Admit(concluded), "kind");
        Assert.Equal(1, _node.ImportCases(concluded).Rejected);
        Assert.Null(Cases.Find(Serial));
    }

    [Fact]
    public void Admit_AcceptedUnderUnknownPower_IsRejectedNamingThePowerCode()
    {
        var result = Cases.Admit(CaseRecords.Accepted(Serial, "320321-XK-999"));

        AssertRejected(result, "acceptance.power_code");
        Assert.Contains("320321-XK-999", result.Problems[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Admit_AcceptedUnderUnknownVersion_IsRejectedNamingTheVersion()
    {
        AssertRejected(Cases.Admit(CaseRecords.Accepted(Serial, powerVersion: 2)), "acceptance.power_version");
    }

    [Fact]
    public void Admit_AcceptedOutsideTheNodesDivision_IsRejected()
    {
        var e = CaseRecords.Accepted(Serial);
        e.Acceptance.DivisionCode = "320322";

        AssertRejected(Cases.Admit(e), "acceptance.division_code");
    }

    [Theory]
    [InlineData(PowerStatus.Suspended)]
    [InlineData(PowerStatus.Cancelled)]
    public void Admit_AcceptedUnderAPowerNoLongerActive_IsRejected(PowerStatus status)
    {
        _node.ImportPowers(CaseRecords.WithStatus(ValidRecords.Power(), status, 2));

        AssertRejected(Cases.Admit(CaseRecords.Accepted(Serial, powerVersion: 1)), "acceptance.power_code");
        AssertRejected(Cases.Admit(CaseRecords.Accepted(Serial, powerVersion: 2)), "acceptance.power_code");
        Assert.Equal(1, _node.ImportCases(CaseRecords.Accepted(Serial, powerVersion: 2)).Rejected);
        Assert.Null(Cases.Find(Serial));
    }

    [Fact]
    public void Import_AfterThePowerWasSuspended_RefusesNewCasesThoughEarlierOnesWereAccepted()
    {
        // The writer has read the power as active for the first case; the suspension must reach it.
        Record(CaseRecords.Accepted(Serial));
        Assert.Equal(1, _node.ImportPowers(CaseRecords.WithStatus(ValidRecords.Power(), PowerStatus.Suspended, 2)).Accepted);

        var later = _node.ImportCases(CaseRecords.Accepted("320321-2024-000002"));

        Assert.Equal(1, later.Rejected);
        Assert.Equal("acceptance.power_code", Assert.Single(Assert.Single(later.Rejections).Problems).Field);
    }

    [Fact]
    public void Import_PowerRolledBack_LeavesNoTraceInWhatCasesAreJudgedAgainst()
    {
        using (var transaction = _node.Session.Ledger.Begin())
        {
            transaction.AppendLocal(new Protocol.V1.Record { Power = CaseRecords.WithStatus(ValidRecords.Power(), PowerStatus.Cancelled, 2) }, TestNode.CountyCode);
            Assert.Equal(PowerStatus.Cancelled, _node.Session.Powers.Current(ValidRecords.Power().Code)!.Status);
        }

        Record(CaseRecords.Accepted(Serial));
        Assert.Equal(PowerStatus.Active, _node.Session.Powers.Current(ValidRecords.Power().Code)!.Status);
    }

    [Fact]
    public void Admit_AnyEventAfterConcluded_IsRejected()
    {
        Record(CaseRecords.Accepted(Serial), CaseRecords.Next(Serial, "2", CaseEventKind.Concluded));

        AssertRejected(Cases.Admit(CaseRecords.Next(Serial, "3", CaseEventKind.Opinion)), "kind");
        AssertRejected(Cases.Admit(CaseRecords.Next(Serial, "3", CaseEventKind.Concluded)), "kind");
        Assert.Equal(CaseStatus.Concluded, Cases.Find(Serial)!.Status);
    }

    [Fact]
    public void Admit_ResumedWithoutSuspension_IsRejected()
    {
        Record(CaseRecords.Accepted(Serial));

        AssertRejected(Cases.Admit(CaseRecords.Next(Serial, "2", CaseEventKind.Resumed)), "kind");
    }

    [Fact]
    public void Admit_ResumedAfterSuspended_IsAcceptedAndReopensTheCase()
    {
        Record(CaseRecords.Accepted(Serial), CaseRecords.Next(Serial, "2", CaseEventKind.Suspended));
        Assert.Equal(CaseStatus.Suspended, Cases.Find(Serial)!.Status);

        Record(CaseRecords.Next(Serial, "3", CaseEventKind.Resumed));

        Assert.Equal(CaseStatus.Open, Cases.Find(Serial)!.Status);
    }

    [Fact]
    public void Admit_CorrectionReceivedWithoutRequest_IsRejected()
    {
        Record(CaseRecords.Accepted(Serial));

        AssertRejected(Cases.Admit(CaseRecords.Next(Serial, "2", CaseEventKind.CorrectionReceived)), "kind");
    }

    [Fact]
    public void Admit_CorrectionReceivedAfterRequest_IsAccepted()
    {
        Record(CaseRecords.Accepted(Serial), CaseRecords.Next(Serial, "2", CaseEventKind.CorrectionRequested));
        Assert.Equal(CaseStatus.AwaitingCorrection, Cases.Find(Serial)!.Status);

        Record(CaseRecords.Next(Serial, "3", CaseEventKind.CorrectionReceived));

        Assert.Equal(CaseStatus.Open, Cases.Find(Serial)!.Status);
    }

    [Fact]
    public void Admit_SameSerialAndEventIdAgain_IsUnchangedAndAppendsNothing()
    {
        Record(CaseRecords.Accepted(Serial), CaseRecords.Next(Serial, "2", CaseEventKind.Opinion));
        var count = _node.Session.Ledger.Count;

        Assert.Equal(Admission.Unchanged, Cases.Admit(CaseRecords.Accepted(Serial)).Outcome);
        Assert.Equal(Admission.Unchanged, Cases.Admit(CaseRecords.Next(Serial, "2", CaseEventKind.Opinion)).Outcome);
        var again = _node.ImportCases(CaseRecords.Accepted(Serial), CaseRecords.Next(Serial, "2", CaseEventKind.Opinion));

        Assert.Equal(2, again.Unchanged);
        Assert.Equal(0, again.Accepted);
        Assert.Equal(count, _node.Session.Ledger.Count);
        Assert.Equal(2, Cases.Find(Serial)!.EventSequences.Count);
    }

    [Fact]
    public void Admit_NegativeOpinionWithoutReason_IsRejectedNamingOpinion()
    {
        Record(CaseRecords.Accepted(Serial));
        var e = CaseRecords.Next(Serial, "2", CaseEventKind.Opinion);
        e.Stance = Stance.Negative;
        e.Opinion = " ";

        AssertRejected(Cases.Admit(e), "opinion");
    }

    [Fact]
    public void Admit_PenaltyDecisionWithoutAmount_IsRejected()
    {
        Record(CaseRecords.Accepted(Serial, CaseRecords.PenaltyCode));

        AssertRejected(Cases.Admit(CaseRecords.Penalty(Serial, "2", 0)), "decision.penalty_amount");
    }

    [Fact]
    public void Admit_PenaltyInsideTheDiscretionRange_IsAcceptedWithoutWarning()
    {
        Record(CaseRecords.Accepted(Serial, CaseRecords.PenaltyCode));

        var result = Cases.Admit(CaseRecords.Penalty(Serial, "2", 3000));

        Assert.Equal(Admission.Accepted, result.Outcome);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Admit_PenaltyOutsideTheDiscretionRange_IsAcceptedWithAWarning()
    {
        Record(CaseRecords.Accepted(Serial, CaseRecords.PenaltyCode));
        var decision = CaseRecords.Penalty(Serial, "2", 8000);

        var result = Cases.Admit(decision);
        var summary = _node.ImportCases(decision);

        Assert.Equal(Admission.Accepted, result.Outcome);
        var warning = Assert.Single(result.Problems);
        Assert.True(warning.IsWarning);
        Assert.Equal("decision.penalty_amount", warning.Field);
        Assert.Equal(1, summary.Accepted);
        Assert.Equal("decision.penalty_amount", Assert.Single(Assert.Single(summary.Warnings).Problems).Field);
        Assert.Equal(CaseStatus.Decided, Cases.Find(Serial)!.Status);
    }

    [Fact]
    public void Admit_CreditCodeWithBadCheckCharacter_IsAcceptedAndTheCaseKeepsTheWarning()
    {
        var organisation = ValidRecords.Organisation();
        organisation.CreditCode = "91350100M000100Y44";
        var accepted = CaseRecords.Accepted(Serial, counterpart: organisation);

        var result = Cases.Admit(accepted);
        Record(accepted);

        Assert.Equal(Admission.Accepted, result.Outcome);
        Assert.True(Assert.Single(result.Problems).IsWarning);
        var warning = Assert.Single(Cases.Find(Serial)!.Warnings);
        Assert.Contains("GB 32100", warning, StringComparison.Ordinal);
        Assert.Contains("实为 4", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Admit_ValidCreditCode_LeavesTheCaseWithoutWarnings()
    {
        Record(CaseRecords.Accepted(Serial, counterpart: ValidRecords.Organisation()));

        Assert.Empty(Cases.Find(Serial)!.Warnings);
    }

    [Fact]
    public void Admit_MergedIntoUnknownCase_IsRejectedNamingMergedInto()
    {
        Record(CaseRecords.Accepted(Serial));

        AssertRejected(Cases.Admit(CaseRecords.Merged(Serial, "2", "320321-2024-999999")), "merged_into");
    }

    [Fact]
    public void Admit_MergedIntoAnExistingCase_IsAcceptedAndOnlyConclusionMayFollow()
    {
        Record(CaseRecords.Accepted(Serial), CaseRecords.Accepted("320321-2024-000002"));

        Record(CaseRecords.Merged(Serial, "2", "320321-2024-000002"));

        Assert.Equal(CaseStatus.Merged, Cases.Find(Serial)!.Status);
        AssertRejected(Cases.Admit(CaseRecords.Next(Serial, "3", CaseEventKind.Opinion)), "kind");
        Assert.Equal(Admission.Accepted, Cases.Admit(CaseRecords.Next(Serial, "3", CaseEventKind.Concluded)).Outcome);
    }

    [Fact]
    public void Trail_OfACase_ListsItsEventsInTheOrderRecorded()
    {
        Record(
            CaseRecords.Accepted(Serial),
            CaseRecords.Next(Serial, "2", CaseEventKind.Opinion),
            CaseRecords.Next(Serial, "3", CaseEventKind.Concluded));

        var summary = Cases.Find(Serial)!;

        Assert.Equal(["1", "2", "3"], Cases.Trail(summary).Select(e => e.EventId));
        Assert.Equal("320321-XK-001", summary.PowerCode);
        Assert.Equal("320321", summary.Division);
    }

    [Fact]
    public void Import_CaseOpenedAndConcludedInOneFile_FollowsTheOrderWithinTheBatch()
    {
        var summary = _node.ImportCases(
            CaseRecords.Accepted(Serial),
            CaseRecords.Next(Serial, "2", CaseEventKind.Concluded),
            CaseRecords.Next(Serial, "3", CaseEventKind.Opinion));

        Assert.Equal(2, summary.Accepted);
        Assert.Equal(1, summary.Rejected);
        Assert.Equal(CaseStatus.Concluded, Cases.Find(Serial)!.Status);
    }

    [Fact]
    public void Import_BatchMixingNewCasesWithOnesScatteredAmongHeldCases_JudgesEachAgainstItsStoredState()
    {
        // 60 cases held; the next batch touches every eleventh of them (farther apart than the
        // read-ahead walks past in a row), opens 20 new ones between and after them, repeats an
        // event, and breaks the order of one held case: each must be judged on its own state.
        static string SerialOf(int n) => $"320321-2024-{n:D6}";
        Record([.. Enumerable.Range(1, 60).Select(n => CaseRecords.Accepted(SerialOf(n * 10)))]);
        Record(CaseRecords.Next(SerialOf(110), "2", CaseEventKind.Concluded));

        var batch = new List<CaseEvent>();
        for (var n = 11; n <= 60; n += 11)
        {
            batch.Add(CaseRecords.Next(SerialOf(n * 10), "3", CaseEventKind.Suspended));
        }

        batch.AddRange(Enumerable.Range(1, 20).Select(n => CaseRecords.Accepted(SerialOf(n * 30 + 5))));
        batch.Add(CaseRecords.Accepted(SerialOf(10)));
        var summary = _node.ImportCases([.. batch]);

        // Case 110 was concluded: its suspension is out of order; case 10's acceptance is a repeat.
        Assert.Equal(4 + 20, summary.Accepted);
        Assert.Equal(1, summary.Unchanged);
        Assert.Equal("kind", Assert.Single(Assert.Single(summary.Rejections).Problems).Field);
        Assert.Equal(CaseStatus.Suspended, Cases.Find(SerialOf(220))!.Status);
        Assert.Equal(CaseStatus.Concluded, Cases.Find(SerialOf(110))!.Status);
        Assert.Equal(CaseStatus.Open, Cases.Find(SerialOf(150))!.Status);
        Assert.Equal(CaseStatus.Open, Cases.Find(SerialOf(605))!.Status);
        Assert.Equal(80, Cases.List(status: null, powerCode: null).Count());
        Assert.Equal(4, Cases.List(CaseStatus.Suspended, powerCode: null).Count());
    }
}
