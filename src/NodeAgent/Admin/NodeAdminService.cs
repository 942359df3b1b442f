using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.Protocol.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ExchangeNode.NodeAgent.Admin;

/// <summary>
/// The admin channel: runs exchange-node data commands in the agent. Answers only on the local
/// Unix socket, whose file permissions are the data folder's.
/// </summary>
internal sealed class NodeAdminService(AdminCommandRunner runner, ILogger<NodeAdminService> logger) : NodeAdmin.NodeAdminBase
{
    private const int ChunkSize = 32 * 1024;

    public override async Task RunCommand(RunCommandRequest request, IServerStreamWriter<RunCommandOutput> responseStream, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (http.Connection.LocalIpAddress is not null)
        {
            AgentLog.AdminRefused(logger, http.Connection.RemoteIpAddress?.ToString() ?? "?");
            throw new RpcException(new Status(StatusCode.PermissionDenied, "The admin service answers only on the agent's local socket."));
        }

        var scratch = Directory.CreateTempSubdirectory("exchange-node-admin-");
        try
        {
            var args = request.Args.ToList();
            foreach (var file in request.Files)
            {
                // Keep the file name: rejection messages name the file the user gave.
                var folder = Directory.CreateDirectory(Path.Combine(scratch.FullName, args.IndexOf(file.Path).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                var local = Path.Combine(folder.FullName, Path.GetFileName(file.Path));
                await File.WriteAllBytesAsync(local, file.Content.Memory, context.CancellationToken);
                for (var i = 0; i < args.Count; i++)
                {
                    if (args[i] == file.Path)
                    {
                        args[i] = local;
                    }
                }
            }

            var (exitCode, output, error) = await runner.RunAsync(args, context.CancellationToken);
            AgentLog.AdminCommand(logger, string.Join(' ', request.Args), exitCode);
            await WriteChunks(output, text => new RunCommandOutput { Stdout = text }, responseStream, context.CancellationToken);
            await WriteChunks(error, text => new RunCommandOutput { Stderr = text }, responseStream, context.CancellationToken);
            await responseStream.WriteAsync(new RunCommandOutput { ExitCode = exitCode }, context.CancellationToken);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static async Task WriteChunks(
        string text, Func<string, RunCommandOutput> wrap, IServerStreamWriter<RunCommandOutput> stream, CancellationToken cancellationToken)
    {
        for (var start = 0; start < text.Length; start += ChunkSize)
        {
            await stream.WriteAsync(wrap(text.Substring(start, Math.Min(ChunkSize, text.Length - start))), cancellationToken);
        }
    }
}
