using System.Globalization;

namespace ExchangeNode.Samples.Plugin;

/// <summary>
/// The column layout of the export: each field's legacy name and width in characters, in order.
/// This is what a plugin is for: knowledge of one system that configuration cannot express.
/// </summary>
internal static class FixedWidthLayout
{
    public static readonly IReadOnlyList<(string Name, int Width)> Columns =
    [
        ("事项编码", 20),
        ("事项名称", 24),
        ("权力类别", 6),
        ("实施主体", 16),
        ("区划", 6),
        ("法定时限", 4),
        ("承诺时限", 4),
        ("状态", 2),
        ("版本", 3),
        ("审批机关", 20),
        ("审批日期", 8),
        ("审批文号", 20),
    ];

    public static int Width { get; } = Columns.Sum(c => c.Width);

    /// <summary>The fields of one data line, or the reason it cannot be read.</summary>
    public static (Dictionary<string, string>? Fields, string? Problem) Split(string line)
    {
        // Exports trim trailing blanks, so the last column may be short; any other column may not.
        if (line.Length <= Width - Columns[^1].Width)
        {
            return (null, $"line is {line.Length} characters long, the layout needs {Width}");
        }

        line = line.PadRight(Width);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = 0;
        foreach (var (name, width) in Columns)
        {
            fields[name] = line.Substring(at, width).Trim();
            at += width;
        }

        // The old system writes dates as yyyyMMdd; the agent wants yyyy-MM-dd.
        if (DateOnly.TryParseExact(fields["审批日期"], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var approved))
        {
            fields["审批日期"] = approved.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return (fields, null);
    }
}
