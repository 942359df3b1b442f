using ExchangeNode.Protocol.V1;
using Google.Protobuf.WellKnownTypes;

namespace ExchangeNode.NodeAgent.Tests.Validation;

/// <summary>Records that pass every rule; each test breaks exactly one thing.</summary>
internal static class ValidRecords
{
    public const string ResidentId = "11010519491231002X";
    public const string CreditCodeValue = "91350100M000100Y43";

    public static Power Power() => new()
    {
        Code = "320321-XK-001",
        Name = "食品经营许可",
        Category = PowerCategory.Licensing,
        Implementer = new Implementer { Name = "丰县市场监督管理局", Code = "11320321MB1234567X" },
        DivisionCode = "320321",
        LegalBasis = { "《中华人民共和国食品安全法》第三十五条" },
        FeeBasis = "不收费",
        StatutoryLimitDays = 20,
        PromisedLimitDays = 10,
        Status = PowerStatus.Active,
        Version = 1,
        Approval = new Approval { ApprovedBy = "丰县机构编制委员会办公室", ApprovedOn = "2024-03-15", Reference = "丰编办〔2024〕12号" },
        EffectiveFrom = "2024-04-01",
        InternalFlow = { new InternalStep { Post = "受理岗", Duty = "接收材料", LimitDays = 1 } },
        DiscretionBenchmarks = { new DiscretionBenchmark { Circumstance = "初次违法且危害后果轻微", Min = 0, Max = 5000, Unit = "元" } },
    };

    public static CaseEvent Accepted(Counterpart? counterpart = null) => new()
    {
        CaseSerial = "320321-2024-000001",
        EventId = "1",
        Kind = CaseEventKind.Accepted,
        OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 5, 6, 9, 30, 0, TimeSpan.FromHours(8))),
        Post = "受理岗",
        Actor = "张三",
        Acceptance = new Acceptance
        {
            PowerCode = "320321-XK-001",
            PowerVersion = 1,
            Title = "某某超市食品经营许可申请",
            Counterpart = counterpart ?? Person(),
            DivisionCode = "320321",
            Channel = "窗口",
        },
    };

    public static Counterpart Person() => new()
    {
        Kind = CounterpartKind.Person,
        Name = "李四",
        IdType = IdType.ResidentId,
        IdNumber = ResidentId,
    };

    public static Counterpart Organisation() => new()
    {
        Kind = CounterpartKind.Organisation,
        Name = "某某超市有限公司",
        CreditCode = CreditCodeValue,
    };

    public static CaseEvent Event(CaseEventKind kind) => new()
    {
        CaseSerial = "320321-2024-000001",
        EventId = "2",
        Kind = kind,
        OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 5, 7, 10, 0, 0, TimeSpan.FromHours(8))),
        Opinion = "材料齐全",
    };
}
