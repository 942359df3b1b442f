using System.Globalization;
using ExchangeNode.Protocol.V1;
using Google.Protobuf.WellKnownTypes;

namespace ExchangeNode.Samples.Generator;

/// <summary>Writes the events of one case at a time, in the order the measures allow (Art. 30, 31).</summary>
internal sealed class CaseTrail
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    // The 2026 public holidays (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆). The make-up working
    // Saturdays (调休) are simply not worked here: no case needs them.
    private static readonly HashSet<DateOnly> Holidays2026 =
    [
        .. Days(1, 1, 3), .. Days(2, 15, 9), .. Days(4, 4, 3), .. Days(5, 1, 5),
        .. Days(6, 19, 3), .. Days(9, 25, 3), .. Days(10, 1, 7),
    ];

    private static readonly DateTime YearEnd = new(2026, 12, 21, 0, 0, 0, DateTimeKind.Unspecified);

    private readonly Random _random;
    private readonly string _divisionCode;
    private readonly string _countyName;
    private readonly Dictionary<string, int> _documentNumbers = new(StringComparer.Ordinal);

    private readonly List<CaseEvent> _events = [];
    private string _serial = "";
    private Power _power = new();
    private DateTime _clock;
    private double _stretch = 1.0;

    public CaseTrail(Random random, string divisionCode)
    {
        _random = random;
        _divisionCode = divisionCode;
        _countyName = DivisionNames.NameOf(divisionCode);
    }

    /// <summary>The events of one case, Accepted first and Concluded last.</summary>
    public IReadOnlyList<CaseEvent> Run(string serial, Power power, DateTime opensAtLocal)
    {
        _events.Clear();
        _serial = serial;
        _power = power;
        _clock = new DateTime(opensAtLocal.Year, opensAtLocal.Month, opensAtLocal.Day, opensAtLocal.Hour, opensAtLocal.Minute, 0, DateTimeKind.Unspecified)
            .AddMinutes(_random.Next(0, 420));

        // Now and then a case runs past its promised limit: the supervision rules need some.
        _stretch = Chance(7) ? 1.8 : 1.0;
        SnapToOfficeHours();

        var posts = power.InternalFlow.Select(s => s.Post).Where(p => p.Length > 0).ToList();
        if (posts.Count < 3)
        {
            posts = ["受理岗", "审核岗", "审批岗"];
        }

        if (power.Category == PowerCategory.Penalty)
        {
            RunPenalty(posts);
        }
        else
        {
            RunApplication(posts);
        }

        return _events;
    }

    // A power read from a partial export may lack its implementer; the case still needs one.
    private Implementer Department => _power.Implementer ?? new Implementer();

    private bool IsUrgent => _power.Category is PowerCategory.Enforcement or PowerCategory.Requisition;

    // Benefits paid on a means test (低保, 特困, 临时救助, 奖励扶助) rather than on a contribution record.
    private bool IsMeansTested => _power.Category == PowerCategory.Benefit
        && !_power.Name.Contains("失业", StringComparison.Ordinal);

    private bool IsExOfficio => _power.Category is PowerCategory.Penalty or PowerCategory.Inspection
        or PowerCategory.Enforcement or PowerCategory.Requisition;

    private void RunPenalty(List<string> posts)
    {
        var (handler, review, head) = (posts[0], posts[1], posts[^1]);
        var counterpart = _random.Next(100) < 85
            ? Counterparts.Organisation(_random, _divisionCode, _countyName, _power)
            : Counterparts.Person(_random, _divisionCode);
        var offence = Offence(_power.Name);
        Accepted(handler, counterpart, $"{counterpart.Name}{offence}案", [],
            Pick("经举报核查", "在日常监督检查中发现", "根据上级交办线索核查", "经投诉核查") + $"，当事人涉嫌{offence}，符合立案条件，予以立案。");

        var (circumstance, amount) = PenaltyAmount();
        Later(1, 8);
        Add(CaseEventKind.Opinion, handler, opinion:
            $"经调查，当事人{offence}的事实清楚，证据确凿，属于“{circumstance}”情形，建议处罚款{amount:0}元。", stance: Stance.Positive,
            documents: ["现场检查笔录", "询问笔录", "案件调查终结报告"]);

        if (Chance(15))
        {
            Later(1, 3);
            Add(CaseEventKind.Suspended, handler, opinion: Pick(
                "当事人申请听证，听证期间中止案件办理。",
                "涉案物品需送检验机构检验，检验期间不计入办案期限。",
                "当事人因突发疾病无法配合调查，中止案件办理。"));
            Later(3, 15);
            Add(CaseEventKind.Resumed, handler, opinion: Pick(
                "听证会已依法举行，恢复案件办理。",
                "检验报告已出具，恢复案件办理。",
                "中止情形已消除，恢复案件办理。"));
        }

        Later(1, 3);
        Add(CaseEventKind.Opinion, handler, stance: Stance.Positive, documents: ["行政处罚告知书", "送达回证"], opinion: Pick(
            "已向当事人送达行政处罚告知书，当事人在法定期限内未提出陈述、申辩，未要求听证。",
            "当事人提出陈述、申辩，经复核，其理由不能成立，维持原处理意见。",
            "当事人放弃陈述、申辩和听证的权利。"));

        Later(1, 3);
        if (Chance(15))
        {
            Add(CaseEventKind.Opinion, review, stance: Stance.Negative, opinion: Pick(
                "证据不足：缺少货值金额或者违法所得的认定依据，请补充调查。",
                "裁量基准适用不当：当事人积极配合调查并主动整改，应当考虑从轻情形。",
                "程序存在瑕疵：告知书未载明当事人要求听证的权利，请重新告知。",
                "事实认定不清：当事人主体信息与营业执照记载不一致，请核实。"));
            Later(0, 1);
            Add(CaseEventKind.Returned, review, opinion: "退回承办岗补充调查、重新提出处理意见。");
            Later(2, 6);
            Add(CaseEventKind.Opinion, handler, stance: Stance.Positive,
                opinion: $"已按法制审核意见补充调查并重新履行告知程序，维持处罚款{amount:0}元的建议。", documents: ["补充调查报告"]);
            Later(1, 2);
        }

        Add(CaseEventKind.Opinion, review, stance: Stance.Positive, opinion: "执法主体合法，事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。");
        Later(1, 3);
        if (amount >= 50000)
        {
            // Large fines are decided collectively (行政处罚法第五十七条第二款).
            Add(CaseEventKind.Opinion, head, stance: Stance.Positive, opinion: "经案件审理委员会集体讨论，同意承办岗处理意见。", documents: ["集体讨论记录"]);
            Later(0, 1);
        }

        var decision = new DecisionDetail
        {
            Outcome = Outcome.Penalised,
            DocumentNumber = NextDocument("罚"),
            PenaltyAmount = amount,
            Circumstance = circumstance,
        };
        Add(CaseEventKind.Decision, head, opinion: $"同意。依据{_power.LegalBasis.LastOrDefault()}，对当事人处罚款{amount:0}元。",
            decision: decision, documents: ["行政处罚决定书"]);
        Later(3, 15);
        Add(CaseEventKind.Concluded, handler, opinion: "行政处罚决定书已送达，罚款已缴入国库，执行完毕，予以结案。",
            documents: ["送达回证", "罚没款缴款凭证", "结案审批表"]);
    }

    private void RunApplication(List<string> posts)
    {
        var (front, review, head) = (posts[0], posts[1], posts[^1]);
        var category = _power.Category;
        var counterpart = PickCounterpart();
        var materials = _power.RequiredMaterials.ToList();
        var needsCorrection = !IsExOfficio && materials.Count >= 2 && Chance(25);
        var missing = needsCorrection ? materials[^1] : null;
        if (missing is not null)
        {
            materials.RemoveAt(materials.Count - 1);
        }

        Accepted(front, counterpart, Title(counterpart), materials, AcceptOpinion(counterpart));

        if (missing is not null)
        {
            Step(0.15);
            Add(CaseEventKind.CorrectionRequested, review, opinion: $"经审查，申请材料不完整，请补正：{missing}。", documents: ["补正材料通知书"]);
            if (Chance(12))
            {
                Later(5, 10);
                Add(CaseEventKind.Returned, front, opinion: "申请人逾期未补正材料，退回申请，申请材料已退还。", documents: ["退回申请告知书"]);
                Later(0, 1);
                Add(CaseEventKind.Concluded, front, opinion: "申请人逾期未补正，退回办结。");
                return;
            }

            Later(1, 5);
            Add(CaseEventKind.CorrectionReceived, front, opinion: $"已收到补正材料：{missing}。", documents: [missing]);
        }

        if (!IsExOfficio && _power.PromisedLimitDays > 1 && Chance(10))
        {
            Step(0.2);
            Add(CaseEventKind.Suspended, review, opinion: SuspendReason());
            Later(3, 12);
            Add(CaseEventKind.Resumed, review, opinion: "暂停情形已消除，恢复办理，暂停期间不计入办理时限。");
        }

        var refuse = Chance(category is PowerCategory.Inspection or PowerCategory.Enforcement or PowerCategory.Requisition ? 0 : 9);
        Pace(0.15);
        if (!IsExOfficio)
        {
            Add(CaseEventKind.Opinion, front, stance: Stance.Positive, opinion: "初审：申请材料齐全，同意提交审核。");
            Pace(0.1);
        }

        if (!refuse && FieldWork() is { } fieldWork)
        {
            Add(CaseEventKind.Opinion, IsExOfficio ? front : review, stance: Stance.Positive, opinion: fieldWork.Opinion, documents: [fieldWork.Document]);
            Pace(0.15);
        }

        if (!refuse && !IsUrgent && Chance(10))
        {
            Add(CaseEventKind.Opinion, review, stance: Stance.Negative, opinion: ReviewObjection());
            Pace(0.05);
            Add(CaseEventKind.Returned, review, opinion: $"退回{front}重新核查。");
            Pace(0.15);
            Add(CaseEventKind.Opinion, front, stance: Stance.Positive, opinion: "已重新核查，情况属实，材料真实有效。", documents: ["核查情况说明"]);
            Pace(0.1);
        }

        if (refuse)
        {
            Add(CaseEventKind.Opinion, review, stance: Stance.Negative, opinion: RefusalReason());
        }
        else
        {
            Add(CaseEventKind.Opinion, review, stance: Stance.Positive, opinion: ReviewApproval(counterpart));
        }

        Pace(0.1);
        var (outcome, word, text, document) = DecisionFor(refuse);
        Add(CaseEventKind.Decision, head, opinion: text,
            decision: new DecisionDetail { Outcome = outcome, DocumentNumber = NextDocument(word) }, documents: [document]);
        Step(IsUrgent ? 0.5 : 0.05);
        Add(CaseEventKind.Concluded, front, opinion: ConcludeText(refuse), documents: ["送达回证"]);
    }

    private void Accepted(string post, Counterpart counterpart, string title, IEnumerable<string> materials, string opinion)
    {
        var channel = IsExOfficio ? "窗口" : _random.Next(100) switch
        {
            < 52 => "窗口",
            < 95 => "网上",
            _ => "邮寄",
        };
        var acceptance = new Acceptance
        {
            PowerCode = _power.Code,
            PowerVersion = _power.Version,
            Title = title,
            Counterpart = counterpart,
            DivisionCode = _divisionCode,
            Department = Department.Clone(),
            Channel = channel,
            StatutoryLimitDays = _power.StatutoryLimitDays,
            PromisedLimitDays = _power.PromisedLimitDays,
        };
        acceptance.Materials.AddRange(materials);
        Add(CaseEventKind.Accepted, post, opinion: opinion, acceptance: acceptance,
            documents: [IsExOfficio ? (_power.Category == PowerCategory.Penalty ? "立案审批表" : "现场笔录") : "受理通知书"]);
    }

    private void Add(
        CaseEventKind kind,
        string post,
        string opinion = "",
        Stance stance = Stance.Unspecified,
        Acceptance? acceptance = null,
        DecisionDetail? decision = null,
        string[]? documents = null)
    {
        var item = new CaseEvent
        {
            CaseSerial = _serial,
            EventId = string.Create(CultureInfo.InvariantCulture, $"e{_events.Count + 1}"),
            Kind = kind,
            OccurredAt = Timestamp.FromDateTime(DateTime.SpecifyKind(_clock - ChinaOffset, DateTimeKind.Utc)),
            Post = post,
            Actor = Staff(post),
            Opinion = opinion,
            Stance = stance,
            Acceptance = acceptance,
            Decision = decision,
        };
        if (documents is not null)
        {
            item.Documents.AddRange(documents);
        }

        _events.Add(item);
    }

    private Counterpart PickCounterpart()
    {
        var name = _power.Name;
        string[] personal = ["婚姻", "最低生活", "特困", "临时救助", "失业", "工伤", "奖励扶助", "举报", "有功人员", "乡村建设"];
        if (personal.Any(k => name.Contains(k, StringComparison.Ordinal)))
        {
            return Counterparts.Person(_random, _divisionCode);
        }

        var organisational = _power.Category is PowerCategory.Licensing or PowerCategory.Inspection
            or PowerCategory.Enforcement or PowerCategory.Other;
        var share = organisational ? 90 : _power.Category == PowerCategory.Adjudication ? 20 : 45;
        return Chance(share)
            ? Counterparts.Organisation(_random, _divisionCode, _countyName, _power)
            : Counterparts.Person(_random, _divisionCode);
    }

    private string Title(Counterpart counterpart)
    {
        var name = _power.Name;
        return _power.Category switch
        {
            PowerCategory.Inspection or PowerCategory.Enforcement or PowerCategory.Requisition or PowerCategory.Levy
                => $"{name}（{counterpart.Name}）",
            PowerCategory.Award => $"{counterpart.Name}申请{name.TrimStart('对')}",
            _ => $"{counterpart.Name}申请{name}",
        };
    }

    private string AcceptOpinion(Counterpart counterpart) => _power.Category switch
    {
        PowerCategory.Inspection => $"按照“双随机、一公开”抽查计划，对{counterpart.Name}实施现场检查。",
        PowerCategory.Enforcement => $"执法人员在{counterpart.Name}现场检查中发现涉嫌违法的物品、设施，经负责人批准实施强制措施。",
        PowerCategory.Requisition => _power.Name.Contains("传染病", StringComparison.Ordinal)
            ? $"因{Counterparts.Town(_random)}传染病疫情防控需要，拟临时征用{counterpart.Name}的场所和交通工具。"
            : $"因{Counterparts.Town(_random)}突发事件应急处置需要，拟征用{counterpart.Name}的相关财产。",
        PowerCategory.Levy => "征收事项已核定，予以登记办理。",
        PowerCategory.Adjudication => "申请符合受理条件，予以受理，已将申请书副本送达对方当事人。",
        _ => "申请材料齐全，符合法定形式，予以受理。",
    };

    private string ReviewApproval(Counterpart counterpart) => _power.Category switch
    {
        PowerCategory.Inspection => "检查记录完整，处理意见适当，同意检查结果予以公示。",
        PowerCategory.Enforcement => "强制措施的依据、对象和期限符合法律规定，同意。",
        PowerCategory.Requisition => "征用确属应急处置所必需，范围适当，同意。",
        PowerCategory.Benefit when IsMeansTested => $"经入户调查和家庭经济状况核对，{counterpart.Name}符合给付条件，公示期满无异议，同意。",
        PowerCategory.Benefit => $"经核对参保缴费和就业登记记录，{counterpart.Name}符合领取条件，同意。",
        PowerCategory.Adjudication => "经调查，双方调解不成，争议事实已查清，建议依法裁决。",
        PowerCategory.Award => "举报事项经查证属实，符合奖励条件，建议予以奖励。",
        _ => Pick("申请材料真实有效，符合法定条件，同意。", "经现场核查，符合法定条件和标准，同意。", "审核通过，同意。"),
    };

    private (string Opinion, string Document)? FieldWork() => _power.Category switch
    {
        PowerCategory.Licensing when Chance(65) => (Pick(
            "现场核查：经营（建设）场所、设施设备与申请材料一致，符合要求。",
            "现场核查：场所布局合理，设施设备齐全，管理制度已上墙。"), "现场核查记录"),
        PowerCategory.Benefit when IsMeansTested => (Pick(
            "入户调查：家庭成员及收入、财产状况与申报一致，已在村（居）务公开栏公示七日，无异议。",
            "入户调查：申请人无劳动能力、无生活来源，情况属实，公示期满无异议。"), "入户调查表"),
        PowerCategory.Confirmation when Chance(50) => ("调查核实：相关证明材料真实，与申请事项一致。", "调查笔录"),
        PowerCategory.Adjudication => ("已组织双方当事人现场勘查并调解，调解未达成一致。", "调解笔录"),
        PowerCategory.Inspection => (Pick(
            "现场检查：证照齐全，台账记录完整，未发现违法行为。",
            "现场检查：发现部分记录不完整，已当场责令改正。",
            "现场检查：主要负责人在岗，安全管理制度落实到位。"), "现场检查记录"),
        PowerCategory.Enforcement => ("已通知当事人到场，告知查封、扣押的理由、依据和权利，制作现场笔录和清单。", "现场笔录"),
        _ => null,
    };

    private string ReviewObjection() => _power.Category switch
    {
        PowerCategory.Benefit when IsMeansTested => "申请人家庭成员名下车辆信息与家庭经济状况声明不一致，需重新核查。",
        PowerCategory.Benefit => "申请人参保缴费记录与原用人单位出具的证明不一致，需重新核查。",
        PowerCategory.Confirmation => "申请材料中的时间、地点与证明材料记载不一致，需重新核实。",
        PowerCategory.Adjudication => "争议地块四至界址与现场不符，需重新勘测。",
        _ => Pick("现场核查记录未附照片，核查不完整。", "申请材料中法定代表人签字与身份证明不一致，需重新核实。", "场所平面布局图与现场不符，需重新核查。"),
    };

    private string RefusalReason() => _power.Category switch
    {
        PowerCategory.Benefit when IsMeansTested => "经家庭经济状况核对，申请人家庭人均收入高于当地保障标准，不符合给付条件。",
        PowerCategory.Benefit => "申请人失业前用人单位和本人累计缴纳失业保险费不满一年，不符合领取条件。",
        PowerCategory.Confirmation => "经调查核实，不符合法定的确认（认定）情形。",
        PowerCategory.Award => "举报事项经查证不属实，不符合奖励条件。",
        PowerCategory.Adjudication => "争议不属于本机关处理范围，建议不予受理并告知当事人向有权机关申请。",
        PowerCategory.Levy => "征收依据不足，建议不予征收。",
        _ => Pick("经现场核查，经营场所与申请材料不符，不符合许可条件。", "申请人不具备与申请事项相适应的设施设备，不符合法定条件。", "申请事项不符合规划要求，不予许可。"),
    };

    private string SuspendReason() => _power.Category switch
    {
        PowerCategory.Benefit when IsMeansTested => "需跨部门开展家庭经济状况核对，核对期间暂停计算办理时限。",
        PowerCategory.Benefit => "需向原参保地核实缴费记录，核实期间暂停计算办理时限。",
        PowerCategory.Confirmation => "需等待有关机关作出结论，暂停办理。",
        PowerCategory.Adjudication => "当事人申请庭外和解，暂停办理。",
        _ => Pick("依法需要听证，听证期间不计入办理时限。", "需组织专家评审，评审期间不计入办理时限。", "申请人申请延期现场核查，暂停计算办理时限。"),
    };

    private (Outcome Outcome, string Word, string Text, string Document) DecisionFor(bool refuse)
    {
        var category = _power.Category;
        return category switch
        {
            PowerCategory.Inspection => (Outcome.Other, "检", "同意检查结论，予以公示。", "监督检查记录"),
            PowerCategory.Enforcement => (Outcome.Other, "封", "同意实施查封、扣押。", "查封（扣押）决定书"),
            PowerCategory.Requisition => (Outcome.Other, "征用", "同意征用。", "征用决定书"),
            PowerCategory.Levy when !refuse => (Outcome.Other, "征", "同意征收。", "征收决定书"),
            PowerCategory.Adjudication when !refuse => (Outcome.Other, "裁", "同意，依法作出裁决。", "行政裁决书"),
            _ when refuse => (Outcome.Refused, "不予", "不符合法定条件，不予批准。", "不予行政许可（批准）决定书"),
            PowerCategory.Licensing => (Outcome.Granted, "许", "同意，准予行政许可。", "准予行政许可决定书"),
            PowerCategory.Benefit => (Outcome.Granted, "救", "同意给付。", "给付决定书"),
            PowerCategory.Confirmation => (Outcome.Granted, "确", "同意确认（登记）。", "确认（登记）决定书"),
            PowerCategory.Award => (Outcome.Granted, "奖", "同意奖励。", "奖励决定书"),
            _ => (Outcome.Granted, "办", "同意。", "办理结果通知书"),
        };
    }

    private string ConcludeText(bool refused) => refused
        ? "决定书已送达申请人，已告知申请行政复议或者提起行政诉讼的权利，办结。"
        : _power.Category switch
        {
            PowerCategory.Inspection => "检查结果已公示，办结。",
            PowerCategory.Enforcement => "经检验，依法作出处理决定，查封（扣押）已解除或者已转入行政处罚程序，办结。",
            PowerCategory.Requisition => "被征用财产已返还，补偿已发放，办结。",
            PowerCategory.Benefit => "给付资金已通过社会保障卡发放，办结。",
            PowerCategory.Confirmation => "确认（登记）结果已送达，证书已颁发，办结。",
            PowerCategory.Licensing => "证照已发放，办结。",
            _ => "决定书已送达，办结。",
        };

    private (string Circumstance, double Amount) PenaltyAmount()
    {
        var benchmarks = _power.DiscretionBenchmarks;
        if (benchmarks.Count == 0)
        {
            return ("一般情节", 1000);
        }

        // Most cases fall in the lighter circumstances, as they do in practice.
        var index = Math.Min((int)(benchmarks.Count * Math.Pow(_random.NextDouble(), 1.5)), benchmarks.Count - 1);
        var benchmark = benchmarks[index];
        var low = benchmark.Min > 0 ? benchmark.Min : Math.Min(200, benchmark.Max);
        var step = benchmark.Max - low >= 1000 ? 500 : 100;
        var amount = low + Math.Floor(_random.NextDouble() * (benchmark.Max - low) / step) * step;
        return (benchmark.Circumstance, Math.Clamp(amount, benchmark.Min, benchmark.Max));
    }

    private string NextDocument(string word)
    {
        var prefix = DivisionNames.DepartmentShort(_divisionCode, Department.Name) + word;
        var number = _documentNumbers.GetValueOrDefault(prefix) + 1;
        _documentNumbers[prefix] = number;
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}〔2026〕{number}号");
    }

    private string Staff(string post)
    {
        // Two officers a post in each department, always the same names for the same seed.
        var hash = 17;
        foreach (var ch in Department.Name + post)
        {
            hash = unchecked((hash * 31) + ch);
        }

        var officer = new Random(hash + _random.Next(2));
        return Counterparts.PersonName(officer, officer.Next(2) == 0);
    }

    private static string Offence(string powerName)
    {
        var text = powerName;
        if (text.StartsWith('对'))
        {
            text = text[1..];
        }

        // The counterpart is the subject: "某公司未按照规定……案", not "某公司生产经营单位未按照规定……案".
        foreach (var subject in (string[])["生产经营单位", "用人单位", "食品经营者"])
        {
            if (text.StartsWith(subject, StringComparison.Ordinal))
            {
                text = text[subject.Length..];
            }
        }

        return text.EndsWith("的处罚", StringComparison.Ordinal) ? text[..^3] : text;
    }

    /// <summary>
    /// Like <see cref="Step"/>, but minutes for a seizure or a requisition: those are decided on
    /// the spot (行政强制法第二十四条), and only their handling afterwards takes days.
    /// </summary>
    private void Pace(double share)
    {
        if (IsUrgent)
        {
            Later(0, 0);
        }
        else
        {
            Step(share);
        }
    }

    /// <summary>Moves the clock by a share of the promised limit (at least a few minutes).</summary>
    private void Step(double share)
    {
        var promised = Math.Max(_power.PromisedLimitDays, 1);
        if (promised <= 1)
        {
            _clock = _clock.AddMinutes(_random.Next(5, 40));
            SnapToOfficeHours();
            return;
        }

        var days = (int)Math.Round(promised * share * _stretch * (0.5 + _random.NextDouble()));
        Later(days, days);
    }

    /// <summary>Moves the clock by min..max working days (0: later the same day or the next).</summary>
    private void Later(int minDays, int maxDays)
    {
        var days = _random.Next(minDays, maxDays + 1);

        // Every case of the sample year ends within it, however late it opened.
        if (_clock >= YearEnd)
        {
            days = 0;
        }

        if (days == 0)
        {
            _clock = _clock.AddMinutes(_random.Next(10, 180));
        }
        else
        {
            for (var i = 0; i < days && _clock < YearEnd; i++)
            {
                _clock = _clock.AddDays(1);
                while (IsClosed(_clock))
                {
                    _clock = _clock.AddDays(1);
                }
            }

            var minutes = _random.Next(-120, 121);
            _clock = _clock.AddMinutes(minutes == 0 ? 1 : minutes);
        }

        SnapToOfficeHours();
    }

    private void SnapToOfficeHours()
    {
        var open = new TimeSpan(8, 30, 0);
        var close = new TimeSpan(17, 30, 0);
        if (_clock.TimeOfDay < open)
        {
            _clock = _clock.Date + open + TimeSpan.FromMinutes(_random.Next(0, 60));
        }
        else if (_clock.TimeOfDay > close)
        {
            _clock = _clock.Date.AddDays(1) + open + TimeSpan.FromMinutes(_random.Next(0, 60));
        }

        while (IsClosed(_clock))
        {
            _clock = _clock.AddDays(1);
        }
    }

    private static bool IsClosed(DateTime day) =>
        day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || Holidays2026.Contains(DateOnly.FromDateTime(day));

    private static IEnumerable<DateOnly> Days(int month, int day, int count) =>
        Enumerable.Range(0, count).Select(i => new DateOnly(2026, month, day).AddDays(i));

    private bool Chance(int percent) => _random.Next(100) < percent;

    private string Pick(params string[] options) => options[_random.Next(options.Length)];
}
