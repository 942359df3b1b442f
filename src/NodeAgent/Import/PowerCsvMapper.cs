using System.Text.Json;
using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace ExchangeNode.NodeAgent.Import;

/// <summary>
/// Maps the cells of a power CSV to a <see cref="Power"/>, by a header row whose columns are
/// named by proto field name (<c>statutory_limit_days</c>, <c>approval.approved_on</c>), proto
/// JSON name (<c>statutoryLimitDays</c>) or Chinese label (法定期限, 审核确认日期).
/// </summary>
/// <remarks>
/// An unknown or repeated column is a header problem: the file is refused as a whole rather
/// than its column silently dropped, since a forgotten field is data lost without a trace.
/// A problem names the column as the file's header writes it.
/// </remarks>
internal sealed class PowerCsvMapper
{
    private static readonly JsonParser StrictParser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    private static readonly Column[] Columns =
    [
        Text("code", "权力编码", (p, v) => p.Code = v, "行政权力编码"),
        Text("name", "权力名称", (p, v) => p.Name = v, "行政权力名称"),
        new("category", "权力类别", (p, v) =>
        {
            if (v.Length == 0)
            {
                return null;
            }

            var reason = CellValues.ParseCategory(v, out var category);
            p.Category = category;
            return reason;
        }),
        Text("implementer.name", "实施主体", (p, v) => (p.Implementer ??= new Implementer()).Name = v),
        Text("implementer.code", "实施主体编码", (p, v) => (p.Implementer ??= new Implementer()).Code = v),
        Text("division_code", "行政区划代码", (p, v) => p.DivisionCode = v),
        Lines("legal_basis", "法律依据", p => p.LegalBasis),
        Text("fee_basis", "收费依据和标准", (p, v) => p.FeeBasis = v),
        Limit("statutory_limit_days", "法定期限", (p, d) => p.StatutoryLimitDays = d),
        Limit("promised_limit_days", "承诺期限", (p, d) => p.PromisedLimitDays = d),
        Text("handling_office", "办理机构", (p, v) => p.HandlingOffice = v),
        Text("address", "办理地点", (p, v) => p.Address = v),
        Text("phone", "联系电话", (p, v) => p.Phone = v),
        Text("supervision_phone", "监督电话", (p, v) => p.SupervisionPhone = v),
        Lines("required_materials", "申请材料", p => p.RequiredMaterials),
        new("status", "状态", (p, v) =>
        {
            if (v.Length == 0)
            {
                return null;
            }

            var reason = CellValues.ParseStatus(v, out var status);
            p.Status = status;
            return reason;
        }, "权力运行状态"),
        new("version", "版本", (p, v) =>
        {
            var reason = CellValues.ParseInteger(v, out var version);
            p.Version = version;
            return reason;
        }, "版本号"),
        Text("approval.approved_by", "审核确认机关", (p, v) => (p.Approval ??= new Approval()).ApprovedBy = v),
        Date("approval.approved_on", "审核确认日期", (p, d) => (p.Approval ??= new Approval()).ApprovedOn = d),
        Text("approval.reference", "审核确认文号", (p, v) => (p.Approval ??= new Approval()).Reference = v),
        Date("effective_from", "生效日期", (p, d) => p.EffectiveFrom = d),
        Json<FlowStep>("external_flow", "外部流程", p => p.ExternalFlow),
        Json<InternalStep>("internal_flow", "内部流程", p => p.InternalFlow),
        Json<DiscretionBenchmark>("discretion_benchmarks", "裁量基准", p => p.DiscretionBenchmarks),
    ];

    private static readonly Dictionary<string, Column> ByName = BuildNames();

    // Per position in the header: the column it names, or null for a blank header.
    private readonly Column?[] _columns;
    private readonly string[] _headers;

    private PowerCsvMapper(Column?[] columns, string[] headers, IReadOnlyList<FieldProblem> headerProblems)
    {
        _columns = columns;
        _headers = headers;
        HeaderProblems = headerProblems;
    }

    /// <summary>Problems with the header row (unknown or repeated columns); when any, no row can be mapped.</summary>
    public IReadOnlyList<FieldProblem> HeaderProblems { get; }

    /// <summary>The header names as written, trimmed.</summary>
    public IReadOnlyList<string> Headers => _headers;

    /// <summary>Reads the header row; a UTF-8 BOM before the first name and blanks around names are ignored.</summary>
    public static PowerCsvMapper FromHeader(IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var names = header.Select((h, i) => (i == 0 ? h.TrimStart('\uFEFF') : h).Trim()).ToArray();
        var columns = new Column?[names.Length];
        var problems = new List<FieldProblem>();
        var seen = new Dictionary<Column, int>();
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0)
            {
                continue;
            }

            if (!ByName.TryGetValue(names[i], out var column))
            {
                problems.Add(new FieldProblem(
                    names[i],
                    $"无法识别的列名 \"{names[i]}\"，该列数据无法导入；请使用字段名（如 statutory_limit_days）或中文列名（如 法定期限）(unknown column)",
                    IsWarning: false));
                continue;
            }

            if (seen.TryGetValue(column, out var first))
            {
                problems.Add(new FieldProblem(
                    names[i],
                    $"第{i + 1}列与第{first + 1}列 \"{names[first]}\" 都是字段 {column.FieldPath} (duplicate column for {column.FieldPath})",
                    IsWarning: false));
                continue;
            }

            seen[column] = i;
            columns[i] = column;
        }

        return new PowerCsvMapper(columns, names, problems);
    }

    /// <summary>
    /// Maps one record's cells; every cell that cannot be parsed adds a problem naming its
    /// column and leaves its field unset. Missing trailing cells count as empty.
    /// </summary>
    public Power Map(IReadOnlyList<string> cells, ICollection<FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(problems);
        var power = new Power();
        for (var i = 0; i < cells.Count; i++)
        {
            var value = cells[i].Trim();
            var column = i < _columns.Length ? _columns[i] : null;
            if (column is null)
            {
                if (value.Length > 0)
                {
                    problems.Add(new FieldProblem(
                        $"第{i + 1}列 (column {i + 1})",
                        $"该单元格有内容 \"{value}\" 但没有列名 (cell has no header)",
                        IsWarning: false));
                }

                continue;
            }

            var reason = column.Apply(power, value);
            if (reason is not null)
            {
                problems.Add(new FieldProblem(_headers[i], reason, IsWarning: false));
            }
        }

        return power;
    }

    private static Dictionary<string, Column> BuildNames()
    {
        var names = new Dictionary<string, Column>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in Columns)
        {
            names[column.FieldPath] = column;
            names[ToJsonName(column.FieldPath)] = column;
            names[column.Label] = column;
            foreach (var alias in column.Aliases)
            {
                names[alias] = column;
            }
        }

        return names;
    }

    // approval.approved_on -> approval.approvedOn, as protobuf's JSON mapping names fields.
    private static string ToJsonName(string fieldPath) =>
        string.Join('.', fieldPath.Split('.').Select(segment =>
        {
            var parts = segment.Split('_');
            return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        }));

    private static Column Text(string path, string label, Action<Power, string> set, params string[] aliases) =>
        new(path, label, (p, v) =>
        {
            if (v.Length > 0)
            {
                set(p, v);
            }

            return null;
        }, aliases);

    private static Column Lines(string path, string label, Func<Power, RepeatedField<string>> target) =>
        new(path, label, (p, v) =>
        {
            target(p).AddRange(CellValues.SplitLines(v));
            return null;
        });

    private static Column Limit(string path, string label, Action<Power, int> set) =>
        new(path, label, (p, v) =>
        {
            var reason = CellValues.ParseLimitDays(v, out var days);
            set(p, days);
            return reason;
        });

    private static Column Date(string path, string label, Action<Power, string> set) =>
        new(path, label, (p, v) =>
        {
            var reason = CellValues.ParseDate(v, out var date);
            if (date.Length > 0)
            {
                set(p, date);
            }

            return reason;
        });

    private static Column Json<T>(string path, string label, Func<Power, RepeatedField<T>> target)
        where T : IMessage<T>, new() =>
        new(path, label, (p, v) => AddJson(v, target(p)));

    // A JSON array of proto3 JSON objects (a single object is taken as a one-element array).
    private static string? AddJson<T>(string cell, RepeatedField<T> target)
        where T : IMessage<T>, new()
    {
        if (cell.Length == 0)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(cell);
        }
        catch (JsonException ex)
        {
            return $"不是有效的JSON：{ex.Message} (not valid JSON)";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return AddElement(root, 0, target);
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                return $"应为JSON数组，实为 {root.ValueKind} (expected a JSON array of objects)";
            }

            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                var reason = AddElement(element, index++, target);
                if (reason is not null)
                {
                    return reason;
                }
            }

            return null;
        }
    }

    private static string? AddElement<T>(JsonElement element, int index, RepeatedField<T> target)
        where T : IMessage<T>, new()
    {
        try
        {
            target.Add(StrictParser.Parse<T>(element.GetRawText()));
            return null;
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException)
        {
            return $"第{index + 1}项无法解析为 {typeof(T).Name}：{ex.Message} (element {index + 1} is not a {typeof(T).Name})";
        }
    }

    private sealed record Column(string FieldPath, string Label, Func<Power, string, string?> Apply, params string[] Aliases);
}
