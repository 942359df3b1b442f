using ExchangeNode.Protocol.V1;

using ExchangeNode.NodeAgent.Cases;

namespace ExchangeNode.NodeAgent.Records;

/// <summary>Chinese labels for enum values, as users read them.</summary>
internal static class Labels
{
    public static string Of(CaseEventKind kind) => kind switch
    {
        CaseEventKind.Accepted => "受理",
        CaseEventKind.CorrectionRequested => "补正告知",
        CaseEventKind.CorrectionReceived => "补正收件",
        CaseEventKind.Suspended => "暂停",
        CaseEventKind.Resumed => "恢复",
        CaseEventKind.Returned => "退回",
        CaseEventKind.Opinion => "意见",
        CaseEventKind.Decision => "决定",
        CaseEventKind.Merged => "并案",
        CaseEventKind.Concluded => "办结",
        _ => "未知事件",
    };

    public static string Of(PowerStatus status) => status switch
    {
        PowerStatus.Active => "在用",
        PowerStatus.Suspended => "暂停",
        PowerStatus.Cancelled => "取消",
        _ => "未知",
    };

    public static string Of(CaseStatus status) => status switch
    {
        CaseStatus.Open => "办理中",
        CaseStatus.AwaitingCorrection => "补正中",
        CaseStatus.Suspended => "暂停",
        CaseStatus.Returned => "已退回",
        CaseStatus.Decided => "已决定",
        CaseStatus.Merged => "已并案",
        CaseStatus.Concluded => "办结",
        _ => "未知",
    };

    public static string Of(PowerCategory category) => category switch
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
        _ => "未知",
    };

    public static string Of(Stance stance) => stance switch
    {
        Stance.Positive => "同意",
        Stance.Negative => "不同意",
        _ => "未知",
    };

    public static string Of(Outcome outcome) => outcome switch
    {
        Outcome.Granted => "准予",
        Outcome.Refused => "不予",
        Outcome.Penalised => "处罚",
        Outcome.NotPenalised => "不予处罚",
        Outcome.Other => "其他",
        _ => "未知",
    };

    public static string Of(CounterpartKind kind) => kind switch
    {
        CounterpartKind.Person => "个人",
        CounterpartKind.Organisation => "单位",
        _ => "未知",
    };

    public static string Of(IdType type) => type switch
    {
        IdType.ResidentId => "居民身份证",
        IdType.Passport => "护照",
        IdType.MilitaryId => "军官证",
        IdType.Other => "其他",
        _ => "未知",
    };

    /// <summary>
    /// Reads an enum value as a user types it: its Chinese label, its C# name or its proto name
    /// (any case, with or without the proto prefix).
    /// </summary>
    public static bool TryParse<TEnum>(string? text, Func<TEnum, string> label, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var wanted = text.Trim();
        var compact = wanted.Replace("_", string.Empty, StringComparison.Ordinal);
        foreach (var (candidate, name) in Names<TEnum>.All)
        {
            if (label(candidate) == wanted
                || string.Equals(name, compact, StringComparison.OrdinalIgnoreCase)
                || compact.EndsWith(name, StringComparison.OrdinalIgnoreCase)
                    && compact.Length > name.Length
                    && string.Equals(compact[..^name.Length], typeof(TEnum).Name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>An enum's values with their names, Unspecified left out, made once per type (an adapter parses several enum cells a row).</summary>
    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly (TEnum Value, string Name)[] All =
            [.. Enum.GetValues<TEnum>().Select(v => (v, v.ToString())).Where(v => v.Item2 != "Unspecified")];
    }
}
