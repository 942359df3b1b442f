using ExchangeNode.Protocol.Identifiers;

namespace ExchangeNode.NodeAgent.Hosting;

/// <summary>Who this node is and where it listens: the "Node" section of node.json.</summary>
internal sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>GB/T 2260 division code of the node, e.g. 320321.</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>Name of the node, e.g. 丰县.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Province, City or County.</summary>
    public NodeLevel Level { get; set; } = NodeLevel.County;

    /// <summary>URL of the parent node's gRPC endpoint; empty at the top of the hierarchy.</summary>
    public string Parent { get; set; } = string.Empty;

    /// <summary>URL the agent's gRPC server listens on, e.g. http://127.0.0.1:5321.</summary>
    public string Listen { get; set; } = string.Empty;
}
