using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Sync;
using ExchangeNode.NodeAgent.Tests.Ledger;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Sync;

public sealed class FreshnessMonitorTests : IDisposable
{
    private readonly TestNode _city = TestNode.Create("320300", NodeLevel.City);

    public FreshnessMonitorTests()
    {
        using var transaction = _city.Session.Ledger.Begin();
        _city.Session.Children.Add("320321", "丰县");
        _city.Session.Children.Add("320322", "沛县");
        transaction.Commit();
    }

    [Fact]
    public void Measure_ChildSilentPastWarnAfterThenPast24Hours_GoesOkWarnLate()
    {
        Touch("320321");
        var states = new List<FreshnessState>();

        foreach (var hours in new[] { 19, 2, 4 })
        {
            _city.Time.Advance(TimeSpan.FromHours(hours));
            states.Add(StateOf("320321"));
        }

        Assert.Equal([FreshnessState.Ok, FreshnessState.Warn, FreshnessState.Late], states);
    }

    [Fact]
    public void RaiseAlerts_RaisesYellowThenRedOncePerSilence_AndContactEndsTheSilence()
    {
        Touch("320321");
        Touch("320322");

        _city.Time.Advance(TimeSpan.FromHours(21));
        var atWarn = _city.Session.Freshness.RaiseAlerts();
        var repeated = _city.Session.Freshness.RaiseAlerts();
        Touch("320322");
        _city.Time.Advance(TimeSpan.FromHours(4));
        var atLate = _city.Session.Freshness.RaiseAlerts();
        var lateAgain = _city.Session.Freshness.RaiseAlerts();

        Assert.Equal(2, atWarn);
        Assert.Equal(0, repeated);
        Assert.Equal(1, atLate);
        Assert.Equal(0, lateAgain);
        var alerts = Alerts();
        Assert.Equal(
            [("320321", AlertLevel.Yellow), ("320322", AlertLevel.Yellow), ("320321", AlertLevel.Red)],
            alerts.Select(a => (a.Subject, a.Level)).ToArray());
        Assert.All(alerts, a => Assert.Equal("child.late", a.Kind));
        Assert.Equal(FreshnessState.Ok, StateOf("320322"));
    }

    [Fact]
    public void Measure_ChildThatOnlyShakesHands_StaysLate_UntilAPushIsDelivered()
    {
        Touch("320321");
        _city.Time.Advance(TimeSpan.FromHours(25));

        using (var transaction = _city.Session.Ledger.Begin())
        {
            _city.Session.Children.Touch("320321", backlog: 40, delivered: false);
            transaction.Commit();
        }

        var afterHandshake = StateOf("320321");
        Touch("320321");

        Assert.Equal(FreshnessState.Late, afterHandshake);
        Assert.Equal(FreshnessState.Ok, StateOf("320321"));
    }

    [Fact]
    public void Measure_ShowsNewestEntryHeldPerOrigin()
    {
        EntryBody body;
        using (var county = TestNode.County())
        {
            county.ImportPowers(Validation.ValidRecords.Power());
            var entry = county.Session.Ledger.ReadRaw(0, 1).Single();
            body = EntryBody.Parser.ParseFrom(entry.Entry.Body);
            using (var transaction = _city.Session.Ledger.Begin())
            {
                Assert.True(transaction.AppendForeign(entry.Entry, body));
                _city.Session.Children.Touch("320321", backlog: 7, delivered: true);
                transaction.Commit();
            }
        }

        var fengxian = _city.Session.Freshness.Measure().Single(c => c.Child.Code == "320321");

        Assert.Equal(body.RecordedAt.ToDateTime(), fengxian.NewestEntryAt);
        Assert.Equal(7, fengxian.Child.ReportedBacklog);
        Assert.Equal("320321", Assert.Single(fengxian.Origins).Origin);
    }

    public void Dispose() => _city.Dispose();

    private void Touch(string code)
    {
        using var transaction = _city.Session.Ledger.Begin();
        _city.Session.Children.Touch(code, backlog: 0, delivered: true);
        transaction.Commit();
    }

    private FreshnessState StateOf(string code) => _city.Session.Freshness.Measure().Single(c => c.Child.Code == code).State;

    private List<Alert> Alerts() =>
        _city.Session.Ledger.ReadBatch(0, 1000)
            .Where(e => e.Body.Record.KindCase == ExchangeNode.Protocol.V1.Record.KindOneofCase.Alert)
            .Select(e => e.Body.Record.Alert)
            .ToList();
}
