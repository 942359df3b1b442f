using System.Globalization;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;

namespace ExchangeNode.Samples.Generator;

/// <summary>The sample power catalogue of 丰县 (320321): the items behind samples/data.</summary>
/// <remarks>
/// Names and legal bases follow real county catalogues; codes, phones, approval references
/// and department codes are made up (department codes carry a valid GB 32100 check character).
/// </remarks>
internal static class FengxianCatalogue
{
    public const string DivisionCode = "320321";
    private const string Approver = "丰县机构编制委员会办公室";
    private const string SupervisionPhone = "0516-89201234";
    private const string NoFee = "不收费";

    // Approval batches of the county catalogue: the 2023 clean-up, the 2024 and 2025 revisions,
    // and the 2026 batch that brought two items to version 2.
    private static readonly Batch B2023 = new("2023-06-28", "丰编办〔2023〕21号", "2023-07-01");
    private static readonly Batch B2024 = new("2024-04-16", "丰编办〔2024〕12号", "2024-05-01");
    private static readonly Batch B2025 = new("2025-03-20", "丰编办〔2025〕9号", "2025-04-01");
    private static readonly Batch B2026 = new("2026-01-08", "丰编办〔2026〕2号", "2026-01-15");

    /// <summary>The catalogue, in the order of the CSV.</summary>
    public static IReadOnlyList<Power> Build()
    {
        var c = new Builder();

        var scjg = new Department("丰县市场监督管理局", 1, "丰县政务服务中心一楼市场监管窗口", "0516-89212345");
        c.Add(scjg, PowerCategory.Licensing, "食品经营许可",
            ["《中华人民共和国食品安全法》第三十五条", "《中华人民共和国行政许可法》第四十二条"],
            20, 3,
            ["食品经营许可申请书", "营业执照或者其他主体资格证明文件", "与食品经营相适应的主要设备设施、经营布局、操作流程等文件", "食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度"],
            B2026, version: 2);
        c.Add(scjg, PowerCategory.Licensing, "食品生产许可（低风险食品类别）",
            ["《中华人民共和国食品安全法》第三十五条", "《食品生产许可管理办法》"],
            20, 10,
            ["食品生产许可申请书", "食品生产设备布局图和食品生产工艺流程图", "食品生产主要设备、设施清单", "专职或者兼职的食品安全专业技术人员、食品安全管理人员信息和食品安全管理制度"],
            B2025, status: PowerStatus.Suspended);
        c.Add(scjg, PowerCategory.Other, "特种设备使用登记",
            ["《中华人民共和国特种设备安全法》第三十三条", "《特种设备安全监察条例》第二十五条"],
            15, 5,
            ["特种设备使用登记表", "使用单位统一社会信用代码证明", "特种设备产品合格证", "特种设备监督检验证明"],
            B2023);
        c.Add(scjg, PowerCategory.Penalty, "对生产经营致病性微生物、农药残留等污染物质超过食品安全标准限量的食品的处罚",
            ["《中华人民共和国食品安全法》第一百二十四条第一款第（一）项"],
            90, 60, [], B2023,
            benchmarks:
            [
                Benchmark("货值金额不足一万元，初次违法且主动召回", 50000, 70000),
                Benchmark("货值金额不足一万元，有从重情节", 70000, 100000),
            ]);
        c.Add(scjg, PowerCategory.Penalty, "对未取得食品经营许可从事食品经营活动的处罚",
            ["《中华人民共和国食品安全法》第一百二十二条第一款"],
            90, 60, [], B2023,
            benchmarks:
            [
                Benchmark("货值金额不足一万元，初次违法且主动停止经营", 5000, 15000),
                Benchmark("货值金额不足一万元，一般情节", 15000, 35000),
                Benchmark("货值金额不足一万元，经责令改正拒不改正", 35000, 50000),
            ]);
        c.Add(scjg, PowerCategory.Penalty, "对食品经营者未按规定建立并遵守进货查验记录制度的处罚",
            ["《中华人民共和国食品安全法》第五十三条", "《中华人民共和国食品安全法》第一百二十六条第一款第（三）项"],
            90, 60, [], B2024,
            benchmarks:
            [
                Benchmark("初次违法且危害后果轻微，及时改正", 0, 2000),
                Benchmark("经责令改正拒不改正，情节较轻", 5000, 20000),
                Benchmark("经责令改正拒不改正，情节较重", 20000, 50000),
            ]);
        c.Add(scjg, PowerCategory.Inspection, "对食品生产经营者的监督检查",
            ["《中华人民共和国食品安全法》第一百零九条", "《中华人民共和国食品安全法》第一百一十条"],
            30, 20, [], B2023);
        c.Add(scjg, PowerCategory.Enforcement, "查封、扣押不符合食品安全标准的食品",
            ["《中华人民共和国食品安全法》第一百一十条第（四）项", "《中华人民共和国行政强制法》第二十二条", "《中华人民共和国行政强制法》第二十五条"],
            30, 30, [], B2023);
        c.Add(scjg, PowerCategory.Award, "对举报食品安全违法行为的奖励",
            ["《中华人民共和国食品安全法》第一百一十五条第一款", "《市场监管领域重大违法行为举报奖励暂行办法》"],
            30, 20, ["举报奖励申请表", "举报人有效身份证件"], B2024);

        var zrzy = new Department("丰县自然资源和规划局", 2, "丰县政务服务中心二楼自然资源和规划窗口", "0516-89213366");
        c.Add(zrzy, PowerCategory.Licensing, "乡村建设规划许可证核发",
            ["《中华人民共和国城乡规划法》第四十一条"],
            20, 10,
            ["乡村建设规划许可申请表", "申请人身份证明", "土地权属证明材料", "建设工程设计方案或者农房设计图", "村民委员会意见"],
            B2023);
        c.Add(zrzy, PowerCategory.Licensing, "建设项目用地预审与选址意见书核发",
            ["《中华人民共和国土地管理法》第五十二条", "《中华人民共和国城乡规划法》第三十六条"],
            20, 10,
            ["建设项目用地预审与选址申请表", "建设项目用地预审与选址申请报告", "拟选址位置图", "项目建议书批复文件或者项目备案文件"],
            B2024);
        c.Add(zrzy, PowerCategory.Penalty, "对非法占用土地的处罚",
            ["《中华人民共和国土地管理法》第七十七条第一款", "《中华人民共和国土地管理法实施条例》第五十七条"],
            90, 60, [], B2023,
            benchmarks:
            [
                Benchmark("非法占地不足一亩且未占用耕地，及时退还", 10000, 60000),
                Benchmark("非法占地一亩以上不足三亩", 60000, 200000),
                Benchmark("占用耕地或者永久基本农田", 200000, 1000000),
            ]);
        c.Add(zrzy, PowerCategory.Confirmation, "不动产登记",
            ["《中华人民共和国民法典》第二百一十条", "《不动产登记暂行条例》第二十条"],
            30, 3,
            ["不动产登记申请书", "申请人身份证明", "不动产权属来源证明材料", "不动产界址、空间界限、面积等材料", "与他人利害关系的说明材料"],
            B2026, fee: "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）：住宅类每件80元，非住宅类每件550元", version: 2);
        c.Add(zrzy, PowerCategory.Levy, "土地复垦费征收",
            ["《土地复垦条例》第十八条"],
            30, 20, ["土地复垦方案", "土地复垦验收结论"], B2023,
            fee: "《土地复垦条例》第十八条：按照省级财政、价格主管部门核定的标准征收");
        c.Add(zrzy, PowerCategory.Adjudication, "土地权属争议裁决",
            ["《中华人民共和国土地管理法》第十四条", "《土地权属争议调查处理办法》第五条"],
            90, 60,
            ["土地权属争议调查处理申请书", "申请人身份证明", "土地权属来源证明", "争议土地四至界址示意图"],
            B2023);
        c.Add(zrzy, PowerCategory.Adjudication, "林木林地权属争议裁决",
            ["《中华人民共和国森林法》第二十二条"],
            90, 60,
            ["林木林地权属争议处理申请书", "申请人身份证明", "林权证或者其他权属证明", "争议林地四至示意图"],
            B2024);

        var sthj = new Department("徐州市丰县生态环境局", 3, "丰县政务服务中心二楼生态环境窗口", "0516-89215212");
        c.Add(sthj, PowerCategory.Licensing, "建设项目环境影响报告表审批",
            ["《中华人民共和国环境影响评价法》第二十二条", "《建设项目环境保护管理条例》第九条"],
            30, 15,
            ["建设项目环境影响报告表审批申请", "建设项目环境影响报告表（报批稿）", "建设单位关于删除涉及国家秘密、商业秘密等内容的说明"],
            B2023);
        c.Add(sthj, PowerCategory.Penalty, "对超过大气污染物排放标准排放大气污染物的处罚",
            ["《中华人民共和国大气污染防治法》第十八条", "《中华人民共和国大气污染防治法》第九十九条第（二）项"],
            90, 60, [], B2023,
            benchmarks:
            [
                Benchmark("超标倍数0.5倍以下且及时改正", 100000, 200000),
                Benchmark("超标倍数0.5倍以上1倍以下", 200000, 500000),
                Benchmark("超标倍数1倍以上或者造成环境污染后果", 500000, 1000000),
            ]);
        c.Add(sthj, PowerCategory.Penalty, "对超过水污染物排放标准排放水污染物的处罚",
            ["《中华人民共和国水污染防治法》第十条", "《中华人民共和国水污染防治法》第八十三条第（二）项"],
            90, 60, [], B2024,
            benchmarks:
            [
                Benchmark("超标倍数0.5倍以下且及时改正", 100000, 200000),
                Benchmark("超标倍数0.5倍以上1倍以下", 200000, 500000),
                Benchmark("超标倍数1倍以上或者排入饮用水水源保护区", 500000, 1000000),
            ]);
        c.Add(sthj, PowerCategory.Inspection, "对排污单位的现场检查",
            ["《中华人民共和国环境保护法》第二十四条"],
            30, 20, [], B2023);
        c.Add(sthj, PowerCategory.Enforcement, "查封、扣押造成污染物排放的设施、设备",
            ["《中华人民共和国环境保护法》第二十五条", "《中华人民共和国行政强制法》第二十五条"],
            30, 30, [], B2023);

        var zjj = new Department("丰县住房和城乡建设局", 4, "丰县政务服务中心三楼住房和城乡建设窗口", "0516-89216188");
        c.Add(zjj, PowerCategory.Licensing, "建筑工程施工许可证核发",
            ["《中华人民共和国建筑法》第七条", "《中华人民共和国建筑法》第八条", "《建筑工程施工许可管理办法》"],
            7, 3,
            ["建筑工程施工许可证申请表", "建设工程规划许可证", "施工合同及中标通知书", "施工图设计文件审查合格书", "建设资金已落实承诺书"],
            B2023);
        c.Add(zjj, PowerCategory.Licensing, "商品房预售许可",
            ["《中华人民共和国城市房地产管理法》第四十五条", "《城市商品房预售管理办法》"],
            10, 7,
            ["商品房预售许可申请表", "开发企业营业执照和资质证书", "土地使用权证、建设工程规划许可证和施工许可证", "投入开发建设的资金达到工程建设总投资25%以上的证明", "商品房预售方案"],
            B2024);
        c.Add(zjj, PowerCategory.Penalty, "对未取得施工许可证擅自施工的处罚",
            ["《中华人民共和国建筑法》第六十四条", "《建设工程质量管理条例》第五十七条"],
            90, 60, [], B2023,
            benchmarks:
            [
                Benchmark("合同价款较小且主动停工补办手续", 10000, 50000),
                Benchmark("一般情节", 50000, 200000),
                Benchmark("拒不停工或者存在质量安全事故隐患", 200000, 500000),
            ]);
        c.Add(zjj, PowerCategory.Levy, "国有土地上房屋征收与补偿",
            ["《国有土地上房屋征收与补偿条例》第四条", "《国有土地上房屋征收与补偿条例》第八条"],
            60, 45,
            ["被征收房屋不动产权证书或者房屋所有权证", "被征收人身份证明", "补偿方式选择书"],
            B2023, fee: NoFee);
        c.Add(zjj, PowerCategory.Other, "建设工程竣工验收备案",
            ["《建设工程质量管理条例》第四十九条", "《房屋建筑和市政基础设施工程竣工验收备案管理办法》第四条"],
            15, 5,
            ["工程竣工验收备案表", "工程竣工验收报告", "规划、消防、环保等部门出具的认可文件或者准许使用文件", "施工单位签署的工程质量保修书"],
            B2023);

        var jtys = new Department("丰县交通运输局", 5, "丰县政务服务中心三楼交通运输窗口", "0516-89217021");
        c.Add(jtys, PowerCategory.Licensing, "道路货物运输经营许可",
            ["《中华人民共和国道路运输条例》第二十一条", "《中华人民共和国道路运输条例》第二十四条"],
            20, 5,
            ["道路货物运输经营申请表", "负责人身份证明", "机动车辆行驶证", "驾驶人员的机动车驾驶证和从业资格证", "安全生产管理制度文本"],
            B2023);
        c.Add(jtys, PowerCategory.Licensing, "公路超限运输许可",
            ["《中华人民共和国公路法》第五十条", "《超限运输车辆行驶公路管理规定》"],
            15, 5,
            ["公路超限运输申请表", "承运人道路运输经营许可证", "车辆行驶证", "货物的名称、外廓尺寸和质量说明"],
            B2025, status: PowerStatus.Suspended);
        c.Add(jtys, PowerCategory.Penalty, "对未取得道路运输经营许可擅自从事道路普通货物运输经营的处罚",
            ["《中华人民共和国道路运输条例》第六十三条第（一）项"],
            90, 60, [], B2024,
            benchmarks:
            [
                Benchmark("没有违法所得且初次违法", 3000, 5000),
                Benchmark("违法所得不足一万元", 5000, 10000),
            ]);

        var mzj = new Department("丰县民政局", 6, "丰县政务服务中心一楼社会救助窗口", "0516-89218155");
        c.Add(mzj, PowerCategory.Benefit, "最低生活保障金给付",
            ["《社会救助暂行办法》第九条", "《社会救助暂行办法》第十一条"],
            30, 15,
            ["最低生活保障申请书", "申请人及家庭成员居民身份证、户口簿", "家庭经济状况核对授权书", "家庭收入和财产状况声明"],
            B2023);
        c.Add(mzj, PowerCategory.Benefit, "特困人员救助供养",
            ["《社会救助暂行办法》第十四条", "《国务院关于进一步健全特困人员救助供养制度的意见》（国发〔2016〕14号）"],
            30, 15,
            ["特困人员救助供养申请书", "申请人居民身份证、户口簿", "劳动能力、生活来源和赡养、抚养、扶养情况的书面声明"],
            B2023);
        c.Add(mzj, PowerCategory.Benefit, "临时救助金给付",
            ["《社会救助暂行办法》第四十七条", "《社会救助暂行办法》第四十八条"],
            15, 5,
            ["临时救助申请书", "申请人居民身份证、户口簿", "遭遇突发事件、意外伤害或者重大疾病的证明材料"],
            B2024);
        c.Add(mzj, PowerCategory.Confirmation, "内地居民婚姻登记",
            ["《中华人民共和国民法典》第一千零四十九条", "《婚姻登记条例》第七条"],
            1, 1,
            ["本人的居民身份证", "本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明", "近期半身免冠合影照片"],
            B2023);
        c.Add(mzj, PowerCategory.Licensing, "社会团体成立登记",
            ["《社会团体登记管理条例》第三条", "《社会团体登记管理条例》第十二条"],
            60, 30,
            ["社会团体成立登记申请书", "业务主管单位的批准文件", "验资报告和场所使用权证明", "发起人和拟任负责人的基本情况、身份证明", "章程草案"],
            B2023);
        c.Add(mzj, PowerCategory.Inspection, "社会团体年度检查",
            ["《社会团体登记管理条例》第二十八条"],
            30, 20, [], B2023, status: PowerStatus.Cancelled);

        var rsj = new Department("丰县人力资源和社会保障局", 7, "丰县政务服务中心二楼人力资源和社会保障窗口", "0516-89219330");
        c.Add(rsj, PowerCategory.Confirmation, "工伤认定",
            ["《工伤保险条例》第十七条", "《工伤保险条例》第二十条"],
            60, 30,
            ["工伤认定申请表", "与用人单位存在劳动关系（包括事实劳动关系）的证明材料", "医疗诊断证明或者职业病诊断证明书", "受伤害职工居民身份证"],
            B2023);
        c.Add(rsj, PowerCategory.Benefit, "失业保险金给付",
            ["《中华人民共和国社会保险法》第四十五条", "《失业保险条例》第十四条"],
            10, 3,
            ["本人居民身份证", "社会保障卡"],
            B2024);
        c.Add(rsj, PowerCategory.Licensing, "劳务派遣经营许可",
            ["《中华人民共和国劳动合同法》第五十七条", "《劳务派遣行政许可实施办法》"],
            20, 10,
            ["劳务派遣经营许可申请书", "营业执照或者公司名称预先核准通知书", "公司章程以及验资机构出具的验资报告", "经营场所的使用证明以及与开展业务相适应的办公设施设备", "劳务派遣管理制度"],
            B2023);
        c.Add(rsj, PowerCategory.Penalty, "对用人单位违反规定延长劳动者工作时间的处罚",
            ["《中华人民共和国劳动法》第九十条", "《劳动保障监察条例》第二十五条"],
            60, 45, [], B2023,
            benchmarks:
            [
                Benchmark("受侵害劳动者十人以下，初次违法且及时改正", 1000, 5000),
                Benchmark("受侵害劳动者十一人以上或者经责令改正拒不改正", 5000, 25000),
            ]);

        var wjw = new Department("丰县卫生健康委员会", 8, "丰县政务服务中心三楼卫生健康窗口", "0516-89210120");
        c.Add(wjw, PowerCategory.Licensing, "公共场所卫生许可",
            ["《公共场所卫生管理条例》第八条", "《公共场所卫生管理条例实施细则》第二十二条"],
            20, 5,
            ["公共场所卫生许可申请表", "法定代表人或者负责人身份证明", "公共场所地址方位示意图、平面图和卫生设施平面布局图", "公共场所卫生检测或者评价报告", "公共场所卫生管理制度"],
            B2023);
        c.Add(wjw, PowerCategory.Licensing, "饭馆、咖啡馆、酒吧、茶座公共场所卫生许可",
            ["《国务院关于整合调整餐饮服务场所的公共场所卫生许可证和食品经营许可证的决定》（国发〔2016〕12号）"],
            20, 5,
            ["公共场所卫生许可申请表"],
            B2023, status: PowerStatus.Cancelled, version: 2);
        c.Add(wjw, PowerCategory.Penalty, "对未依法取得公共场所卫生许可证擅自营业的处罚",
            ["《公共场所卫生管理条例实施细则》第三十五条"],
            90, 60, [], B2023,
            benchmarks:
            [
                Benchmark("初次违法且经营面积较小", 500, 2000),
                Benchmark("一般情节", 2000, 5000),
                Benchmark("曾受过卫生健康行政部门处罚或者擅自营业时间在三个月以上", 5000, 30000),
            ]);
        c.Add(wjw, PowerCategory.Benefit, "农村部分计划生育家庭奖励扶助金给付",
            ["《国务院办公厅转发人口计生委财政部关于开展对农村部分计划生育家庭实行奖励扶助制度试点工作意见的通知》（国办发〔2004〕21号）"],
            30, 20,
            ["奖励扶助对象申报表", "夫妻双方居民身份证、户口簿", "结婚证", "子女情况证明"],
            B2024);
        c.Add(wjw, PowerCategory.Requisition, "传染病暴发、流行时临时征用房屋、交通工具以及相关设施、设备",
            ["《中华人民共和国传染病防治法》第四十五条"],
            5, 3, [], B2023);

        var yjj = new Department("丰县应急管理局", 9, "丰县政务服务中心三楼应急管理窗口", "0516-89211905");
        c.Add(yjj, PowerCategory.Licensing, "危险化学品经营许可（不带有储存设施）",
            ["《危险化学品安全管理条例》第三十三条", "《危险化学品安全管理条例》第三十五条"],
            30, 10,
            ["危险化学品经营许可证申请书", "经营场所产权证明或者租赁证明", "主要负责人、安全生产管理人员安全合格证书", "安全生产规章制度和岗位操作规程目录", "事故应急预案"],
            B2023);
        c.Add(yjj, PowerCategory.Licensing, "烟花爆竹经营（零售）许可",
            ["《烟花爆竹安全管理条例》第十九条"],
            20, 10,
            ["烟花爆竹经营（零售）许可证申请书", "零售点及周围安全条件说明", "主要负责人经过安全知识教育的证明", "零售场所产权或者租赁证明"],
            B2025, status: PowerStatus.Suspended);
        c.Add(yjj, PowerCategory.Penalty, "对生产经营单位未按照规定对从业人员进行安全生产教育和培训的处罚",
            ["《中华人民共和国安全生产法》第二十八条", "《中华人民共和国安全生产法》第九十七条第（三）项"],
            90, 60, [], B2023,
            benchmarks:
            [
                Benchmark("未培训人数三人以下且及时改正", 10000, 30000),
                Benchmark("未培训人数四人以上", 30000, 100000),
                Benchmark("逾期未改正", 100000, 200000),
            ]);
        c.Add(yjj, PowerCategory.Inspection, "安全生产监督检查",
            ["《中华人民共和国安全生产法》第六十五条"],
            30, 20, [], B2023);
        c.Add(yjj, PowerCategory.Enforcement, "查封、扣押不符合保障安全生产的国家标准或者行业标准的设施、设备、器材",
            ["《中华人民共和国安全生产法》第六十五条第一款第（四）项", "《中华人民共和国行政强制法》第二十五条"],
            30, 30, [], B2023);
        c.Add(yjj, PowerCategory.Award, "对报告重大事故隐患或者举报安全生产违法行为的有功人员的奖励",
            ["《中华人民共和国安全生产法》第七十六条"],
            30, 20, ["举报奖励申请表", "举报人有效身份证件"], B2024);
        c.Add(yjj, PowerCategory.Requisition, "突发事件应急处置中征用单位和个人的财产",
            ["《中华人民共和国突发事件应对法》第十二条"],
            5, 3, [], B2023);

        return c.Powers;
    }

    private static DiscretionBenchmark Benchmark(string circumstance, double min, double max) =>
        new() { Circumstance = circumstance, Min = min, Max = max, Unit = "元" };

    /// <summary>The two-letter code segment of each category, as in 320321-XK-0001.</summary>
    public static string CodeSegment(PowerCategory category) => category switch
    {
        PowerCategory.Licensing => "XK",
        PowerCategory.Penalty => "CF",
        PowerCategory.Levy => "ZS",
        PowerCategory.Enforcement => "QZ",
        PowerCategory.Benefit => "JF",
        PowerCategory.Inspection => "JC",
        PowerCategory.Award => "JL",
        PowerCategory.Confirmation => "QR",
        PowerCategory.Requisition => "ZY",
        PowerCategory.Adjudication => "CJ",
        _ => "QT",
    };

    private sealed record Batch(string ApprovedOn, string Reference, string EffectiveFrom);

    private sealed record Department(string Name, int Number, string Window, string Phone)
    {
        // 11 (机关) + division + a made-up organisation code, closed by the GB 32100 check character.
        public string Code
        {
            get
            {
                var first17 = string.Create(CultureInfo.InvariantCulture, $"11{DivisionCode}01417{Number:D4}");
                return first17 + CreditCode.ComputeCheckCharacter(first17);
            }
        }
    }

    private sealed class Builder
    {
        private readonly Dictionary<PowerCategory, int> _serials = [];

        public List<Power> Powers { get; } = [];

        public void Add(
            Department department,
            PowerCategory category,
            string name,
            string[] legalBasis,
            int statutoryDays,
            int promisedDays,
            string[] materials,
            Batch batch,
            string fee = NoFee,
            DiscretionBenchmark[]? benchmarks = null,
            PowerStatus status = PowerStatus.Active,
            int version = 1)
        {
            var serial = _serials.GetValueOrDefault(category) + 1;
            _serials[category] = serial;
            var onSite = category is PowerCategory.Penalty or PowerCategory.Inspection
                or PowerCategory.Enforcement or PowerCategory.Requisition;
            var power = new Power
            {
                Code = string.Create(CultureInfo.InvariantCulture, $"{DivisionCode}-{CodeSegment(category)}-{serial:D4}"),
                Name = name,
                Category = category,
                Implementer = new Implementer { Name = department.Name, Code = department.Code },
                DivisionCode = DivisionCode,
                FeeBasis = fee,
                StatutoryLimitDays = statutoryDays,
                PromisedLimitDays = promisedDays,
                HandlingOffice = onSite ? department.Name + "综合行政执法大队" : department.Name,
                Address = onSite ? department.Name + "（丰县凤城街道）" : department.Window,
                Phone = department.Phone,
                SupervisionPhone = SupervisionPhone,
                Status = status,
                Version = version,
                Approval = new Approval { ApprovedBy = Approver, ApprovedOn = batch.ApprovedOn, Reference = batch.Reference },
                EffectiveFrom = batch.EffectiveFrom,
            };
            power.LegalBasis.AddRange(legalBasis);
            power.RequiredMaterials.AddRange(materials);
            power.ExternalFlow.AddRange(PowerFlows.ExternalFor(category));
            power.InternalFlow.AddRange(PowerFlows.InternalFor(category, promisedDays));
            if (benchmarks is not null)
            {
                power.DiscretionBenchmarks.AddRange(benchmarks);
            }

            Powers.Add(power);
        }
    }
}
