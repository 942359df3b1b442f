using FluentValidation;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>Rules for node.json's "Sync" section.</summary>
internal sealed class SyncOptionsValidator : AbstractValidator<SyncOptions>
{
    public SyncOptionsValidator()
    {
        RuleFor(o => o.PushInterval).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromHours(24))
            .WithMessage("推送间隔应在 1 秒到 24 小时之间 (Art. 28: at most 24 hours)").OverridePropertyName("Sync:PushInterval");
        RuleFor(o => o.PullInterval).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromHours(24))
            .WithMessage("拉取间隔应在 1 秒到 24 小时之间 (between 1 second and 24 hours)").OverridePropertyName("Sync:PullInterval");
        RuleFor(o => o.WarnAfter).GreaterThan(TimeSpan.Zero).LessThan(o => o.LateAfter)
            .WithMessage("WarnAfter 应大于 0 且小于 LateAfter (must come before LateAfter)").OverridePropertyName("Sync:WarnAfter");
        RuleFor(o => o.LateAfter).LessThanOrEqualTo(TimeSpan.FromHours(24))
            .WithMessage("LateAfter 不得超过 24 小时 (Art. 28)").OverridePropertyName("Sync:LateAfter");
        RuleFor(o => o.BatchSize).InclusiveBetween(1, 5000).OverridePropertyName("Sync:BatchSize");
        RuleFor(o => o.Window).InclusiveBetween(1, 64).OverridePropertyName("Sync:Window");
        RuleFor(o => o.PushThreshold).GreaterThan(0).OverridePropertyName("Sync:PushThreshold");
        RuleFor(o => o.Credential)
            .Must(c => c.Length == 0 || c.Contains('.', StringComparison.Ordinal))
            .WithMessage("凭证格式应为 “代码.密钥”，即上级 child add 打印的内容 (the credential child add printed: code.secret)")
            .OverridePropertyName("Sync:Credential");
    }
}
