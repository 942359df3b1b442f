using ExchangeNode.Protocol.Identifiers;
using FluentValidation;

namespace ExchangeNode.NodeAgent.Hosting;

/// <summary>Rules for node.json's "Node" section; a wrong value stops the agent at start, naming the key.</summary>
internal sealed class NodeOptionsValidator : AbstractValidator<NodeOptions>
{
    public NodeOptionsValidator()
    {
        RuleFor(o => o.Code)
            .Custom((code, context) =>
            {
                var problem = DivisionCode.CheckForLevel(code, context.InstanceToValidate.Level);
                if (problem is not null)
                {
                    context.AddFailure("Node:Code", problem);
                }
            });
        RuleFor(o => o.Name).NotEmpty().WithMessage("节点名称不能为空 (the node needs a name)").OverridePropertyName("Node:Name");
        RuleFor(o => o.Level).IsInEnum().OverridePropertyName("Node:Level");
        RuleFor(o => o.Parent)
            .Must(BeEmptyOrHttpUrl)
            .WithMessage("上级地址应为 http:// 或 https:// 开头的网址 (must be an http or https URL)")
            .OverridePropertyName("Node:Parent");
        RuleFor(o => o.Listen)
            .Must(BeEmptyOrHttpUrl)
            .WithMessage("监听地址应为 http:// 或 https:// 开头的网址，如 http://127.0.0.1:5321 (must be an http or https URL)")
            .OverridePropertyName("Node:Listen");
    }

    private static bool BeEmptyOrHttpUrl(string value) =>
        string.IsNullOrEmpty(value)
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}
