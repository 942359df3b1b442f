using System.Globalization;

namespace ExchangeNode.Adapters.BuiltIn.Database;

/// <summary>
/// The (watermark, key) of the last record read, as a compact string that round-trips exactly:
/// <c>t:2026-03-02T09:30:00.1234560|i:4411</c>. Each value carries its type, so that it is bound
/// back as the same type the column returned (a timestamp with all its digits, not a rounded text).
/// </summary>
internal static class DatabasePosition
{
    public static string Format(object watermark, object? key) =>
        key is null ? FormatValue(watermark) : FormatValue(watermark) + "|" + FormatValue(key);

    public static (object Watermark, object? Key) Parse(string position)
    {
        var parts = position.Split('|');
        if (parts.Length is < 1 or > 2)
        {
            throw new FormatException($"\"{position}\" is not a database adapter position");
        }

        return (ParseValue(parts[0]), parts.Length == 2 ? ParseValue(parts[1]) : null);
    }

    private static string FormatValue(object value) => value switch
    {
        long or int or short or byte => string.Create(CultureInfo.InvariantCulture, $"i:{Convert.ToInt64(value, CultureInfo.InvariantCulture)}"),
        decimal d => "n:" + d.ToString(CultureInfo.InvariantCulture),
        double f => "f:" + f.ToString("R", CultureInfo.InvariantCulture),
        float f => "f:" + ((double)f).ToString("R", CultureInfo.InvariantCulture),
        DateTime { Kind: DateTimeKind.Utc } t => "u:" + t.ToString("O", CultureInfo.InvariantCulture),
        DateTime t => "t:" + DateTime.SpecifyKind(t, DateTimeKind.Unspecified).ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset o => "o:" + o.ToString("O", CultureInfo.InvariantCulture),
        Guid g => "g:" + g.ToString("D"),
        string s => "s:" + Uri.EscapeDataString(s),
        _ => throw new NotSupportedException(
            $"a watermark or key column of type {value.GetType().Name} is not supported: use an integer, a timestamp, a number or text"),
    };

    private static object ParseValue(string text)
    {
        var value = text.Length > 2 && text[1] == ':' ? text[2..] : throw new FormatException($"\"{text}\" is not a position value");
        return text[0] switch
        {
            'i' => long.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture),
            'n' => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture),
            'f' => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
            'u' => DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            't' => DateTime.SpecifyKind(DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), DateTimeKind.Unspecified),
            'o' => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            'g' => Guid.Parse(value, CultureInfo.InvariantCulture),
            's' => Uri.UnescapeDataString(value),
            _ => throw new FormatException($"\"{text}\" is not a position value"),
        };
    }
}
