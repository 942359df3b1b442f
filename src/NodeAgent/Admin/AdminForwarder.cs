using System.Net.Sockets;
using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace ExchangeNode.NodeAgent.Admin;

/// <summary>
/// When the agent runs, the command line hands data commands to it over the admin socket, so
/// that only one process ever opens the store (LiteDB direct mode) and nothing stalls.
/// </summary>
internal static class AdminForwarder
{
    /// <summary>Runs the command in the agent; null when no agent answers on the data folder's socket.</summary>
    public static async Task<int?> TryRunAsync(
        string dataDirectory, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var socketPath = AdminSocket.PathIn(dataDirectory);
        if (!File.Exists(socketPath) || !Answers(socketPath))
        {
            return null;
        }

        using var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, token) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            },
            MaxSendMessageSize = null,
            MaxReceiveMessageSize = null,
        });
        var request = new RunCommandRequest { WorkingDirectory = Environment.CurrentDirectory };
        request.Args.AddRange(args);
        foreach (var path in args.Distinct().Where(File.Exists))
        {
            request.Files.Add(new AttachedFile { Path = path, Content = ByteString.CopyFrom(await File.ReadAllBytesAsync(path, cancellationToken)) });
        }

        var client = new NodeAdmin.NodeAdminClient(channel);
        using var call = client.RunCommand(request, cancellationToken: cancellationToken);
        var exitCode = 0;
        await foreach (var piece in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            switch (piece.KindCase)
            {
                case RunCommandOutput.KindOneofCase.Stdout:
                    await output.WriteAsync(piece.Stdout);
                    break;
                case RunCommandOutput.KindOneofCase.Stderr:
                    await error.WriteAsync(piece.Stderr);
                    break;
                case RunCommandOutput.KindOneofCase.ExitCode:
                    exitCode = piece.ExitCode;
                    break;
            }
        }

        return exitCode;
    }

    private static bool Answers(string socketPath)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            // A socket file left by an agent that did not stop cleanly.
            return false;
        }
    }
}
