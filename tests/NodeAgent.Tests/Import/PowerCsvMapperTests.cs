using ExchangeNode.NodeAgent.Import;
using ExchangeNode.NodeAgent.Library;
using ExchangeNode.NodeAgent.Tests.Validation;
using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.V1;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Import;

public sealed class PowerCsvMapperTests
{
    private const string ChineseHeader =
        "权力编码,权力名称,权力类别,实施主体,实施主体编码,行政区划代码,法律依据,收费依据和标准,法定期限,承诺期限,"
        + "办理机构,办理地点,联系电话,监督电话,申请材料,状态,版本,审核确认机关,审核确认日期,审核确认文号,生效日期,"
        + "外部流程,内部流程,裁量基准";

    private const string FieldHeader =
        "code,name,category,implementer.name,implementer.code,division_code,legal_basis,fee_basis,statutory_limit_days,promised_limit_days,"
        + "handling_office,address,phone,supervision_phone,required_materials,status,version,approval.approved_by,approval.approved_on,approval.reference,effective_from,"
        + "external_flow,internal_flow,discretion_benchmarks";

    private const string FullRow =
        "320321-XK-001,食品经营许可,行政许可,丰县市场监督管理局,11320321MB1234567X,320321,"
        + "\"《食品安全法》第三十五条\n\n  《食品经营许可管理办法》第二条  \",不收费,20个工作日,10,"
        + "政务服务中心市场监管窗口,丰县人民路1号,0516-89212345,0516-12345,\"营业执照\n经营场所证明\",在用,2,"
        + "丰县机构编制委员会办公室,2024年3月15日,丰编办〔2024〕12号,2024/4/1,"
        + "\"[{\"\"name\"\":\"\"受理\"\",\"\"description\"\":\"\"窗口接收材料\"\"},{\"\"name\"\":\"\"决定\"\"}]\","
        + "\"[{\"\"post\"\":\"\"受理岗\"\",\"\"duty\"\":\"\"审查材料\"\",\"\"limitDays\"\":1}]\","
        + "\"[{\"\"circumstance\"\":\"\"初次违法\"\",\"\"min\"\":0,\"\"max\"\":5000,\"\"unit\"\":\"\"元\"\"}]\"";

    private static List<ImportRow<Power>> Read(string text) =>
        PowerCsvReader.Read(new StringReader(text), "powers.csv").ToList();

    private static Power Expected() => new()
    {
        Code = "320321-XK-001",
        Name = "食品经营许可",
        Category = PowerCategory.Licensing,
        Implementer = new Implementer { Name = "丰县市场监督管理局", Code = "11320321MB1234567X" },
        DivisionCode = "320321",
        LegalBasis = { "《食品安全法》第三十五条", "《食品经营许可管理办法》第二条" },
        FeeBasis = "不收费",
        StatutoryLimitDays = 20,
        PromisedLimitDays = 10,
        HandlingOffice = "政务服务中心市场监管窗口",
        Address = "丰县人民路1号",
        Phone = "0516-89212345",
        SupervisionPhone = "0516-12345",
        RequiredMaterials = { "营业执照", "经营场所证明" },
        Status = PowerStatus.Active,
        Version = 2,
        Approval = new Approval { ApprovedBy = "丰县机构编制委员会办公室", ApprovedOn = "2024-03-15", Reference = "丰编办〔2024〕12号" },
        EffectiveFrom = "2024-04-01",
        ExternalFlow = { new FlowStep { Name = "受理", Description = "窗口接收材料" }, new FlowStep { Name = "决定" } },
        InternalFlow = { new InternalStep { Post = "受理岗", Duty = "审查材料", LimitDays = 1 } },
        DiscretionBenchmarks = { new DiscretionBenchmark { Circumstance = "初次违法", Min = 0, Max = 5000, Unit = "元" } },
    };

    private static ImportRow<Power> SingleRow(string header, string row) => Assert.Single(Read(header + "\n" + row + "\n"));

    [Fact]
    public void Import_CsvWithChineseHeaders_MapsEveryColumn()
    {
        var row = SingleRow(ChineseHeader, FullRow);

        Assert.Empty(row.Problems);
        Assert.Equal(Expected(), row.Record);
        Assert.Equal("powers.csv:2", row.SourceReference);
    }

    [Fact]
    public void Import_CsvWithFieldNameHeaders_MapsEveryColumn()
    {
        var row = SingleRow(FieldHeader, FullRow);

        Assert.Empty(row.Problems);
        Assert.Equal(Expected(), row.Record);
    }

    [Fact]
    public void Import_CsvWithJsonNameHeaders_MapsThem()
    {
        var row = SingleRow(" statutoryLimitDays , approval.approvedOn,supervisionPhone", "15,2024-01-02,12345");

        Assert.Equal(15, row.Record!.StatutoryLimitDays);
        Assert.Equal("2024-01-02", row.Record.Approval.ApprovedOn);
        Assert.Equal("12345", row.Record.SupervisionPhone);
    }

    [Fact]
    public void Import_MappedRow_PassesThePowerRules()
    {
        var row = SingleRow(ChineseHeader, FullRow).WithValidation(PowerLibrary.Check);

        Assert.True(row.IsAccepted);
    }

    [Fact]
    public void Import_HeaderWithBomAndBlanks_IsRecognised()
    {
        var row = SingleRow("\uFEFF 权力编码 ,权力名称", "X-1,某许可");

        Assert.Equal("X-1", row.Record!.Code);
        Assert.Equal("某许可", row.Record.Name);
    }

    [Fact]
    public void Import_Utf8FileWithBom_ReadsTheFirstColumn()
    {
        using var temp = new ExchangeNode.Tests.Support.TempDirectory();
        var path = temp.File("powers.csv");
        File.WriteAllText(path, "权力编码,权力名称\r\nX-1,某许可\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var row = Assert.Single(RecordFiles.ReadPowers(path));

        Assert.Equal("X-1", row.Record!.Code);
        Assert.Equal("powers.csv:2", row.SourceReference);
    }

    [Theory]
    [InlineData("行政许可", PowerCategory.Licensing)]
    [InlineData("行政处罚", PowerCategory.Penalty)]
    [InlineData("行政征收", PowerCategory.Levy)]
    [InlineData("行政强制", PowerCategory.Enforcement)]
    [InlineData("行政给付", PowerCategory.Benefit)]
    [InlineData("行政检查", PowerCategory.Inspection)]
    [InlineData("行政奖励", PowerCategory.Award)]
    [InlineData("行政确认", PowerCategory.Confirmation)]
    [InlineData("行政征用", PowerCategory.Requisition)]
    [InlineData("行政裁决", PowerCategory.Adjudication)]
    [InlineData("其他行政权力", PowerCategory.Other)]
    [InlineData("其他", PowerCategory.Other)]
    [InlineData("LICENSING", PowerCategory.Licensing)]
    [InlineData("Licensing", PowerCategory.Licensing)]
    [InlineData("POWER_CATEGORY_LICENSING", PowerCategory.Licensing)]
    [InlineData("power_category_adjudication", PowerCategory.Adjudication)]
    public void Import_CategoryCell_AcceptsLabelsAndEnumNames(string cell, PowerCategory expected)
    {
        Assert.Equal(expected, SingleRow("权力类别", cell).Record!.Category);
    }

    [Theory]
    [InlineData("在用", PowerStatus.Active)]
    [InlineData("暂停", PowerStatus.Suspended)]
    [InlineData("取消", PowerStatus.Cancelled)]
    [InlineData("ACTIVE", PowerStatus.Active)]
    [InlineData("POWER_STATUS_CANCELLED", PowerStatus.Cancelled)]
    [InlineData("suspended", PowerStatus.Suspended)]
    public void Import_StatusCell_AcceptsLabelsAndEnumNames(string cell, PowerStatus expected)
    {
        Assert.Equal(expected, SingleRow("状态", cell).Record!.Status);
    }

    [Theory]
    [InlineData("20", 20)]
    [InlineData("20个工作日", 20)]
    [InlineData("20 工作日", 20)]
    [InlineData("20日", 20)]
    [InlineData("２０个工作日", 20)]
    [InlineData("007", 7)]
    [InlineData("99999", 99999)]
    [InlineData(" 15 ", 15)]
    [InlineData("无", 0)]
    [InlineData("", 0)]
    public void Import_LimitCell_AcceptsWorkingDayForms(string cell, int expected)
    {
        var row = SingleRow("code,法定期限", "X," + cell);

        Assert.Empty(row.Problems);
        Assert.Equal(expected, row.Record!.StatutoryLimitDays);
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("20天")]
    [InlineData("-5")]
    [InlineData("٢٠")]
    public void Import_LimitCell_NotANumberOfWorkingDays_IsAProblemOfThatCell(string cell)
    {
        var row = SingleRow("code,法定期限", "X," + cell);

        var problem = Assert.Single(row.Problems);
        Assert.Contains("法定期限", problem.Field, StringComparison.Ordinal);
        Assert.Contains("not a number of working days", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-03-15")]
    [InlineData("2024/3/15")]
    [InlineData("2024.3.15")]
    [InlineData("2024年3月15日")]
    [InlineData("2024/3/15 0:00")]
    public void Import_DateCell_IsNormalisedToIsoDate(string cell)
    {
        Assert.Equal("2024-03-15", SingleRow("审核确认日期", cell).Record!.Approval.ApprovedOn);
    }

    [Fact]
    public void Import_NoApprovalCells_LeavesApprovalAbsentSoTheRulesRejectIt()
    {
        var row = SingleRow("code,审核确认机关,审核确认日期", "X,,").WithValidation(PowerLibrary.Check);

        Assert.Null(row.Record!.Approval);
        Assert.Contains(row.Problems, p => p.Field == "approval");
        Assert.False(row.IsAccepted);
    }

    [Theory]
    [InlineData("权力类别", "行政许诺", "无法识别的权力类别 \"行政许诺\"")]
    [InlineData("category", "UNSPECIFIED", "无法识别的权力类别")]
    [InlineData("状态", "停用", "无法识别的权力运行状态")]
    [InlineData("承诺期限", "20天", "无法识别的期限")]
    [InlineData("promised_limit_days", "二十", "无法识别的期限")]
    [InlineData("版本", "v2", "不是整数")]
    [InlineData("审核确认日期", "2023-02-29", "无法识别的日期")]
    [InlineData("生效日期", "下月起", "无法识别的日期")]
    [InlineData("外部流程", "受理,决定", "不是有效的JSON")]
    [InlineData("内部流程", "[{\"post\":\"受理岗\",\"limit\":1}]", "第1项无法解析为 InternalStep")]
    [InlineData("裁量基准", "\"初次违法\"", "应为JSON数组")]
    public void Import_BadCell_GivesAProblemNamingTheColumnAsWritten(string header, string cell, string reasonPart)
    {
        var quoted = "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        var row = SingleRow("code," + header, "X-1," + quoted);

        var problem = Assert.Single(row.Problems);
        Assert.Null(row.Record);
        Assert.Equal(header, problem.Field);
        Assert.False(problem.IsWarning);
        Assert.Contains(reasonPart, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_BadCategory_ReadsAsFieldColonReason()
    {
        var problem = Assert.Single(SingleRow("权力类别", "行政许诺").Problems);

        Assert.StartsWith("权力类别: 无法识别的权力类别 \"行政许诺\"", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_SeveralBadCells_ReportsEachOne()
    {
        var row = SingleRow("权力类别,法定期限,版本", "行政许诺,很久,一");

        Assert.Equal(["权力类别", "法定期限", "版本"], row.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Import_UnknownColumn_RefusesTheFileOnceAtTheHeaderLine()
    {
        var rows = Read("权力编码,办件地点,权力名称\nX-1,某地,某许可\nX-2,某地,某许可\n");

        var header = Assert.Single(rows);
        var problem = Assert.Single(header.Problems);
        Assert.Equal("powers.csv:1", header.SourceReference);
        Assert.Null(header.Record);
        Assert.Equal("办件地点", problem.Field);
    }

    [Fact]
    public void Import_SameFieldTwice_IsAHeaderProblem()
    {
        var rows = Read("code,权力编码\nX,Y\n");

        var problem = Assert.Single(Assert.Single(rows).Problems);
        Assert.Equal("权力编码", problem.Field);
        Assert.Contains("code", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_CellBeyondTheHeader_IsAProblem()
    {
        var row = SingleRow("code,name", "X,名称,多余");

        Assert.Equal("第3列 (column 3)", Assert.Single(row.Problems).Field);
    }

    [Fact]
    public void Import_RowsAfterMultiLineCells_KeepTheirOwnStartLines()
    {
        var rows = Read("code,legal_basis\nA,\"第一条\n第二条\"\n\nB,第三条\n,\n");

        Assert.Equal(["powers.csv:2", "powers.csv:5"], rows.Select(r => r.SourceReference));
        Assert.Equal(["第一条", "第二条"], rows[0].Record!.LegalBasis);
        Assert.Equal("A,\"第一条\n第二条\"", rows[0].Raw);
    }

    [Fact]
    public void Import_UnterminatedQuote_GivesARowWithTheLineAndReason()
    {
        var rows = Read("code,name\nA,ok\nB,\"never closed\n");

        var broken = rows[^1];
        Assert.Equal("powers.csv:3", broken.SourceReference);
        Assert.Null(broken.Record);
        Assert.Equal(FieldProblem.LineField(3), Assert.Single(broken.Problems).Field);
    }

    [Fact]
    public void Import_ValidatedRowWithProblems_KeepsMappingAndRuleProblemsTogether()
    {
        var row = SingleRow(ChineseHeader, FullRow.Replace("320321,", "3203,", StringComparison.Ordinal))
            .WithValidation(PowerLibrary.Check);

        Assert.False(row.IsAccepted);
        Assert.Equal("division_code", Assert.Single(row.Problems).Field);
        Assert.Equal(ValidRecords.Power().Code, row.Record!.Code);
    }
}
