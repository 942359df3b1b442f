using System.Globalization;

namespace ExchangeNode.NodeAgent.Validation;

/// <summary>ISO 8601 calendar dates (yyyy-MM-dd), the one date form the records carry.</summary>
internal static class IsoDate
{
    /// <summary>The format of every date field in the records.</summary>
    public const string Format = "yyyy-MM-dd";

    /// <summary>True when <paramref name="value"/> is exactly yyyy-MM-dd and names a real day.</summary>
    public static bool IsRealDate(string? value) =>
        value is { Length: 10 }
        && DateOnly.TryParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>The date as yyyy-MM-dd.</summary>
    public static string ToText(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);
}
