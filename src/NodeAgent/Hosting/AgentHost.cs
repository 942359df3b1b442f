using System.Net;
using ExchangeNode.NodeAgent.Admin;
using ExchangeNode.NodeAgent.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExchangeNode.NodeAgent.Hosting;

/// <summary>The agent as a service: gRPC (health, admin) on Kestrel, Quartz, systemd or Windows service lifetime.</summary>
internal static class AgentHost
{
    public static async Task RunAsync(NodeSession session, CancellationToken cancellationToken)
    {
        var dataDirectory = session.Store.DataDirectory;
        var socketPath = AdminSocket.PathIn(dataDirectory);

        // We hold the store's lock, so a socket file here was left by an agent that died.
        File.Delete(socketPath);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, Args = [] });
        builder.Configuration.AddNodeConfig(dataDirectory);
        builder.Host.UseSystemd();
        builder.Host.UseWindowsService();
        builder.Services.AddNodeAgent(builder.Configuration, session);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(socketPath, o => o.Protocols = HttpProtocols.Http2);
            if (session.Node.Listen.Length > 0)
            {
                Listen(kestrel, new Uri(session.Node.Listen));
            }
        });

        await using var app = builder.Build();
        app.MapGrpcService<NodeAdminService>();
        app.MapGrpcService<ExchangeService>();
        app.MapGrpcHealthChecksService();
        var logger = app.Services.GetRequiredService<ILogger<NodeSession>>();
        session.Parent.Logger = app.Services.GetRequiredService<ILogger<ParentSync>>();
        session.Freshness.Logger = app.Services.GetRequiredService<ILogger<FreshnessMonitor>>();
        app.Lifetime.ApplicationStarted.Register(() => AgentLog.Started(
            logger, session.Node.Code, session.Node.Name, session.Node.Level.ToString(), session.Node.Listen, socketPath, session.Ledger.Count));
        app.Lifetime.ApplicationStopping.Register(() => AgentLog.Stopping(logger, session.Node.Code));
        await TakeBackOwnEntriesAsync(session, logger, cancellationToken);
        try
        {
            await app.RunAsync(cancellationToken);
        }
        finally
        {
            File.Delete(socketPath);
        }
    }

    /// <summary>
    /// Before the schedules append anything, a child that woke up behind its parent (a power
    /// loss took entries it had already pushed) takes them back, so it never numbers new
    /// entries over them. An unreachable parent is no reason not to start: the first push
    /// does the same check, and until then <see cref="ParentAck"/> refuses local appends
    /// (an adapter job fails with the reason and runs again at its next fire).
    /// </summary>
    private static async Task TakeBackOwnEntriesAsync(NodeSession session, ILogger logger, CancellationToken cancellationToken)
    {
        if (session.Node.Parent.Length == 0 || session.Sync.Credential.Length == 0)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await session.Parent.RestoreAsync(timeout.Token);
        }
        catch (Exception ex) when (Sync.ParentSync.IsUnreachable(ex) || ex is OperationCanceledException)
        {
            AgentLog.StartCheckSkipped(logger, ex.Message);
        }
    }

    private static void Listen(KestrelServerOptions kestrel, Uri uri)
    {
        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new NodeConfigException($"Node:Listen: {uri} — TLS comes with the mutual-TLS issue; use http:// on a trusted network for now.");
        }

        void Http2(ListenOptions o) => o.Protocols = HttpProtocols.Http2;
        if (uri.IsLoopback && uri.Host == "localhost")
        {
            kestrel.ListenLocalhost(uri.Port, Http2);
        }
        else if (IPAddress.TryParse(uri.Host, out var address))
        {
            kestrel.Listen(address, uri.Port, Http2);
        }
        else
        {
            kestrel.ListenAnyIP(uri.Port, Http2);
        }
    }
}
