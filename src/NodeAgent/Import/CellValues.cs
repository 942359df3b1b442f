using System.Globalization;
using System.Text.RegularExpressions;
using ExchangeNode.NodeAgent.Records;
using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Import;

/// <summary>
/// Parses the cell values department exports write: Chinese labels, "20个工作日", "2024年3月15日".
/// Each parser returns null when it succeeds, else the reason in plain words.
/// </summary>
internal static partial class CellValues
{
    /// <summary>The non-empty, trimmed lines of a multi-value cell (legal bases, materials).</summary>
    public static IEnumerable<string> SplitLines(string cell) =>
        cell.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A category by Chinese label (行政许可, 其他) or enum name in any case, with or without <c>POWER_CATEGORY_</c>.</summary>
    public static string? ParseCategory(string cell, out PowerCategory category)
    {
        var text = cell.Trim();
        if (Labels.TryParse(text == "其他" ? "其他行政权力" : text, Labels.Of, out category))
        {
            return null;
        }

        return $"无法识别的权力类别 \"{text}\"，应为行政许可、行政处罚等或 LICENSING 等 (unknown category)";
    }

    /// <summary>A status by Chinese label (在用, 暂停, 取消) or enum name in any case, with or without <c>POWER_STATUS_</c>.</summary>
    public static string? ParseStatus(string cell, out PowerStatus status)
    {
        var text = cell.Trim();
        if (Labels.TryParse(text, Labels.Of, out status))
        {
            return null;
        }

        return $"无法识别的权力运行状态 \"{text}\"，应为在用、暂停或取消 (unknown status)";
    }

    /// <summary>
    /// A limit in working days: <c>20</c>, <c>20个工作日</c>, <c>20 工作日</c>, <c>20日</c>;
    /// empty or <c>无</c> is 0 (no limit set). Full-width digits are accepted.
    /// </summary>
    public static string? ParseLimitDays(string cell, out int days)
    {
        days = 0;
        var text = ToHalfWidthDigits(cell.Trim());
        if (text.Length == 0 || text == "无")
        {
            return null;
        }

        // A plain number of days, as most cells hold: what the pattern would read, without it.
        if (text.Length <= 5 && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
        {
            days = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
            return null;
        }

        var match = LimitPattern().Match(text);
        if (match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out days))
        {
            return null;
        }

        days = 0;
        return $"无法识别的期限 \"{text}\"，应为工作日数如 20 或 20个工作日 (not a number of working days)";
    }

    /// <summary>A whole number such as a version; empty is 0.</summary>
    public static string? ParseInteger(string cell, out int value)
    {
        var text = ToHalfWidthDigits(cell.Trim());
        if (text.Length == 0)
        {
            value = 0;
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            ? null
            : $"\"{text}\" 不是整数 (not a whole number)";
    }

    /// <summary>
    /// A calendar date as <c>2024-03-15</c>, <c>2024/3/15</c>, <c>2024.3.15</c> or
    /// <c>2024年3月15日</c> (a midnight time such as Excel appends is allowed), normalised to
    /// yyyy-MM-dd; empty stays empty.
    /// </summary>
    public static string? ParseDate(string cell, out string date)
    {
        date = string.Empty;
        var text = ToHalfWidthDigits(cell.Trim());
        if (text.Length == 0)
        {
            return null;
        }

        var match = DatePattern().Match(text);
        if (match.Success
            && int.TryParse(match.Groups["y"].ValueSpan, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(match.Groups["m"].ValueSpan, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(match.Groups["d"].ValueSpan, CultureInfo.InvariantCulture, out var day)
            && month is >= 1 and <= 12
            && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            date = IsoDate.ToText(new DateOnly(year, month, day));
            return null;
        }

        return $"无法识别的日期 \"{text}\"，应为 2024-03-15、2024/3/15 或 2024年3月15日 (not a real date)";
    }

    private static string ToHalfWidthDigits(string text)
    {
        if (!text.Any(c => c is >= '０' and <= '９'))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c;
            }
        });
    }

    [GeneratedRegex(@"^(\d{1,5})\s*(?:个)?\s*(?:工作日|日)?$", RegexOptions.CultureInvariant)]
    private static partial Regex LimitPattern();

    [GeneratedRegex(@"^(?<y>\d{4})\s*[-/.年]\s*(?<m>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})\s*日?(?:\s+0?0:00(?::00)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
