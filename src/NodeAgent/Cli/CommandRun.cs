using System.CommandLine;
using ExchangeNode.NodeAgent.Admin;
using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Sync;
using Grpc.Core;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary>Runs a command's body against the node, turning known failures into messages and exit codes.</summary>
internal static class CommandRun
{
    public static int WithSession(ParseResult parse, ISessionSource sessions, Func<NodeSession, TextWriter, int> body) =>
        // The body is synchronous, so the task has completed when it returns.
        WithSessionAsync(parse, sessions, (session, output) => Task.FromResult(body(session, output))).GetAwaiter().GetResult();

    public static async Task<int> WithSessionAsync(ParseResult parse, ISessionSource sessions, Func<NodeSession, TextWriter, Task<int>> body)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            using var session = sessions.Open(DataDirectory.Resolve(parse.GetValue(GlobalOptions.Data)));
            if (session.Ledger.ViewsProblem is { } viewsProblem)
            {
                await error.WriteLineAsync(viewsProblem);
            }

            return await body(session, parse.InvocationConfiguration.Output);
        }
        catch (NodeConfigException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.Usage;
        }
        catch (StoreBusyException ex)
        {
            await error.WriteLineAsync(
                $"{ex.Message} 数据文件被其他进程占用，且该进程的管理通道 ({AdminSocket.FileName}) 无应答；请检查 exchange-node 服务状态 (the store is held by a process that does not answer on its admin socket).");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is UsageException or NotSupportedException or ArgumentException or StoreFormatException or OwnEntriesMissingException)
        {
            // OwnEntriesMissingException: nothing is wrong with the input; the node must take its
            // own entries back first, then the same command succeeds.
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.Usage;
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            await error.WriteLineAsync($"文件编码与内容不符，请用 --encoding 指定 (the file's bytes do not decode; give --encoding utf-8 or gb18030): {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (RpcException ex)
        {
            await error.WriteLineAsync($"上级拒绝或无法连接 (the parent refused or cannot be reached): {ex.StatusCode}: {ex.Status.Detail}");
            return ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied ? ExitCodes.Usage : ExitCodes.Rejected;
        }
        catch (Exception ex) when (ex is PushRefusedException or ChainBrokenException or HttpRequestException)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.Rejected;
        }
    }

    /// <summary>Reads an enum option as a user types it (Chinese label or name); null when not given.</summary>
    /// <exception cref="UsageException">The text is not one of the values.</exception>
    public static TEnum? ParseOption<TEnum>(string? text, Func<TEnum, string> label, string option, string allowed)
        where TEnum : struct, Enum
    {
        if (text is null)
        {
            return null;
        }

        return Records.Labels.TryParse(text, label, out var value)
            ? value
            : throw new UsageException($"{option}: 无法识别 \"{text}\"，可用值 (allowed): {allowed}");
    }
}
