using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ExchangeNode.Protocol.V1;

namespace ExchangeNode.Samples.Generator;

/// <summary>Writes a power catalogue as the CSV a county's legacy catalogue system exports.</summary>
internal static class PowerCsv
{
    public static readonly string[] Header =
    [
        "权力编码", "权力名称", "权力类别", "实施主体", "实施主体编码", "行政区划代码", "法律依据", "收费依据和标准",
        "法定期限", "承诺期限", "办理机构", "办理地点", "联系电话", "监督电话", "申请材料", "状态", "版本",
        "审核确认机关", "审核确认日期", "审核确认文号", "外部流程", "内部流程", "裁量基准",
    ];

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Departments whose staff type the unit into the limit cells; the others type a bare number.
    // Real exports mix both, and an importer has to take either.
    private static readonly string[] WithUnit = ["市场监督", "住房", "民政", "卫生"];

    /// <summary>Writes the header and one record a power; records end CRLF, lines inside a cell LF.</summary>
    public static void Write(IEnumerable<Power> powers, TextWriter writer)
    {
        WriteRecord(writer, Header);
        foreach (var power in powers)
        {
            var unit = WithUnit.Any(k => power.Implementer.Name.Contains(k, StringComparison.Ordinal)) ? "个工作日" : "";
            WriteRecord(writer,
            [
                power.Code,
                power.Name,
                CategoryName(power.Category),
                power.Implementer.Name,
                power.Implementer.Code,
                power.DivisionCode,
                string.Join('\n', power.LegalBasis),
                power.FeeBasis,
                Limit(power.StatutoryLimitDays, unit),
                Limit(power.PromisedLimitDays, unit),
                power.HandlingOffice,
                power.Address,
                power.Phone,
                power.SupervisionPhone,
                string.Join('\n', power.RequiredMaterials),
                StatusName(power.Status),
                power.Version.ToString(CultureInfo.InvariantCulture),
                power.Approval.ApprovedBy,
                power.Approval.ApprovedOn,
                power.Approval.Reference,
                Json(power.ExternalFlow, (w, s) =>
                {
                    w.WriteString("name", s.Name);
                    w.WriteString("description", s.Description);
                }),
                Json(power.InternalFlow, (w, s) =>
                {
                    w.WriteString("post", s.Post);
                    w.WriteString("duty", s.Duty);
                    w.WriteNumber("limitDays", s.LimitDays);
                }),
                Json(power.DiscretionBenchmarks, (w, b) =>
                {
                    w.WriteString("circumstance", b.Circumstance);
                    w.WriteNumber("min", b.Min);
                    w.WriteNumber("max", b.Max);
                    w.WriteString("unit", b.Unit);
                }),
            ]);
        }
    }

    /// <summary>The Chinese name of a category, as the 权力类别 column writes it.</summary>
    public static string CategoryName(PowerCategory category) => category switch
    {
        PowerCategory.Licensing => "行政许可",
        PowerCategory.Penalty => "行政处罚",
        PowerCategory.Levy => "行政征收",
        PowerCategory.Enforcement => "行政强制",
        PowerCategory.Benefit => "行政给付",
        PowerCategory.Inspection => "行政检查",
        PowerCategory.Award => "行政奖励",
        PowerCategory.Confirmation => "行政确认",
        PowerCategory.Requisition => "行政征用",
        PowerCategory.Adjudication => "行政裁决",
        PowerCategory.Other => "其他行政权力",
        _ => "",
    };

    /// <summary>The Chinese name of a status, as the 状态 column writes it.</summary>
    public static string StatusName(PowerStatus status) => status switch
    {
        PowerStatus.Active => "在用",
        PowerStatus.Suspended => "暂停",
        PowerStatus.Cancelled => "取消",
        _ => "",
    };

    private static string Limit(int days, string unit) =>
        days.ToString(CultureInfo.InvariantCulture) + unit;

    // Proto3 JSON field names (limitDays, not limit_days), so that an importer can hand each
    // element to the protobuf JSON parser.
    private static string Json<T>(IReadOnlyCollection<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        if (items.Count == 0)
        {
            return "";
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStartObject();
                writeFields(writer, item);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteRecord(TextWriter writer, string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                writer.Write('"');
                writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(field);
            }
        }

        writer.Write("\r\n");
    }
}
