namespace ExchangeNode.Protocol.Identifiers;

/// <summary>The level of a node in the hierarchy.</summary>
public enum NodeLevel
{
    /// <summary>A province (省): code XX0000.</summary>
    Province,

    /// <summary>A city (市): code XXXX00.</summary>
    City,

    /// <summary>A county or district (县、区): code XXXXXX, not ending in 00.</summary>
    County,
}

/// <summary>Six-digit administrative division codes of GB/T 2260.</summary>
public static class DivisionCode
{
    /// <summary>Checks the form of a code: null when it is six digits with a real province prefix.</summary>
    public static string? CheckForm(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "行政区划代码为空 (division code is empty)";
        }

        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return $"行政区划代码 '{code}' 应为6位数字 (GB/T 2260 codes are 6 digits)";
        }

        var province = (code[0] - '0') * 10 + (code[1] - '0');
        if (province is < 11 or > 82)
        {
            return $"行政区划代码 '{code}' 的省级代码 {code[..2]} 不存在 (no such province)";
        }

        return null;
    }

    /// <summary>The level a well-formed code denotes.</summary>
    public static NodeLevel LevelOf(string code) =>
        code.EndsWith("0000", StringComparison.Ordinal) ? NodeLevel.Province
        : code.EndsWith("00", StringComparison.Ordinal) ? NodeLevel.City
        : NodeLevel.County;

    /// <summary>Checks that a code is well formed and denotes the given level; null when it does.</summary>
    public static string? CheckForLevel(string? code, NodeLevel level)
    {
        var form = CheckForm(code);
        if (form is not null)
        {
            return form;
        }

        var actual = LevelOf(code!);
        return actual == level
            ? null
            : $"行政区划代码 '{code}' 是{Describe(actual)}级代码，不是{Describe(level)}级 (a {level} code is {Pattern(level)})";
    }

    /// <summary>True when <paramref name="code"/> lies within the jurisdiction of <paramref name="ancestor"/> (or is it).</summary>
    public static bool IsWithin(string code, string ancestor)
    {
        if (code.Length != 6 || ancestor.Length != 6)
        {
            return false;
        }

        return LevelOf(ancestor) switch
        {
            NodeLevel.Province => code.AsSpan(0, 2).SequenceEqual(ancestor.AsSpan(0, 2)),
            NodeLevel.City => code.AsSpan(0, 4).SequenceEqual(ancestor.AsSpan(0, 4)),
            _ => code == ancestor,
        };
    }

    private static string Describe(NodeLevel level) => level switch
    {
        NodeLevel.Province => "省",
        NodeLevel.City => "市",
        _ => "县区",
    };

    private static string Pattern(NodeLevel level) => level switch
    {
        NodeLevel.Province => "XX0000",
        NodeLevel.City => "XXXX00",
        _ => "XXXXXX not ending in 00",
    };
}
