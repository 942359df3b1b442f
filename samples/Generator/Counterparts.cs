using System.Globalization;
using System.Text;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;

namespace ExchangeNode.Samples.Generator;

/// <summary>Makes counterparts (行政相对人) with real-looking names and valid identifiers.</summary>
internal static class Counterparts
{
    // Common surnames of northern Jiangsu, the most frequent first so they come up most.
    private const string Surnames = "王李张刘孙陈杨赵徐朱周吴马胡郭高魏程董葛丁冯韩宋许曹蒋袁苏侯渠梁唐于邵彭谢田史";

    private static readonly string[] MaleGiven =
    [
        "建国", "志强", "海军", "卫东", "春生", "秀峰", "明亮", "永胜", "红军", "德胜", "振华", "国庆",
        "浩然", "子豪", "宇航", "俊杰", "博文", "磊", "伟", "勇", "军", "涛", "斌", "超", "鹏", "凯",
    ];

    private static readonly string[] FemaleGiven =
    [
        "秀兰", "桂英", "玉兰", "凤英", "丽娟", "红梅", "海燕", "晓红", "春燕", "雪梅", "淑珍", "翠萍",
        "欣怡", "梓涵", "雨萱", "佳琪", "思雨", "静", "敏", "丽", "娟", "艳", "霞", "芳", "婷",
    ];

    private static readonly string[] TradeNames =
    [
        "鑫源", "恒达", "金丰", "华宇", "顺发", "兴旺", "宏远", "瑞丰", "福满", "嘉禾", "永盛", "凤城",
        "汉源", "大沙河", "龙雾", "中阳", "聚鑫", "润泽", "天顺", "同信", "德润", "宏达", "盛世", "佳和",
    ];

    private static readonly string[] Towns =
    [
        "凤城街道", "中阳里街道", "孙楼街道", "欢口镇", "首羡镇", "顺河镇", "常店镇", "华山镇", "梁寨镇",
        "范楼镇", "宋楼镇", "大沙河镇", "王沟镇", "赵庄镇", "师寨镇",
    ];

    // Businesses that meet each kind of department, with the GB 32100 registration category
    // (9 工商: 1 企业, 2 个体工商户, 3 农民专业合作社; 5 民政: 1 社会团体, 2 民办非企业单位).
    // Keywords of the power's name come first, then of the department's.
    private static readonly (string Keyword, (string Suffix, string Registration)[] Kinds)[] Trades =
    [
        ("食品", [("超市", "92"), ("餐饮店", "92"), ("食品有限公司", "91"), ("饭店", "92"), ("副食品商行", "92")]),
        ("特种设备", [("机械制造有限公司", "91"), ("大酒店有限公司", "91"), ("置业有限公司", "91"), ("面粉有限公司", "91")]),
        ("公共场所", [("宾馆", "92"), ("浴池", "92"), ("美容美发店", "92"), ("大酒店有限公司", "91"), ("游泳馆", "92")]),
        ("危险化学品", [("化工贸易有限公司", "91"), ("加油站", "91"), ("化工有限公司", "91")]),
        ("劳务派遣", [("人力资源有限公司", "91"), ("劳务服务有限公司", "91")]),
        ("社会团体", [("志愿者协会", "51"), ("商会", "51"), ("书法家协会", "51")]),
        ("市场监督", [("超市", "92"), ("食品有限公司", "91"), ("机械制造有限公司", "91")]),
        ("自然资源", [("置业有限公司", "91"), ("新型建材有限公司", "91"), ("农业发展有限公司", "91"), ("果蔬专业合作社", "93")]),
        ("生态环境", [("化工有限公司", "91"), ("板材有限公司", "91"), ("木业有限公司", "91"), ("纺织有限公司", "91"), ("食品加工厂", "92")]),
        ("住房", [("建筑工程有限公司", "91"), ("房地产开发有限公司", "91"), ("建设工程有限公司", "91")]),
        ("交通", [("物流有限公司", "91"), ("运输有限公司", "91"), ("货运部", "92")]),
        ("民政", [("养老服务中心", "52"), ("志愿者协会", "51"), ("商会", "51")]),
        ("人力资源", [("电子科技有限公司", "91"), ("服装有限公司", "91"), ("人力资源有限公司", "91")]),
        ("卫生", [("宾馆", "92"), ("诊所", "92"), ("大酒店有限公司", "91")]),
        ("应急", [("化工贸易有限公司", "91"), ("加油站", "91"), ("机械制造有限公司", "91"), ("面粉有限公司", "91")]),
    ];

    private static readonly (string Suffix, string Registration)[] DefaultTrades =
    [
        ("商贸有限公司", "91"), ("农业科技有限公司", "91"), ("商行", "92"),
    ];

    // Unified-credit-code characters used in the made-up organisation code part (GB 32100).
    private const string CodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>A person with a valid resident ID number born in <paramref name="divisionCode"/>.</summary>
    public static Counterpart Person(Random random, string divisionCode)
    {
        var male = random.Next(2) == 0;
        return new Counterpart
        {
            Kind = CounterpartKind.Person,
            Name = PersonName(random, male),
            IdType = IdType.ResidentId,
            IdNumber = ResidentId(random, divisionCode, male),
            Phone = Mobile(random),
        };
    }

    /// <summary>An organisation of a trade that runs into the power, with a valid credit code.</summary>
    public static Counterpart Organisation(Random random, string divisionCode, string countyName, Power power)
    {
        var kinds = Trades.FirstOrDefault(t => power.Name.Contains(t.Keyword, StringComparison.Ordinal)).Kinds
            ?? Trades.FirstOrDefault(t => (power.Implementer?.Name ?? "").Contains(t.Keyword, StringComparison.Ordinal)).Kinds
            ?? DefaultTrades;
        var (suffix, registration) = kinds[random.Next(kinds.Length)];
        var trade = TradeNames[random.Next(TradeNames.Length)];

        // Sole traders (个体工商户) often carry the owner's name; companies the county's.
        var name = registration == "92" && random.Next(3) == 0
            ? string.Concat(countyName, PersonName(random, random.Next(2) == 0), suffix)
            : string.Concat(countyName, trade, suffix);
        return new Counterpart
        {
            Kind = CounterpartKind.Organisation,
            Name = name,
            CreditCode = CreditCodeFor(random, registration, divisionCode),
            Contact = PersonName(random, random.Next(2) == 0),
            Phone = Mobile(random),
        };
    }

    /// <summary>A person's name: surname and one or two given characters.</summary>
    public static string PersonName(Random random, bool male)
    {
        // Skewed towards the front of the surname list, as real surname frequencies are.
        var surname = Surnames[(int)(Surnames.Length * Math.Pow(random.NextDouble(), 1.6))];
        var given = male ? MaleGiven : FemaleGiven;
        return surname + given[random.Next(given.Length)];
    }

    /// <summary>A town or street of 丰县, for opinions that name a place.</summary>
    public static string Town(Random random) => Towns[random.Next(Towns.Length)];

    /// <summary>A GB 11643 number: area code, a real birth date 1950–2005, sequence, check character.</summary>
    public static string ResidentId(Random random, string divisionCode, bool male)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(365 * 56 + 14));
        var sequence = random.Next(0, 500) * 2 + (male ? 1 : 0);
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{divisionCode}{birth:yyyyMMdd}{sequence:D3}");
        return first17 + ResidentIdNumber.ComputeCheckCharacter(first17);
    }

    /// <summary>A GB 32100 code: registration category, division, organisation code, check character.</summary>
    public static string CreditCodeFor(Random random, string registration, string divisionCode)
    {
        var builder = new StringBuilder(18).Append(registration).Append(divisionCode);

        // Codes issued since 2015 to newly registered market subjects begin "MA".
        if (registration[0] == '9')
        {
            builder.Append("MA");
        }

        while (builder.Length < 17)
        {
            builder.Append(CodeAlphabet[random.Next(CodeAlphabet.Length)]);
        }

        var first17 = builder.ToString();
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    private static string Mobile(Random random)
    {
        string[] prefixes = ["138", "139", "150", "151", "152", "157", "158", "159", "182", "187", "188", "133", "153", "180", "189", "130", "131", "155", "156", "185", "186"];
        return prefixes[random.Next(prefixes.Length)] + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
    }
}
