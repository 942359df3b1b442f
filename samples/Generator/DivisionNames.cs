namespace ExchangeNode.Samples.Generator;

/// <summary>Names of the Xuzhou divisions the generator knows, for department names and references.</summary>
internal static class DivisionNames
{
    private static readonly Dictionary<string, (string Name, string Short)> Known = new(StringComparer.Ordinal)
    {
        ["320000"] = ("江苏省", "苏"),
        ["320300"] = ("徐州市", "徐"),
        ["320302"] = ("鼓楼区", "鼓"),
        ["320303"] = ("云龙区", "云"),
        ["320305"] = ("贾汪区", "贾"),
        ["320311"] = ("泉山区", "泉"),
        ["320312"] = ("铜山区", "铜"),
        ["320321"] = ("丰县", "丰"),
        ["320322"] = ("沛县", "沛"),
        ["320324"] = ("睢宁县", "睢"),
        ["320381"] = ("新沂市", "新"),
        ["320382"] = ("邳州市", "邳"),
    };

    /// <summary>The name of a division (丰县), or a neutral stand-in for codes not listed.</summary>
    public static string NameOf(string divisionCode) =>
        Known.TryGetValue(divisionCode, out var names) ? names.Name : $"区划{divisionCode}";

    /// <summary>The one-character form used in document numbers and 文号 (丰).</summary>
    public static string ShortOf(string divisionCode) =>
        Known.TryGetValue(divisionCode, out var names) ? names.Short : divisionCode;

    /// <summary>The short department form used in document numbers: 丰市监, 丰住建.</summary>
    public static string DepartmentShort(string divisionCode, string department)
    {
        (string Keyword, string Short)[] table =
        [
            ("市场监督", "市监"), ("自然资源", "自然资规"), ("生态环境", "环"), ("住房", "住建"), ("交通", "交"),
            ("民政", "民"), ("人力资源", "人社"), ("卫生", "卫健"), ("应急", "应急"), ("农业", "农"),
        ];
        var match = table.FirstOrDefault(t => department.Contains(t.Keyword, StringComparison.Ordinal));
        return ShortOf(divisionCode) + (match.Short ?? "政");
    }
}
