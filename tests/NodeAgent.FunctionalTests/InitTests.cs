using ExchangeNode.Tests.Support;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests;

public sealed class InitTests
{
    [Fact]
    public async Task Init_WithCountyCode_WritesEditableConfigAndEmptyLedger()
    {
        using var temp = new TempDirectory();
        var data = temp.File("fengxian");

        var result = await ExchangeNodeProcess.RunAsync("init", "--code", "320321", "--name", "丰县", "--level", "county", "--data", data);

        Assert.True(result.ExitCode == 0, result.ToString());
        var config = await File.ReadAllTextAsync(Path.Combine(data, "node.json"));
        Assert.Contains("\"Code\": \"320321\"", config, StringComparison.Ordinal);
        Assert.Contains("丰县", config, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "node.db")));
        var verify = await ExchangeNodeProcess.RunAsync("ledger", "verify", "--data", data);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("0 entries", verify.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("320300", "county")]
    [InlineData("320321", "city")]
    [InlineData("3203", "county")]
    [InlineData("990321", "county")]
    public async Task Init_WithCodeNotOfItsLevel_RefusesWithUsageError(string code, string level)
    {
        using var temp = new TempDirectory();
        var data = temp.File("node");

        var result = await ExchangeNodeProcess.RunAsync("init", "--code", code, "--name", "测试", "--level", level, "--data", data);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--code", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "node.json")));
    }

    [Fact]
    public async Task Init_WhereANodeExists_RefusesToOverwrite()
    {
        using var temp = new TempDirectory();
        var data = temp.File("node");
        await ExchangeNodeProcess.RunAsync("init", "--code", "320321", "--name", "丰县", "--data", data);
        var before = await File.ReadAllTextAsync(Path.Combine(data, "node.json"));

        var again = await ExchangeNodeProcess.RunAsync("init", "--code", "320322", "--name", "沛县", "--data", data);

        Assert.Equal(2, again.ExitCode);
        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(data, "node.json")));
    }

    [Fact]
    public async Task DataCommand_WithoutNode_SaysToRunInit()
    {
        using var temp = new TempDirectory();

        var result = await ExchangeNodeProcess.RunAsync("power", "list", "--data", temp.File("nothing"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("init", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_IsAUsageError_AndHelpWorks()
    {
        var unknown = await ExchangeNodeProcess.RunAsync("powr", "list");
        var help = await ExchangeNodeProcess.RunAsync("power", "import", "--help");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--encoding", help.Output, StringComparison.Ordinal);
    }
}
