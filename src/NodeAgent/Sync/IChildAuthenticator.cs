using Grpc.Core;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>
/// Who is calling: the one place a child's identity is established (invariant 4: from the
/// transport, not from what a message claims). Mutual TLS will replace the bearer credential here.
/// </summary>
internal interface IChildAuthenticator
{
    /// <summary>The calling child.</summary>
    /// <exception cref="RpcException">Unauthenticated or PermissionDenied.</exception>
    ChildRecord Authenticate(ServerCallContext context);
}
