using ExchangeNode.NodeAgent.Hosting;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>Identifies a child by the bearer credential that child add issued.</summary>
internal sealed class CredentialAuthenticator(NodeSession session, ILogger<CredentialAuthenticator> logger) : IChildAuthenticator
{
    private const string Scheme = "Bearer ";

    public ChildRecord Authenticate(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        var peer = context.Peer;
        if (header is null || !header.StartsWith(Scheme, StringComparison.Ordinal))
        {
            SyncLog.Unauthenticated(logger, peer, "no credential");
            throw new RpcException(new Status(StatusCode.Unauthenticated, "No credential: set Sync:Credential to what `exchange-node child add` printed at the parent."));
        }

        var (child, known) = session.Children.Authenticate(header[Scheme.Length..].Trim());
        if (child is not null)
        {
            return child;
        }

        if (!known)
        {
            SyncLog.Unauthenticated(logger, peer, "unknown credential");
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Unknown credential: this parent has not registered the child it names."));
        }

        SyncLog.PermissionDenied(logger, peer, "wrong secret or removed child");
        throw new RpcException(new Status(StatusCode.PermissionDenied, "Credential refused: wrong secret, or the child was removed at the parent."));
    }
}
