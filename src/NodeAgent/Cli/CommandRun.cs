using System.CommandLine;
using ExchangeNode.NodeAgent.Admin;
using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Ledger;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary>Runs a command's body against the node, turning known failures into messages and exit codes.</summary>
internal static class CommandRun
{
    public static int WithSession(
        ParseResult parse,
        ISessionSource sessions,
        Func<NodeSession, TextWriter, int> body)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            using var session = sessions.Open(DataDirectory.Resolve(parse.GetValue(GlobalOptions.Data)));
            return body(session, output);
        }
        catch (NodeConfigException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.Usage;
        }
        catch (StoreBusyException ex)
        {
            error.WriteLine(
                $"{ex.Message} 数据文件被其他进程占用，且该进程的管理通道 ({AdminSocket.FileName}) 无应答；请检查 exchange-node 服务状态 (the store is held by a process that does not answer on its admin socket).");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is UsageException or NotSupportedException or ArgumentException)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.Usage;
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            error.WriteLine($"文件编码与内容不符，请用 --encoding 指定 (the file's bytes do not decode; give --encoding utf-8 or gb18030): {ex.Message}");
            return ExitCodes.Usage;
        }
    }
}
