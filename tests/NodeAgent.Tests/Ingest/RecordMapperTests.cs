using ExchangeNode.NodeAgent.Ingest;
using ExchangeNode.Protocol.V1;
using Google.Protobuf.WellKnownTypes;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Ingest;

public sealed class RecordMapperTests
{
    private static readonly Dictionary<string, string> NoDefaults = [];

    private static (CaseEvent? Event, List<ExchangeNode.NodeAgent.Validation.FieldProblem> Problems) MapCase(Dictionary<string, string> mapping, Dictionary<string, string> fields, Dictionary<string, string>? defaults = null)
    {
        var (record, problems) = RecordMapper.Create(CaseEvent.Descriptor, mapping, defaults ?? NoDefaults).Map(fields);
        return ((CaseEvent?)record, problems);
    }

    [Fact]
    public void Map_NestedPaths_FillTheNestedFields()
    {
        var (e, problems) = MapCase(
            new() { ["case_serial"] = "办件流水号", ["acceptance.counterpart.id_number"] = "证件号码", ["acceptance.department.name"] = "部门" },
            new() { ["办件流水号"] = " 320321-2026-000001 ", ["证件号码"] = "11010519491231002X", ["部门"] = "丰县市场监督管理局" });

        Assert.Empty(problems);
        Assert.Equal("320321-2026-000001", e!.CaseSerial);
        Assert.Equal("11010519491231002X", e.Acceptance.Counterpart.IdNumber);
        Assert.Equal("丰县市场监督管理局", e.Acceptance.Department.Name);
    }

    [Fact]
    public void Map_RowsOneAfterAnother_EachGetsItsOwnNestedMessages_AndOnlyThoseItsCellsFill()
    {
        var mapper = RecordMapper.Create(
            CaseEvent.Descriptor,
            new Dictionary<string, string> { ["case_serial"] = "流水号", ["acceptance.counterpart.name"] = "姓名", ["decision.penalty_amount"] = "罚款" },
            NoDefaults);

        var first = (CaseEvent)mapper.Map(new Dictionary<string, string> { ["流水号"] = "A-1", ["姓名"] = "张三", ["罚款"] = "" }).Record!;
        var second = (CaseEvent)mapper.Map(new Dictionary<string, string> { ["流水号"] = "A-2", ["姓名"] = "李四", ["罚款"] = "1,200元" }).Record!;
        var third = (CaseEvent)mapper.Map(new Dictionary<string, string> { ["流水号"] = "A-3", ["姓名"] = "", ["罚款"] = "" }).Record!;

        Assert.Equal(("A-1", "张三"), (first.CaseSerial, first.Acceptance.Counterpart.Name));
        Assert.Null(first.Decision);
        Assert.Equal(("A-2", "李四", 1200d), (second.CaseSerial, second.Acceptance.Counterpart.Name, second.Decision.PenaltyAmount));
        Assert.NotSame(first.Acceptance, second.Acceptance);
        Assert.Equal("A-3", third.CaseSerial);
        Assert.Null(third.Acceptance);
    }

    [Fact]
    public void Map_CellsOfWhitespaceOnly_LeaveTheirFieldsUnset_AndOthersAreTrimmed()
    {
        var (e, problems) = MapCase(
            new() { ["case_serial"] = "办件流水号", ["post"] = "岗位", ["actor"] = "经办人", ["acceptance.title"] = "事项" },
            new() { ["办件流水号"] = "\t320321-2026-000001", ["岗位"] = " \u3000 ", ["经办人"] = "张三\u3000", ["事项"] = "食品 经营 许可" });

        Assert.Empty(problems);
        Assert.Equal("320321-2026-000001", e!.CaseSerial);
        Assert.Equal(string.Empty, e.Post);
        Assert.Equal("张三", e.Actor);
        Assert.Equal("食品 经营 许可", e.Acceptance.Title);
    }

    [Theory]
    [InlineData("\u3000张三", "张三")]
    [InlineData("张三\u2003", "张三")]
    [InlineData("\u00A0张三\u205F", "张三")]
    [InlineData("\u1680张三", "张三")]
    [InlineData("\uFEFF张三", "\uFEFF张三")]
    [InlineData("\u3001张三\u3002", "\u3001张三\u3002")]
    [InlineData("~张三~", "~张三~")]
    public void Map_CellsBeginningOrEndingInUnicodeWhiteSpace_AreTrimmed_AndNoOtherCharacterIs(string cell, string field)
    {
        var (e, problems) = MapCase(new() { ["actor"] = "经办人" }, new() { ["经办人"] = cell });

        Assert.Empty(problems);
        Assert.Equal(field, e!.Actor);
    }

    [Fact]
    public void NoCharacterAfterTheIdeographicSpace_IsWhiteSpace_AsTheMappersShortcutForChineseTextAssumes()
    {
        // What the mapper's shortcut for Chinese text rests on: no character after U+3000 is white space.
        Assert.DoesNotContain(Enumerable.Range(0x3001, 0x10000 - 0x3001), c => char.IsWhiteSpace((char)c));
    }

    [Fact]
    public void Map_EnumsByChineseLabelOrProtoName_ReadBoth()
    {
        var mapping = new Dictionary<string, string> { ["kind"] = "环节", ["stance"] = "意见类型", ["acceptance.counterpart.kind"] = "相对人类别" };

        var (chinese, p1) = MapCase(mapping, new() { ["环节"] = "受理", ["意见类型"] = "同意", ["相对人类别"] = "单位" });
        var (proto, p2) = MapCase(mapping, new() { ["环节"] = "CASE_EVENT_KIND_DECISION", ["意见类型"] = "STANCE_NEGATIVE", ["相对人类别"] = "person" });

        Assert.Empty(p1);
        Assert.Empty(p2);
        Assert.Equal((CaseEventKind.Accepted, Stance.Positive, CounterpartKind.Organisation), (chinese!.Kind, chinese.Stance, chinese.Acceptance.Counterpart.Kind));
        Assert.Equal((CaseEventKind.Decision, Stance.Negative, CounterpartKind.Person), (proto!.Kind, proto.Stance, proto.Acceptance.Counterpart.Kind));
    }

    [Fact]
    public void Map_PowerCategoryAndStatusInChinese_AndLimitsWithUnits()
    {
        var (record, problems) = RecordMapper.Create(
                Power.Descriptor,
                new Dictionary<string, string> { ["category"] = "权力类别", ["status"] = "状态", ["statutory_limit_days"] = "法定期限" },
                NoDefaults)
            .Map(new Dictionary<string, string> { ["权力类别"] = "行政处罚", ["状态"] = "暂停", ["法定期限"] = "20个工作日" });

        Assert.Empty(problems);
        var power = (Power)record!;
        Assert.Equal((PowerCategory.Penalty, PowerStatus.Suspended, 20), (power.Category, power.Status, power.StatutoryLimitDays));
    }

    [Fact]
    public void Map_UnknownEnumValue_IsAProblemNamingTheSourceField()
    {
        var (e, problems) = MapCase(new() { ["kind"] = "环节" }, new() { ["环节"] = "盖章" });

        Assert.Null(e);
        var problem = Assert.Single(problems);
        Assert.Equal("环节 (kind)", problem.Field);
        Assert.Contains("盖章", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_EnumTextsMetAgain_ReadAsTheFirstTime_EachForItsOwnEnum()
    {
        var mapping = new Dictionary<string, string> { ["kind"] = "环节", ["stance"] = "意见类型" };
        var row = new Dictionary<string, string> { ["环节"] = "办结", ["意见类型"] = "同意" };

        // Read, then found again; "同意" is a stance, never a kind, however often it was read as one.
        for (var i = 0; i < 3; i++)
        {
            var (e, problems) = MapCase(mapping, row);
            Assert.Empty(problems);
            Assert.Equal((CaseEventKind.Concluded, Stance.Positive), (e!.Kind, e.Stance));

            var (wrong, wrongProblems) = MapCase(mapping, new() { ["环节"] = "同意", ["意见类型"] = "同意" });
            Assert.Null(wrong);
            Assert.Equal("环节 (kind)", Assert.Single(wrongProblems).Field);
        }
    }

    [Theory]
    [InlineData("2026-03-02 09:30", "2026-03-02T01:30:00Z")]
    [InlineData("2026-03-02 09:30:15", "2026-03-02T01:30:15Z")]
    [InlineData("2026/3/2 9:30", "2026-03-02T01:30:00Z")]
    [InlineData("2026年3月2日", "2026-03-01T16:00:00Z")]
    [InlineData("2026-03-02T09:30:00", "2026-03-02T01:30:00Z")]
    [InlineData("2026-03-02T09:30:00+08:00", "2026-03-02T01:30:00Z")]
    [InlineData("2026-03-02T01:30:00Z", "2026-03-02T01:30:00Z")]
    [InlineData("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    [InlineData("2026-03-02T03:30:00+10:00", "2026-03-01T17:30:00Z")]
    public void Map_TimeWithoutOffset_IsBeijingTime_AndAnOffsetIsKept(string cell, string utc)
    {
        var (e, problems) = MapCase(new() { ["occurred_at"] = "时间" }, new() { ["时间"] = cell });

        Assert.Empty(problems);
        Assert.Equal(Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)), e!.OccurredAt);
    }

    [Theory]
    [InlineData("明天上午")]
    [InlineData("2026-02-30T01:30:00Z")]
    [InlineData("2026-03-02T24:00:00Z")]
    [InlineData("2026-13-02T01:30:00Z")]
    [InlineData("2026-03-02T01:3x:00Z")]
    public void Map_TimeThatIsNoTime_IsAProblem(string cell)
    {
        var (e, problems) = MapCase(new() { ["occurred_at"] = "时间" }, new() { ["时间"] = cell });

        Assert.Null(e);
        Assert.Contains(cell, Assert.Single(problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_RepeatedStrings_OneALine_OrAJsonArray()
    {
        var mapping = new Dictionary<string, string> { ["acceptance.materials"] = "材料", ["documents"] = "文书" };

        var (e, problems) = MapCase(mapping, new() { ["材料"] = "申请书\r\n营业执照\n\n身份证明", ["文书"] = "[\"受理通知书\", \"准予许可决定书\"]" });

        Assert.Empty(problems);
        Assert.Equal(["申请书", "营业执照", "身份证明"], e!.Acceptance.Materials);
        Assert.Equal(["受理通知书", "准予许可决定书"], e.Documents);
    }

    [Fact]
    public void Map_JsonCellForRepeatedMessages_ParsesEachItem()
    {
        var (record, problems) = RecordMapper.Create(
                Power.Descriptor,
                new Dictionary<string, string> { ["internal_flow"] = "内部流程", ["discretion_benchmarks"] = "裁量基准" },
                NoDefaults)
            .Map(new Dictionary<string, string>
            {
                ["内部流程"] = "[{\"post\":\"受理岗\",\"duty\":\"接收材料\",\"limitDays\":1},{\"post\":\"审核岗\",\"limitDays\":3}]",
                ["裁量基准"] = "{\"circumstance\":\"初次违法\",\"min\":0,\"max\":5000,\"unit\":\"元\"}",
            });

        Assert.Empty(problems);
        var power = (Power)record!;
        Assert.Equal(["受理岗", "审核岗"], power.InternalFlow.Select(s => s.Post));
        Assert.Equal(3, power.InternalFlow[1].LimitDays);
        Assert.Equal(5000, Assert.Single(power.DiscretionBenchmarks).Max);
    }

    [Fact]
    public void Map_JsonCellThatDoesNotParse_IsAProblem()
    {
        var (record, problems) = RecordMapper.Create(Power.Descriptor, new Dictionary<string, string> { ["internal_flow"] = "内部流程" }, NoDefaults)
            .Map(new Dictionary<string, string> { ["内部流程"] = "[{\"post\": 受理岗}]" });

        Assert.Null(record);
        Assert.Contains("JSON", Assert.Single(problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PathThatNamesNoField_ThrowsNamingThePath()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            RecordMapper.Create(CaseEvent.Descriptor, new Dictionary<string, string> { ["acceptance.counterpart.passport"] = "护照" }, NoDefaults));

        Assert.Contains("acceptance.counterpart.passport", ex.Message, StringComparison.Ordinal);
        Assert.Contains("passport", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PathIntoAScalar_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            RecordMapper.Create(CaseEvent.Descriptor, NoDefaults, new Dictionary<string, string> { ["case_serial.x"] = "1" }));

        Assert.Contains("case_serial", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_SourceFieldMissing_IsAProblem_WhileAnEmptyOneIsNotSet()
    {
        var mapping = new Dictionary<string, string> { ["case_serial"] = "办件流水号", ["opinion"] = "意见" };

        var (missing, problems) = MapCase(mapping, new() { ["办件流水号"] = "320321-2026-000001" });
        var (empty, none) = MapCase(mapping, new() { ["办件流水号"] = "320321-2026-000001", ["意见"] = "  " });

        Assert.Null(missing);
        var problem = Assert.Single(problems);
        Assert.Equal("意见 (opinion)", problem.Field);
        Assert.False(problem.IsWarning);
        Assert.Empty(none);
        Assert.Equal(string.Empty, empty!.Opinion);
    }

    [Fact]
    public void Map_Defaults_FillConstants_AndAMappedValueOverridesThem()
    {
        var (e, problems) = MapCase(
            new() { ["acceptance.division_code"] = "区划" },
            new() { ["区划"] = "320322" },
            new() { ["acceptance.division_code"] = "320321", ["acceptance.channel"] = "网上" });

        Assert.Empty(problems);
        Assert.Equal(("320322", "网上"), (e!.Acceptance.DivisionCode, e.Acceptance.Channel));
    }

    [Fact]
    public void Map_RowsOfTwoTablesWithTheirColumnsInOtherOrders_ReadEachByName()
    {
        var mapper = RecordMapper.Create(
            CaseEvent.Descriptor,
            new Dictionary<string, string> { ["case_serial"] = "办件流水号", ["event_id"] = "事件", ["acceptance.title"] = "事由" },
            NoDefaults);
        var first = new ExchangeNode.Adapters.Columns(["办件流水号", "事件", "事由"]);
        var second = new ExchangeNode.Adapters.Columns(["事由", "备注", "办件流水号", "事件"]);

        var (a, pa) = mapper.Map(new ExchangeNode.Adapters.RowDictionary(first, ["S-1", "E-1", "营业执照"]));
        var (b, pb) = mapper.Map(new ExchangeNode.Adapters.RowDictionary(second, ["食品经营许可", "x", "S-2", "E-2"]));
        var (c, pc) = mapper.Map(new ExchangeNode.Adapters.RowDictionary(first, ["S-3", "E-3", "药品"]));

        Assert.Empty(pa.Concat(pb).Concat(pc));
        Assert.Equal(("S-1", "E-1", "营业执照"), (((CaseEvent)a!).CaseSerial, ((CaseEvent)a!).EventId, ((CaseEvent)a!).Acceptance.Title));
        Assert.Equal(("S-2", "E-2", "食品经营许可"), (((CaseEvent)b!).CaseSerial, ((CaseEvent)b!).EventId, ((CaseEvent)b!).Acceptance.Title));
        Assert.Equal(("S-3", "E-3", "药品"), (((CaseEvent)c!).CaseSerial, ((CaseEvent)c!).EventId, ((CaseEvent)c!).Acceptance.Title));
    }

    [Fact]
    public void Map_RowShorterThanItsTableOrWithoutAMappedColumn_NamesTheMissingFieldAsADictionaryWould()
    {
        var mapping = new Dictionary<string, string> { ["case_serial"] = "办件流水号", ["event_id"] = "事件", ["acceptance.title"] = "事由" };
        var columns = new ExchangeNode.Adapters.Columns(["办件流水号", "事件", "事由"]);
        var narrow = new ExchangeNode.Adapters.Columns(["办件流水号", "事件"]);

        var (_, shortRow) = MapCase(mapping, new() { ["办件流水号"] = "S-1", ["事件"] = "E-1" });
        var (_, shortTableRow) = RecordMapper.Create(CaseEvent.Descriptor, mapping, NoDefaults).Map(new ExchangeNode.Adapters.RowDictionary(columns, ["S-1", "E-1"]));
        var (_, narrowTableRow) = RecordMapper.Create(CaseEvent.Descriptor, mapping, NoDefaults).Map(new ExchangeNode.Adapters.RowDictionary(narrow, ["S-1", "E-1"]));

        var expected = Assert.Single(shortRow);
        Assert.Equal("事由 (acceptance.title)", expected.Field);
        Assert.Equal(expected, Assert.Single(shortTableRow));
        Assert.Equal(expected, Assert.Single(narrowTableRow));
    }
}
