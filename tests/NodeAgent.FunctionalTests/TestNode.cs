using ExchangeNode.Tests.Support;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests;

/// <summary>A county node 320321 in a temp folder, created with the real init command.</summary>
internal sealed class TestNode : IDisposable
{
    private readonly TempDirectory _temp = new();

    private TestNode()
    {
        Data = _temp.File("data");
    }

    public string Data { get; }

    public string Listen { get; private set; } = string.Empty;

    public string Folder => _temp.Path;

    public static async Task<TestNode> CreateAsync(string code = "320321", string name = "丰县")
    {
        var node = new TestNode();
        node.Listen = $"http://127.0.0.1:{FreePort()}";
        var init = await ExchangeNodeProcess.RunAsync("init", "--code", code, "--name", name, "--data", node.Data, "--listen", node.Listen);
        Assert.True(init.ExitCode == 0, init.ToString());
        return node;
    }

    public Task<CliResult> RunAsync(params string[] args) => ExchangeNodeProcess.RunAsync([.. args, "--data", Data]);

    public string WriteFile(string name, string content)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => _temp.Dispose();

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
