using System.CommandLine;
using ExchangeNode.Adapters;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node adapter run NAME</c>: runs one adapter now, from its last committed position.</summary>
internal sealed class AdapterRunCommand : Command
{
    private readonly Argument<string> _name = new("NAME") { Description = "The adapter's name (see adapter list)" };
    private readonly Option<bool> _json = GlobalOptions.Json();

    public AdapterRunCommand(ISessionSource sessions)
        : base("run", "Run one adapter now, from its last committed position, until its source has nothing more")
    {
        Arguments.Add(_name);
        Options.Add(_json);
        SetAction((parse, cancellationToken) => CommandRun.WithSessionAsync(parse, sessions, async (session, output) =>
        {
            var name = parse.GetValue(_name)!;
            try
            {
                var run = await session.Adapters.RunAsync(name, cancellationToken);
                if (parse.GetValue(_json))
                {
                    JsonOutput.Write(output, new { name, accepted = run.Accepted, unchanged = run.Unchanged, rejected = run.Rejected, position = run.Position });
                }
                else
                {
                    output.WriteLine($"{name}: 接收 accepted {run.Accepted}, 未变 unchanged {run.Unchanged}, 拒绝 rejected {run.Rejected}; position {run.Position}");
                }

                return run.Rejected > 0 ? ExitCodes.Rejected : ExitCodes.Done;
            }
            catch (Exception ex) when (ex is AdapterConfigurationException or ArgumentException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{name}: {ex.Message}");
                return ExitCodes.Usage;
            }
            catch (Exception ex) when (ex is IOException or System.Data.Common.DbException or HttpRequestException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{name}: 来源无法读取，已提交的进度不变 (the source failed; committed progress stands): {ex.Message}");
                return ExitCodes.Rejected;
            }
        }));
    }
}
