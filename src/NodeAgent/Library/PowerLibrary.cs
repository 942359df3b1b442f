using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using LiteDB;

namespace ExchangeNode.NodeAgent.Library;

/// <summary>
/// The power library (行政权力库) as the views show it, and the rules for what may enter it
/// (Art. 17, 21 to 24): only approved items, in the node's jurisdiction, each change a higher version.
/// </summary>
internal sealed class PowerLibrary(LedgerStore ledger)
{
    private static readonly PowerValidator Validator = new();

    private readonly ILiteCollection<BsonDocument> _powers = ledger.Database.GetCollection(LedgerCollections.Powers);
    private readonly ILiteCollection<BsonDocument> _versions = ledger.Database.GetCollection(LedgerCollections.PowerVersions);

    public Power? Current(string code) => ledger.Projector.FindPower(code);

    public Power? Version(string code, int version) => ledger.Projector.FindPowerVersion(code, version);

    public IEnumerable<Power> List(PowerStatus? status, PowerCategory? category)
    {
        var docs = status is { } s ? _powers.Find(StoreQuery.Equal("status", (int)s))
            : category is { } c ? _powers.Find(StoreQuery.Equal("category", (int)c))
            : _powers.FindAll();
        return docs
            .Select(doc => Power.Parser.ParseFrom(doc["r"].AsBinary))
            .Where(p => category is null || p.Category == category)
            .OrderBy(p => p.Code, StringComparer.Ordinal);
    }

    /// <summary>Every version of an item, oldest first, with when each was recorded.</summary>
    public IReadOnlyList<(Power Power, DateTime RecordedAt)> History(string code) =>
        _versions.Find(StoreQuery.Equal("code", code))
            .Select(doc => (Power.Parser.ParseFrom(doc["r"].AsBinary), doc["at"].AsDateTime))
            .OrderBy(v => v.Item1.Version)
            .ToList();

    public AdmissionResult Admit(Power power)
    {
        var problems = Check(power);
        return problems.Any(p => !p.IsWarning) ? AdmissionResult.FromProblems(problems) : AdmitChecked(power, problems);
    }

    /// <summary>The rules an item passes on its own (PowerValidator), with no state: what an adapter checks on its reading thread.</summary>
    public static List<FieldProblem> Check(Power power) => ValidationFailures.Validate(Validator, power);

    /// <summary>The rules that need the library's state, for an item that passed <see cref="Check"/>; the result carries <paramref name="problems"/>.</summary>
    public AdmissionResult AdmitChecked(Power power, List<FieldProblem> problems)
    {
        if (!DivisionCode.IsWithin(power.DivisionCode, ledger.NodeCode))
        {
            return AdmissionResult.Reject(
                "division_code",
                $"行政区划 {power.DivisionCode} 不在本节点 {ledger.NodeCode} 的辖区内 (outside this node's jurisdiction)");
        }

        var current = Current(power.Code);
        if (current is not null)
        {
            if (current.Equals(power))
            {
                return AdmissionResult.Unchanged;
            }

            if (power.Version <= current.Version)
            {
                var what = current.Version == power.Version ? "内容已变但版本未提高" : "版本低于已有版本";
                return AdmissionResult.Reject(
                    "version",
                    $"{what}：已有第 {current.Version} 版，收到第 {power.Version} 版；变更须提高版本号 (a change needs a version above {current.Version})");
            }
        }

        return AdmissionResult.FromProblems(problems);
    }
}
