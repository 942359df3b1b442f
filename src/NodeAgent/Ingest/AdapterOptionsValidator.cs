using FluentValidation;

namespace ExchangeNode.NodeAgent.Ingest;

/// <summary>Rules for one entry of node.json's "Adapters" list; the key names its position.</summary>
internal sealed class AdapterOptionsValidator : AbstractValidator<AdapterOptions>
{
    public AdapterOptionsValidator(int index, IReadOnlyList<AdapterOptions> all)
    {
        var key = $"Adapters:{index}";
        RuleFor(o => o.Name).NotEmpty().Matches("^[A-Za-z0-9_.-]+$")
            .WithMessage("适配器名称只能含字母、数字、- _ . (a name of letters, digits, - _ .)").OverridePropertyName($"{key}:Name");
        RuleFor(o => o.Name).Must(n => all.Count(a => a.Name == n) == 1)
            .WithMessage("适配器名称重复 (names must be unique)").OverridePropertyName($"{key}:Name");
        RuleFor(o => o.Kind).NotEmpty().WithMessage("缺少 Kind：drop-folder、database、http-json 或插件的 Kind (kind missing)").OverridePropertyName($"{key}:Kind");
        RuleFor(o => o.Target).Must(t => t is "case" or "power")
            .WithMessage("Target 应为 case 或 power").OverridePropertyName($"{key}:Target");
        RuleFor(o => o).Must(o => o.Interval is not null || !string.IsNullOrWhiteSpace(o.Cron))
            .WithMessage("需要 Interval（如 00:05:00）或 Cron (a schedule is required)").OverridePropertyName($"{key}:Interval");
        RuleFor(o => o.Cron).Must(c => string.IsNullOrWhiteSpace(c) || Quartz.CronExpression.TryParse(c, out _))
            .WithMessage("不是有效的 Quartz cron 表达式 (not a valid Quartz cron expression)").OverridePropertyName($"{key}:Cron");
        RuleFor(o => o.Mapping).NotEmpty().WithMessage("需要字段映射 Mapping (canonical field → source field)").OverridePropertyName($"{key}:Mapping");
    }
}
