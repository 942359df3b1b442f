using System.Globalization;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using Google.Protobuf;

namespace ExchangeNode.Samples.Generator;

/// <summary>
/// Deterministic synthetic powers and case events for tests, benchmarks and demonstrations:
/// the same seed gives the same records, call after call.
/// </summary>
public sealed class SyntheticData
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    private readonly int _seed;

    /// <summary>Creates a generator whose output depends only on <paramref name="seed"/> and the arguments.</summary>
    public SyntheticData(int seed = 1)
    {
        _seed = seed;
    }

    /// <summary>The seed this generator was made with.</summary>
    public int Seed => _seed;

    /// <summary>
    /// The hand-written 丰县 (320321) catalogue behind samples/data: 51 items of nine
    /// departments, every category, three suspended and two cancelled.
    /// </summary>
    public static IReadOnlyList<Power> FengxianPowers() => FengxianCatalogue.Build();

    /// <summary>
    /// <paramref name="count"/> approved powers of <paramref name="divisionCode"/>, version 1. The first
    /// eleven are active and cover every category; after them, with ten or more, about one in
    /// seventeen is suspended and one in twenty-nine cancelled. Penalties carry discretion benchmarks.
    /// </summary>
    public IReadOnlyList<Power> Powers(string divisionCode, int count)
    {
        CheckDivision(divisionCode);
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        var random = new Random(Mix(_seed, 1));
        var templates = FengxianCatalogue.Build().Where(p => p.Status == PowerStatus.Active).ToList();

        // One of each category first, so that any count from eleven up has them all.
        var firsts = Enum.GetValues<PowerCategory>()
            .Where(c => c != PowerCategory.Unspecified)
            .Select(c => templates.First(p => p.Category == c))
            .ToList();
        var rest = templates.Except(firsts).OrderBy(_ => random.Next()).ToList();
        var order = firsts.Concat(rest).ToList();

        var name = DivisionNames.NameOf(divisionCode);
        var shortName = DivisionNames.ShortOf(divisionCode);
        var serials = new Dictionary<PowerCategory, int>();
        var powers = new List<Power>(count);
        for (var i = 0; i < count; i++)
        {
            var power = order[i % order.Count].Clone();
            var serial = serials.GetValueOrDefault(power.Category) + 1;
            serials[power.Category] = serial;

            power.Code = string.Create(CultureInfo.InvariantCulture, $"{divisionCode}-{FengxianCatalogue.CodeSegment(power.Category)}-{serial:D4}");
            power.DivisionCode = divisionCode;
            power.Implementer.Name = Localise(power.Implementer.Name, divisionCode, name);
            power.Implementer.Code = Recode(power.Implementer.Code, divisionCode);
            power.HandlingOffice = Localise(power.HandlingOffice, divisionCode, name);
            power.Address = Localise(power.Address, divisionCode, name);
            if (i >= order.Count)
            {
                // A catalogue longer than the templates repeats them as sub-items (子项).
                power.Name += string.Create(CultureInfo.InvariantCulture, $"（子项{i / order.Count + 1}）");
            }

            power.Status = i < 11 || count < 10 ? PowerStatus.Active
                : i % 29 == 23 ? PowerStatus.Cancelled
                : i % 17 == 13 ? PowerStatus.Suspended
                : PowerStatus.Active;
            power.Version = 1;
            var approvedOn = new DateOnly(2023, 1, 3).AddDays(random.Next(3 * 365 - 30));
            power.Approval = new Approval
            {
                ApprovedBy = name + "机构编制委员会办公室",
                ApprovedOn = approvedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Reference = string.Create(CultureInfo.InvariantCulture, $"{shortName}编办〔{approvedOn.Year}〕{random.Next(1, 40)}号"),
            };
            power.EffectiveFrom = approvedOn.AddDays(random.Next(1, 20)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            powers.Add(power);
        }

        return powers;
    }

    /// <summary>
    /// The events of <paramref name="caseCount"/> cases handled in <paramref name="divisionCode"/>
    /// under the active powers among <paramref name="powers"/>, case after case, each in legal
    /// order from Accepted to Concluded. Streamed: memory does not grow with the count.
    /// </summary>
    public IEnumerable<CaseEvent> CaseEvents(IReadOnlyList<Power> powers, string divisionCode, int caseCount)
    {
        ArgumentNullException.ThrowIfNull(powers);
        CheckDivision(divisionCode);
        ArgumentOutOfRangeException.ThrowIfNegative(caseCount);
        var active = powers.Where(p => p.Status == PowerStatus.Active).ToArray();
        if (active.Length == 0 && caseCount > 0)
        {
            throw new ArgumentException("No active (在用) power to run cases under.", nameof(powers));
        }

        return Stream(active, divisionCode, caseCount);
    }

    /// <summary>Writes each record as one line of compact proto3 JSON.</summary>
    public static void WriteJsonLines<T>(IEnumerable<T> records, TextWriter writer)
        where T : IMessage
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var record in records)
        {
            Formatter.Format(record, writer);
            writer.Write('\n');
        }
    }

    private IEnumerable<CaseEvent> Stream(Power[] active, string divisionCode, int caseCount)
    {
        var random = new Random(Mix(_seed, 2));
        var trail = new CaseTrail(random, divisionCode);

        // Cases open in serial order from 19 January to the end of September 2026, so that
        // even the slow ones close within the year their serial names.
        var first = new DateTime(2026, 1, 19, 8, 30, 0, DateTimeKind.Unspecified);
        var span = TimeSpan.FromDays(254);
        for (var i = 0; i < caseCount; i++)
        {
            var opensAt = first + span * ((double)i / Math.Max(caseCount, 1));
            var serial = string.Create(CultureInfo.InvariantCulture, $"{divisionCode}-2026-{i + 1:D6}");
            foreach (var item in trail.Run(serial, active[random.Next(active.Length)], opensAt))
            {
                yield return item;
            }
        }
    }

    private static void CheckDivision(string divisionCode)
    {
        var problem = DivisionCode.CheckForm(divisionCode);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(divisionCode));
        }
    }

    private static string Localise(string text, string divisionCode, string name) =>
        text.Replace("徐州市丰县", DivisionCode.LevelOf(divisionCode) == NodeLevel.County ? "徐州市" + name : name, StringComparison.Ordinal)
            .Replace("丰县", name, StringComparison.Ordinal);

    private static string Recode(string code, string divisionCode)
    {
        if (code.Length != 18)
        {
            return code;
        }

        var first17 = string.Concat(code.AsSpan(0, 2), divisionCode, code.AsSpan(8, 9));
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    private static int Mix(int seed, int stream) => unchecked((seed * 486187739) + (stream * 16777619));
}
