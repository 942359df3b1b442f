using ExchangeNode.Protocol.V1;

namespace ExchangeNode.Samples.Generator;

/// <summary>The external and internal flows each category runs, as a county catalogue writes them.</summary>
internal static class PowerFlows
{
    private static readonly Dictionary<PowerCategory, (string Name, string Description)[]> External = new()
    {
        [PowerCategory.Licensing] =
        [
            ("申请", "申请人通过丰县政务服务中心窗口或者江苏政务服务网提交申请材料"),
            ("受理", "材料齐全、符合法定形式的当场受理；材料不齐全的当场或者五日内一次性告知需要补正的全部内容"),
            ("审查", "对申请材料进行审查，需要现场核查的组织两名以上工作人员现场核查"),
            ("决定", "作出准予或者不予行政许可的书面决定；不予许可的说明理由，并告知申请行政复议或者提起行政诉讼的权利"),
            ("送达", "颁发许可证件或者送达不予许可决定书"),
        ],
        [PowerCategory.Penalty] =
        [
            ("立案", "对投诉举报、监督检查或者移送发现的违法线索进行核查，符合立案条件的报负责人批准立案"),
            ("调查取证", "两名以上执法人员出示执法证件，调查取证并制作笔录"),
            ("告知", "告知当事人拟作出的行政处罚内容及事实、理由、依据，以及陈述、申辩和要求听证的权利"),
            ("决定", "经法制审核后由负责人作出行政处罚决定；情节复杂或者重大违法行为经集体讨论决定"),
            ("送达", "自作出决定之日起七日内送达行政处罚决定书"),
            ("执行", "当事人在决定书规定的期限内履行；逾期不履行的依法加处罚款或者申请人民法院强制执行"),
        ],
        [PowerCategory.Levy] =
        [
            ("核定", "核定征收对象、范围、标准和金额"),
            ("告知", "向义务人或者被征收人送达征收决定或者缴款通知，告知救济途径"),
            ("缴纳或补偿", "义务人按规定缴纳，或者被征收人按补偿方案领取补偿"),
            ("归档", "征收文书、票据和补偿协议整理归档"),
        ],
        [PowerCategory.Enforcement] =
        [
            ("报批", "实施前向负责人报告并经批准；情况紧急需要当场实施的，二十四小时内补办批准手续"),
            ("实施", "通知当事人到场，当场告知采取强制措施的理由、依据以及依法享有的权利、救济途径，制作现场笔录"),
            ("交付文书", "制作并当场交付查封、扣押决定书和清单"),
            ("处理", "在法定期限内查明事实，依法作出处理决定或者解除查封、扣押"),
        ],
        [PowerCategory.Benefit] =
        [
            ("申请", "申请人向户籍所在地镇人民政府（街道办事处）或者丰县政务服务中心提出申请"),
            ("审核", "入户调查、家庭经济状况核对、民主评议，审核结果在村（居）民委员会公示"),
            ("审批", "作出给予或者不予给付的决定；不予给付的书面告知并说明理由"),
            ("发放", "通过社会化发放渠道按月或者一次性发放"),
        ],
        [PowerCategory.Inspection] =
        [
            ("制定计划", "按照“双随机、一公开”要求随机抽取检查对象和执法检查人员"),
            ("实施检查", "两名以上执法人员出示执法证件，实施现场检查并制作检查记录"),
            ("处理", "发现问题的责令限期改正；涉嫌违法的依法立案查处"),
            ("公示", "检查结果自作出之日起二十个工作日内通过国家企业信用信息公示系统公示"),
        ],
        [PowerCategory.Award] =
        [
            ("受理", "受理举报线索或者推荐申报材料，并为举报人保密"),
            ("核实", "调查核实举报线索或者先进事迹"),
            ("审批", "确定奖励等级和金额，报负责人审批"),
            ("发放", "通知获奖人凭有效身份证件领取奖励"),
        ],
        [PowerCategory.Confirmation] =
        [
            ("申请", "申请人提交申请材料"),
            ("受理", "材料齐全、符合法定形式的予以受理；不齐全的一次性告知补正"),
            ("审查", "审查申请材料，必要时实地查看或者调查核实"),
            ("确认", "作出确认（登记）决定，颁发证书或者出具结论"),
        ],
        [PowerCategory.Requisition] =
        [
            ("决定", "根据应急处置需要作出征用决定，并书面告知被征用人"),
            ("登记", "登记被征用财产的名称、数量、状况"),
            ("返还", "使用完毕后及时返还被征用财产"),
            ("补偿", "财产被征用或者征用后毁损、灭失的，依法给予补偿"),
        ],
        [PowerCategory.Adjudication] =
        [
            ("申请", "当事人提交书面申请和证据材料"),
            ("受理", "符合条件的予以受理，并将申请书副本送达对方当事人"),
            ("调查调解", "调查取证，组织当事人调解"),
            ("裁决", "调解不成的，依法作出裁决"),
            ("送达", "送达裁决书，告知申请行政复议或者提起行政诉讼的权利"),
        ],
        [PowerCategory.Other] =
        [
            ("申请", "申请人提交申请材料"),
            ("受理", "材料齐全、符合法定形式的予以受理"),
            ("审查", "审查申请材料，必要时现场核查"),
            ("办结", "出具办理结果"),
        ],
    };

    private static readonly Dictionary<PowerCategory, (string Post, string Duty)[]> Internal = new()
    {
        [PowerCategory.Licensing] =
        [
            ("受理岗", "接收申请材料，审查材料是否齐全、是否符合法定形式，出具受理或者补正通知书"),
            ("审核岗", "审查申请材料的实质内容，组织现场核查，提出审核意见"),
            ("审批岗", "审定审核意见，作出准予或者不予许可决定"),
        ],
        [PowerCategory.Penalty] =
        [
            ("承办岗", "立案、调查取证、履行告知程序，提出处理意见"),
            ("法制审核岗", "审核执法主体、事实证据、法律适用、程序和裁量基准的适用"),
            ("负责人", "审批处理意见，作出行政处罚决定"),
        ],
        [PowerCategory.Levy] =
        [
            ("经办岗", "核定征收事项，制作征收文书"),
            ("审核岗", "审核征收依据、标准和金额"),
            ("负责人", "审批征收决定"),
        ],
        [PowerCategory.Enforcement] =
        [
            ("承办岗", "提出实施行政强制措施的建议，现场实施并制作笔录"),
            ("法制审核岗", "审核强制措施的依据、对象和期限"),
            ("负责人", "批准实施或者解除行政强制措施"),
        ],
        [PowerCategory.Benefit] =
        [
            ("受理岗", "接收申请材料，登记受理"),
            ("审核岗", "组织入户调查和家庭经济状况核对，提出审核意见"),
            ("审批岗", "审批并作出给付决定"),
        ],
        [PowerCategory.Inspection] =
        [
            ("检查岗", "实施现场检查，制作检查记录，提出处理意见"),
            ("审核岗", "审核检查记录和处理意见"),
            ("负责人", "审定检查结果和处理意见"),
        ],
        [PowerCategory.Award] =
        [
            ("受理岗", "登记举报线索或者申报材料"),
            ("审核岗", "核实事实，提出奖励建议"),
            ("审批岗", "审定奖励等级和金额"),
        ],
        [PowerCategory.Confirmation] =
        [
            ("受理岗", "接收申请材料，审查材料是否齐全"),
            ("审核岗", "审查申请材料，调查核实，提出审核意见"),
            ("审批岗", "作出确认（登记）决定"),
        ],
        [PowerCategory.Requisition] =
        [
            ("经办岗", "提出征用建议，登记被征用财产"),
            ("审核岗", "审核征用的必要性和范围"),
            ("负责人", "批准征用决定"),
        ],
        [PowerCategory.Adjudication] =
        [
            ("承办岗", "受理申请，调查取证，组织调解"),
            ("审核岗", "审核调查结论和处理意见"),
            ("负责人", "审定并作出裁决"),
        ],
        [PowerCategory.Other] =
        [
            ("受理岗", "接收申请材料，审查材料是否齐全"),
            ("审核岗", "审查申请材料，提出审核意见"),
            ("审批岗", "作出办理决定"),
        ],
    };

    /// <summary>The external flow of a category.</summary>
    public static IEnumerable<FlowStep> ExternalFor(PowerCategory category) =>
        External[category].Select(s => new FlowStep { Name = s.Name, Description = s.Description });

    /// <summary>The internal flow of a category, its posts' limits summing to the promised limit.</summary>
    public static IEnumerable<InternalStep> InternalFor(PowerCategory category, int promisedDays)
    {
        var posts = Internal[category];

        // Each other post gets a day while days last; the review post (the second) gets the
        // rest: that is where the work, and the waiting, is.
        var days = new int[posts.Length];
        var remaining = promisedDays;
        for (var i = 0; i < posts.Length; i++)
        {
            if (i != 1 && remaining > 1)
            {
                days[i] = 1;
                remaining--;
            }
        }

        days[1] = Math.Max(remaining, 0);
        for (var i = 0; i < posts.Length; i++)
        {
            yield return new InternalStep { Post = posts[i].Post, Duty = posts[i].Duty, LimitDays = days[i] };
        }
    }
}
