using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using ExchangeNode.Adapters;
using ExchangeNode.NodeAgent.Import;
using ExchangeNode.NodeAgent.Records;
using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace ExchangeNode.NodeAgent.Ingest;

/// <summary>
/// Turns a legacy system's named fields into a canonical record through a mapping in
/// configuration (canonical field path → source column), so a new column layout needs
/// configuration, not code. Paths are the proto field names: <c>acceptance.counterpart.id_number</c>.
/// </summary>
internal sealed class RecordMapper
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private static readonly JsonParser Json = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d",
        "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy年M月d日 H:mm", "yyyy年M月d日",
    ];

    private const int MostPlans = 4;

    // Enum texts read, with their values (null: not a value), shared by every mapper and thread;
    // at most MostEnumTexts of them, none longer than LongestEnumText (see SetEnum). Each enum's
    // texts are a dictionary never changed once published: a text read for the first time
    // publishes a copy with it, so a look-up takes no lock and hashes the text the cheap way an
    // ordinal Dictionary does (the (enum, text) key of one concurrent dictionary cost a tenth of
    // the mapping's time).
    private const int MostEnumTexts = 4096;
    private const int LongestEnumText = 64;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<System.Type, Dictionary<string, int?>> EnumTexts = new();
    private static int _enumTextsKept;

    private readonly Func<IMessage> _newRecord;
    private readonly IReadOnlyList<(MappedField Field, string Source)> _mapping;
    private readonly IReadOnlyList<(MappedField Field, string Value)> _defaults;

    // Where each mapped column is in the rows of the tables last mapped (a few: an HTTP source's
    // items may alternate between shapes): looked up once a table, not once a row. Replaced
    // whole, never changed (mapping runs on several threads at once).
    private ColumnPlan[] _plans = [];

    private RecordMapper(
        MessageDescriptor descriptor,
        IReadOnlyList<(MappedField, string)> mapping,
        IReadOnlyList<(MappedField, string)> defaults)
    {
        _newRecord = Expression.Lambda<Func<IMessage>>(Expression.New(descriptor.ClrType)).Compile();
        _mapping = mapping;
        _defaults = defaults;
    }

    /// <summary>Checks every path against the record's schema and builds the mapper.</summary>
    /// <exception cref="ArgumentException">A path names no field; the message says which.</exception>
    public static RecordMapper Create(MessageDescriptor descriptor, IReadOnlyDictionary<string, string> mapping, IReadOnlyDictionary<string, string> defaults) =>
        new(
            descriptor,
            mapping.Select(m => (MappedField.Of(descriptor, m.Key), m.Value)).ToList(),
            defaults.Select(d => (MappedField.Of(descriptor, d.Key), d.Value)).ToList());

    /// <summary>The record, or null with the problems when a field cannot be read.</summary>
    public (IMessage? Record, List<FieldProblem> Problems) Map(IReadOnlyDictionary<string, string> fields)
    {
        var record = _newRecord();
        var problems = new List<FieldProblem>();
        foreach (var (field, value) in _defaults)
        {
            Set(record, field, value, null, problems);
        }

        var (row, at) = fields is RowDictionary table ? (table, PlanFor(table.Columns)) : (null, null);
        for (var i = 0; i < _mapping.Count; i++)
        {
            var (field, source) = _mapping[i];
            string? value;
            var found = row is not null ? row.TryGetValue(at![i], out value) : fields.TryGetValue(source, out value);
            if (!found)
            {
                problems.Add(new FieldProblem($"{source} ({field.Path})", $"来源记录中没有字段 \"{source}\" (the source record has no such field)", IsWarning: false));
                continue;
            }

            if (Meaningful(value) is { } meaningful)
            {
                Set(record, field, meaningful, source, problems);
            }
        }

        return problems.Count == 0 ? (record, problems) : (null, problems);
    }

    /// <summary>
    /// The cell's text without the whitespace around it, or null when it has none but whitespace.
    /// Most cells begin and end with a visible character: they are taken as they are, without a
    /// look at every character (measured: a sixth of the mapping's time went to that look).
    /// </summary>
    private static string? Meaningful(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (Visible(value[0]) && Visible(value[^1]))
        {
            return value;
        }

        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>
    /// Not white space: printable ASCII and everything after U+3000 (the last white space in
    /// Unicode, the ideographic space) at once, without the Unicode table that char.IsWhiteSpace
    /// looks up for a Chinese character.
    /// </summary>
    private static bool Visible(char c) => c is > ' ' and < '\x7F' or > '\u3000' || !char.IsWhiteSpace(c);

    /// <summary>The position in <paramref name="columns"/> of each mapped column (-1: not there).</summary>
    private int[] PlanFor(Columns columns)
    {
        var plans = Volatile.Read(ref _plans);
        foreach (var known in plans)
        {
            if (ReferenceEquals(known.Columns, columns))
            {
                return known.Indexes;
            }
        }

        var plan = new ColumnPlan(columns, [.. _mapping.Select(m => columns.IndexOf(m.Source))]);
        Volatile.Write(ref _plans, [plan, .. plans.Take(MostPlans - 1)]);
        return plan.Indexes;
    }

    private sealed record ColumnPlan(Columns Columns, int[] Indexes);

    /// <summary>Sets one field; a problem is labelled "source (path)", or "path" for a default (the label is made only then: a record has some thirty fields).</summary>
    private static void Set(IMessage record, MappedField field, string value, string? source, List<FieldProblem> problems)
    {
        var problem = field.Leaf.IsRepeated
            ? AddAll(field.HolderOf(record), field.Leaf, value)
            : SetOne(record, field, value);
        if (problem is not null)
        {
            problems.Add(new FieldProblem(source is null ? field.Path : $"{source} ({field.Path})", problem, IsWarning: false));
        }
    }

    private static string? AddAll(IMessage target, FieldDescriptor leaf, string value)
    {
        var list = (IList)leaf.Accessor.GetValue(target);
        if (leaf.FieldType == FieldType.String)
        {
            foreach (var line in JsonStrings(value) ?? CellValues.SplitLines(value))
            {
                list.Add(line);
            }

            return null;
        }

        if (leaf.FieldType == FieldType.Message)
        {
            try
            {
                var array = System.Text.Json.JsonDocument.Parse(value).RootElement;
                var items = array.ValueKind == System.Text.Json.JsonValueKind.Array ? array.EnumerateArray().ToList() : [array];
                foreach (var item in items)
                {
                    list.Add(Json.Parse(item.GetRawText(), leaf.MessageType));
                }

                return null;
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidProtocolBufferException or InvalidJsonException)
            {
                return $"应为 JSON 数组 (expected a JSON array: {ex.Message})";
            }
        }

        return "不支持的多值字段 (unsupported repeated field)";
    }

    /// <summary>
    /// A JSON array of strings (how a JSON source such as http-json hands over a list) as its
    /// items; null for anything else, which is then read as one item a line.
    /// </summary>
    private static List<string>? JsonStrings(string value)
    {
        if (!value.StartsWith('['))
        {
            return null;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(value);
            var array = document.RootElement;
            return array.EnumerateArray().All(e => e.ValueKind == System.Text.Json.JsonValueKind.String)
                ? array.EnumerateArray().Select(e => e.GetString()!.Trim()).Where(e => e.Length > 0).ToList()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? SetOne(IMessage record, MappedField field, string value)
    {
        var leaf = field.Leaf;
        switch (leaf.FieldType)
        {
            case FieldType.String:
                field.Set(record, value);
                return null;
            case FieldType.Int32:
                var intProblem = leaf.Name.EndsWith("_days", StringComparison.Ordinal)
                    ? CellValues.ParseLimitDays(value, out var days)
                    : CellValues.ParseInteger(value, out days);
                if (intProblem is null)
                {
                    field.Set(record, days);
                }

                return intProblem;
            case FieldType.Int64:
                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    field.Set(record, number);
                    return null;
                }

                return $"\"{value}\" 不是整数 (not a whole number)";
            case FieldType.Double:
                var cleaned = value.Replace(",", string.Empty, StringComparison.Ordinal).Replace("元", string.Empty, StringComparison.Ordinal).Trim();
                if (double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
                {
                    field.Set(record, amount);
                    return null;
                }

                return $"\"{value}\" 不是数值 (not a number)";
            case FieldType.Bool:
                field.Set(record, value is "1" or "是" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
                return null;
            case FieldType.Enum:
                return SetEnum(record, field, value);
            case FieldType.Message when MappedField.IsTimestamp(leaf):
                // UTC to the second by hand; then the cheap look for an offset before the general
                // parser: most legacy times have none.
                if (TryParseUtcSeconds(value, out var stamped)
                    || (HasOffset(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out stamped)))
                {
                    field.Set(record, Timestamp.FromDateTimeOffset(stamped));
                    return null;
                }

                if (DateTime.TryParseExact(value, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                {
                    // Legacy systems write Beijing time without an offset.
                    field.Set(record, Timestamp.FromDateTimeOffset(new DateTimeOffset(local, ChinaOffset)));
                    return null;
                }

                return $"无法识别的时间 \"{value}\"，应如 2026-03-02 09:30 (not a date and time)";
            default:
                return "不支持的字段类型 (unsupported field type)";
        }
    }

    /// <summary>
    /// "2026-03-02T01:30:00Z", the form JSON sources and many exports give times in, read by hand:
    /// the general parser costs several times as much, on every row. Anything else, an impossible
    /// date included, is left to the general parser, which decides as before.
    /// </summary>
    private static bool TryParseUtcSeconds(string value, out DateTimeOffset stamp)
    {
        stamp = default;
        if (value.Length != 20 || value[4] != '-' || value[7] != '-' || value[10] != 'T' || value[13] != ':' || value[16] != ':' || value[19] != 'Z'
            || !TryDigits(value, 0, 4, out var year) || !TryDigits(value, 5, 2, out var month) || !TryDigits(value, 8, 2, out var day)
            || !TryDigits(value, 11, 2, out var hour) || !TryDigits(value, 14, 2, out var minute) || !TryDigits(value, 17, 2, out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        stamp = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;

        static bool TryDigits(string text, int start, int length, out int number)
        {
            number = 0;
            for (var i = start; i < start + length; i++)
            {
                if (!char.IsAsciiDigit(text[i]))
                {
                    return false;
                }

                number = (number * 10) + (text[i] - '0');
            }

            return true;
        }
    }

    private static bool HasOffset(string value) =>
        value.EndsWith('Z') || value.LastIndexOfAny(['+']) > 10 || (value.Length > 19 && value[^6] == '-');

    private static string? SetEnum(IMessage record, MappedField field, string value)
    {
        var leaf = field.Leaf;
        // A legacy column holds a handful of texts for an enum, on every row: each text is read
        // once per enum, then found by a look-up. Only short texts are kept, and only so many,
        // for the life of the process: a column mapped by mistake must not fill memory.
        var type = leaf.EnumType.ClrType;
        int? parsed = null;
        if (!EnumTexts.TryGetValue(type, out var known) || !known.TryGetValue(value, out parsed))
        {
            parsed = ParseEnum(leaf, type, value);
            if (value.Length <= LongestEnumText && Volatile.Read(ref _enumTextsKept) < MostEnumTexts)
            {
                // Static lambdas with the text as their argument: no closure made on every call.
                EnumTexts.AddOrUpdate(
                    type,
                    static (_, read) => new Dictionary<string, int?>(StringComparer.Ordinal) { [read.Text] = read.Value },
                    static (_, before, read) => before.ContainsKey(read.Text) ? before : new Dictionary<string, int?>(before, StringComparer.Ordinal) { [read.Text] = read.Value },
                    (Text: value, Value: parsed));

                // Counted once for each time kept; two threads keeping the same text count it twice: a bound, not a tally.
                Interlocked.Increment(ref _enumTextsKept);
            }
        }

        if (parsed is null)
        {
            return $"无法识别的取值 \"{value}\" (not a value of {leaf.EnumType.Name})";
        }

        field.Set(record, parsed.Value);
        return null;
    }

    private static int? ParseEnum(FieldDescriptor leaf, System.Type type, string value) =>
        type switch
        {
            var t when t == typeof(PowerCategory) => CellValues.ParseCategory(value, out var c) is null ? (int)c : null,
            var t when t == typeof(PowerStatus) => CellValues.ParseStatus(value, out var s) is null ? (int)s : null,
            var t when t == typeof(CaseEventKind) => Labels.TryParse<CaseEventKind>(value, Labels.Of, out var k) ? (int)k : null,
            var t when t == typeof(Stance) => Labels.TryParse<Stance>(value, Labels.Of, out var st) ? (int)st : null,
            var t when t == typeof(Outcome) => Labels.TryParse<Outcome>(value, Labels.Of, out var o) ? (int)o : null,
            var t when t == typeof(CounterpartKind) => Labels.TryParse<CounterpartKind>(value, Labels.Of, out var ck) ? (int)ck : null,
            var t when t == typeof(IdType) => Labels.TryParse<IdType>(value, Labels.Of, out var id) ? (int)id : null,
            _ => leaf.EnumType.FindValueByName(value.ToUpperInvariant())?.Number,
        };
}
