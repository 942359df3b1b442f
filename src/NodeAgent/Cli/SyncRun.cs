using System.CommandLine;
using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Sync;
using Grpc.Core;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary>Runs an exchange command against the parent, turning network and chain failures into messages.</summary>
internal static class SyncRun
{
    public static async Task<int> WithParentAsync(ParseResult parse, ISessionSource sessions, Func<NodeSession, TextWriter, Task<int>> body)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            using var session = sessions.Open(DataDirectory.Resolve(parse.GetValue(GlobalOptions.Data)));
            return await body(session, parse.InvocationConfiguration.Output);
        }
        catch (NodeConfigException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.Usage;
        }
        catch (StoreBusyException ex)
        {
            await error.WriteLineAsync(ex.Message);
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
}
