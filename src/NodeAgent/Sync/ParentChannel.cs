using ExchangeNode.NodeAgent.Hosting;
using Grpc.Core;
using Grpc.Net.Client;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>The connection to this node's parent: its address and the credential it issued.</summary>
internal static class ParentChannel
{
    /// <exception cref="NodeConfigException">No parent or no credential configured.</exception>
    public static (GrpcChannel Channel, Metadata Headers) Open(NodeSession session)
    {
        if (session.Node.Parent.Length == 0)
        {
            throw new NodeConfigException("Node:Parent 未设置：本节点没有上级 (no parent configured; set Node:Parent in node.json)");
        }

        if (session.Sync.Credential.Length == 0)
        {
            throw new NodeConfigException(
                "Sync:Credential 未设置：请在 node.json 或环境变量 EXCHANGENODE_Sync__Credential 中填入上级 child add 打印的凭证 (no credential configured)");
        }

        var channel = GrpcChannel.ForAddress(session.Node.Parent, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = 64 * 1024 * 1024,
        });
        return (channel, new Metadata { { "authorization", "Bearer " + session.Sync.Credential } });
    }
}
