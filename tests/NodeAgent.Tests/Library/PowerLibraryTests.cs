using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Tests.Cases;
using ExchangeNode.NodeAgent.Tests.Ledger;
using ExchangeNode.NodeAgent.Tests.Validation;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Library;

public sealed class PowerLibraryTests : IDisposable
{
    private readonly TestNode _node = TestNode.County();

    public void Dispose() => _node.Dispose();

    private static Power Renamed(Power power, int version)
    {
        var changed = power.Clone();
        changed.Name += "（修订）";
        changed.Version = version;
        return changed;
    }

    [Fact]
    public void Admit_UnapprovedPower_IsRejectedAndNothingAppended()
    {
        var power = ValidRecords.Power();
        power.Approval = null;

        var result = _node.Session.Powers.Admit(power);
        var summary = _node.ImportPowers(power);

        Assert.Equal(Admission.Rejected, result.Outcome);
        Assert.Contains(result.Problems, p => p.Field == "approval" && !p.IsWarning);
        Assert.Equal(1, summary.Rejected);
        Assert.Equal(0, _node.Session.Ledger.Count);
        Assert.Null(_node.Session.Powers.Current(power.Code));
    }

    [Fact]
    public void Admit_DivisionOfAnotherCounty_IsRejectedNamingTheDivision()
    {
        var power = ValidRecords.Power();
        power.DivisionCode = "320322";

        var result = _node.Session.Powers.Admit(power);

        Assert.Equal(Admission.Rejected, result.Outcome);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("division_code", problem.Field);
        Assert.Contains("320322", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Admit_ProvinceNode_AcceptsACountyItemInItsProvince()
    {
        using var province = TestNode.Create("320000", NodeLevel.Province);

        var result = province.Session.Powers.Admit(ValidRecords.Power());
        var summary = province.ImportPowers(ValidRecords.Power());

        Assert.Equal(Admission.Accepted, result.Outcome);
        Assert.Equal(1, summary.Accepted);
        Assert.Equal("320321", province.Session.Ledger.Read(1)!.Body.Jurisdiction);
        Assert.Equal("320000", province.Session.Ledger.Read(1)!.Body.Origin);
    }

    [Fact]
    public void Admit_ProvinceNode_RejectsAnItemOfAnotherProvince()
    {
        using var province = TestNode.Create("320000", NodeLevel.Province);
        var power = ValidRecords.Power();
        power.DivisionCode = "330102";

        Assert.Equal(Admission.Rejected, province.Session.Powers.Admit(power).Outcome);
    }

    [Fact]
    public void Admit_IdenticalReimport_IsUnchangedAndAppendsNothing()
    {
        Assert.Equal(1, _node.ImportPowers(ValidRecords.Power()).Accepted);

        var result = _node.Session.Powers.Admit(ValidRecords.Power());
        var summary = _node.ImportPowers(ValidRecords.Power());

        Assert.Equal(Admission.Unchanged, result.Outcome);
        Assert.Equal(1, summary.Unchanged);
        Assert.Equal(0, summary.Accepted);
        Assert.Equal(1, _node.Session.Ledger.Count);
        Assert.Single(_node.Session.Powers.History(ValidRecords.Power().Code));
    }

    [Fact]
    public void Admit_ChangedContentUnderTheSameVersion_IsRejectedNamingVersion()
    {
        _node.ImportPowers(ValidRecords.Power());

        var result = _node.Session.Powers.Admit(Renamed(ValidRecords.Power(), 1));

        Assert.Equal(Admission.Rejected, result.Outcome);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("version", problem.Field);
        Assert.Contains("above 1", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(ValidRecords.Power(), _node.Session.Powers.Current(ValidRecords.Power().Code));
    }

    [Fact]
    public void Admit_LowerVersionThanHeld_IsRejectedNamingVersion()
    {
        _node.ImportPowers(ValidRecords.Power(), Renamed(ValidRecords.Power(), 3));

        var result = _node.Session.Powers.Admit(Renamed(ValidRecords.Power(), 2));

        Assert.Equal(Admission.Rejected, result.Outcome);
        Assert.Equal("version", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void Admit_HigherVersion_IsAcceptedAndHistoryListsBothVersions()
    {
        _node.ImportPowers(ValidRecords.Power());
        _node.Time.Advance(TimeSpan.FromDays(1));
        var second = Renamed(ValidRecords.Power(), 2);

        Assert.Equal(Admission.Accepted, _node.Session.Powers.Admit(second).Outcome);
        Assert.Equal(1, _node.ImportPowers(second).Accepted);

        var history = _node.Session.Powers.History(second.Code);
        Assert.Equal([1, 2], history.Select(h => h.Power.Version));
        Assert.Equal(ValidRecords.Power(), history[0].Power);
        Assert.Equal(second, history[1].Power);
        Assert.Equal(TimeSpan.FromDays(1), history[1].RecordedAt.ToUniversalTime() - history[0].RecordedAt.ToUniversalTime());
        Assert.Equal(second, _node.Session.Powers.Current(second.Code));
        Assert.Equal(ValidRecords.Power(), _node.Session.Powers.Version(second.Code, 1));
    }

    [Fact]
    public void History_OfOneCode_DoesNotListItsSubItemCode()
    {
        var power = ValidRecords.Power();
        var subItem = ValidRecords.Power();
        subItem.Code = power.Code + "-1";
        subItem.Name = "食品经营许可（子项）";
        Assert.Equal(2, _node.ImportPowers(power, subItem).Accepted);

        var history = _node.Session.Powers.History(power.Code);

        Assert.Equal([power.Code], history.Select(h => h.Power.Code));
    }

    [Fact]
    public void History_OfItemOne_DoesNotListItemTen()
    {
        var one = ValidRecords.Power();
        one.Code = "320321-XK-1";
        var ten = ValidRecords.Power();
        ten.Code = "320321-XK-10";
        ten.Name = "食品生产许可";
        Assert.Equal(2, _node.ImportPowers(one, ten).Accepted);

        var history = _node.Session.Powers.History(one.Code);

        Assert.Equal(["320321-XK-1"], history.Select(h => h.Power.Code));
    }

    [Fact]
    public void Admit_SuspendedAsVersionTwo_ThenACaseAcceptedUnderItIsRejected()
    {
        _node.ImportPowers(ValidRecords.Power());
        var suspended = CaseRecords.WithStatus(ValidRecords.Power(), PowerStatus.Suspended, 2);

        Assert.Equal(1, _node.ImportPowers(suspended).Accepted);

        Assert.Equal(PowerStatus.Suspended, _node.Session.Powers.Current(suspended.Code)!.Status);
        Assert.Equal([PowerStatus.Suspended], _node.Session.Powers.List(PowerStatus.Suspended, null).Select(p => p.Status));
        Assert.Empty(_node.Session.Powers.List(PowerStatus.Active, null));
        var underTwo = _node.Session.Cases.Admit(CaseRecords.Accepted("320321-2024-000009", powerVersion: 2));
        var underOne = _node.Session.Cases.Admit(CaseRecords.Accepted("320321-2024-000010", powerVersion: 1));
        Assert.Equal(Admission.Rejected, underTwo.Outcome);
        Assert.Equal(Admission.Rejected, underOne.Outcome);
        Assert.Equal("acceptance.power_code", Assert.Single(underTwo.Problems).Field);
    }
}
