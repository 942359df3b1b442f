using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using FluentValidation;

namespace ExchangeNode.NodeAgent.Validation;

/// <summary>
/// Record rules for one power item (行政权力事项), stateless: whether the item may enter the
/// library at all, not how it relates to the versions already held.
/// </summary>
internal sealed class PowerValidator : AbstractValidator<Power>
{
    public PowerValidator()
    {
        // Art. 13(1): the basic information every item carries.
        RuleFor(p => p.Code).NotEmpty()
            .OverridePropertyName("code")
            .WithMessage("行政权力编码为空 (power code is empty)");
        RuleFor(p => p.Name).NotEmpty()
            .OverridePropertyName("name")
            .WithMessage("行政权力名称为空 (power name is empty)");
        RuleFor(p => p.Category).Must(c => c != PowerCategory.Unspecified && Enum.IsDefined(c))
            .OverridePropertyName("category")
            .WithMessage(p => $"权力类别未指定或无效：{p.Category} (category is unspecified or unknown)");
        RuleFor(p => p.Implementer == null ? string.Empty : p.Implementer.Name).NotEmpty()
            .OverridePropertyName("implementer.name")
            .WithMessage("实施主体名称为空 (implementer name is empty)");
        RuleFor(p => p.DivisionCode).Must(d => DivisionCode.CheckForm(d) is null)
            .OverridePropertyName("division_code")
            .WithMessage(p => DivisionCode.CheckForm(p.DivisionCode)!);

        // Art. 21: every item in the library is marked 在用, 暂停 or 取消.
        RuleFor(p => p.Status).Must(s => s != PowerStatus.Unspecified && Enum.IsDefined(s))
            .OverridePropertyName("status")
            .WithMessage(p => $"权力运行状态未指定或无效：{p.Status}，应为在用、暂停或取消 (status must be active, suspended or cancelled)");
        RuleFor(p => p.Version).GreaterThanOrEqualTo(1)
            .OverridePropertyName("version")
            .WithMessage(p => $"版本号应从1开始，实为{p.Version} (version starts at 1)");

        // Art. 24: 未经审核确认的行政权力及相关信息，不得擅自录入行政权力库.
        RuleFor(p => p.Approval).NotNull()
            .OverridePropertyName("approval")
            .WithMessage("缺少审核确认信息，未经审核确认的行政权力不得录入 (no approval: Art. 24 keeps unapproved items out)");
        When(p => p.Approval is not null, () =>
        {
            RuleFor(p => p.Approval.ApprovedBy).NotEmpty()
                .OverridePropertyName("approval.approved_by")
                .WithMessage("审核确认机关为空 (approving body is empty)");
            RuleFor(p => p.Approval.ApprovedOn).Must(IsoDate.IsRealDate)
                .OverridePropertyName("approval.approved_on")
                .WithMessage(p => $"审核确认日期 \"{p.Approval.ApprovedOn}\" 不是有效的日期 yyyy-MM-dd (not a real date)");
        });

        // Art. 13(1): 法定期限 (and the promise made within it), in working days.
        RuleFor(p => p.StatutoryLimitDays).GreaterThanOrEqualTo(0)
            .OverridePropertyName("statutory_limit_days")
            .WithMessage(p => $"法定期限不能为负数，实为{p.StatutoryLimitDays} (statutory limit is negative)");
        RuleFor(p => p.PromisedLimitDays).GreaterThanOrEqualTo(0)
            .OverridePropertyName("promised_limit_days")
            .WithMessage(p => $"承诺期限不能为负数，实为{p.PromisedLimitDays} (promised limit is negative)");
        RuleFor(p => p.PromisedLimitDays).LessThanOrEqualTo(p => p.StatutoryLimitDays)
            .When(p => p.PromisedLimitDays > 0 && p.StatutoryLimitDays > 0)
            .OverridePropertyName("promised_limit_days")
            .WithMessage(p => $"承诺期限{p.PromisedLimitDays}个工作日超过法定期限{p.StatutoryLimitDays}个工作日 (promised limit exceeds the statutory limit)");

        // Art. 15: a benchmark names a circumstance and the range allowed for it.
        RuleForEach(p => p.DiscretionBenchmarks)
            .ChildRules(b =>
            {
                b.RuleFor(x => x.Circumstance).NotEmpty()
                    .OverridePropertyName("circumstance")
                    .WithMessage("裁量基准的情节为空 (circumstance is empty)");
                b.RuleFor(x => x.Min).GreaterThanOrEqualTo(0)
                    .OverridePropertyName("min")
                    .WithMessage(x => $"裁量下限不能为负数，实为{x.Min} (min is negative)");
                b.RuleFor(x => x.Max).GreaterThanOrEqualTo(x => x.Min)
                    .OverridePropertyName("max")
                    .WithMessage(x => $"裁量上限{x.Max}低于下限{x.Min} (max is below min)");
            })
            .OverridePropertyName("discretion_benchmarks");

        // Art. 13 / 14: the internal flow names each post and its time limit.
        RuleForEach(p => p.InternalFlow)
            .ChildRules(s =>
            {
                s.RuleFor(x => x.Post).NotEmpty()
                    .OverridePropertyName("post")
                    .WithMessage("内部流程的岗位名称为空 (post is empty)");
                s.RuleFor(x => x.LimitDays).GreaterThanOrEqualTo(0)
                    .OverridePropertyName("limit_days")
                    .WithMessage(x => $"岗位时间期限不能为负数，实为{x.LimitDays} (limit is negative)");
            })
            .OverridePropertyName("internal_flow");

        RuleFor(p => p.EffectiveFrom).Must(IsoDate.IsRealDate)
            .When(p => !string.IsNullOrEmpty(p.EffectiveFrom))
            .OverridePropertyName("effective_from")
            .WithMessage(p => $"生效日期 \"{p.EffectiveFrom}\" 不是有效的日期 yyyy-MM-dd (not a real date)");
    }
}
