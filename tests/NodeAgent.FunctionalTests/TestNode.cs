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

    public string Code { get; private set; } = string.Empty;

    public static async Task<TestNode> CreateAsync(string code = "320321", string name = "丰县", TestNode? parent = null)
    {
        var node = new TestNode { Code = code };
        node.Listen = $"http://127.0.0.1:{FreePort()}";
        string[] args = ["init", "--code", code, "--name", name, "--data", node.Data, "--listen", node.Listen];
        var init = await ExchangeNodeProcess.RunAsync(parent is null ? args : [.. args, "--parent", parent.Listen]);
        Assert.True(init.ExitCode == 0, init.ToString());
        if (parent is not null)
        {
            var add = await parent.RunAsync("child", "add", "--code", code, "--name", name, "--json");
            Assert.True(add.ExitCode == 0, add.ToString());
            var credential = System.Text.Json.JsonDocument.Parse(add.Output).RootElement.GetProperty("credential").GetString()!;
            node.Configure(sync => sync["Credential"] = credential);
        }

        return node;
    }

    /// <summary>Edits the "Sync" section of node.json, as an operator would.</summary>
    public void Configure(Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        var path = Path.Combine(Data, "node.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json["Sync"]!.AsObject());
        File.WriteAllText(path, json.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
    }

    /// <summary>Starts this node's agent and waits until it serves.</summary>
    public async Task<RunningProcess> StartAgentAsync()
    {
        var agent = ExchangeNodeProcess.Start(["run", "--data", Data]);
        var started = await Eventually.TrueAsync(
            () => agent.HasExited || agent.Output.Contains("Application started", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));
        Assert.True(started && !agent.HasExited, $"agent {Code} did not start:{Environment.NewLine}{agent.Output}{Environment.NewLine}{agent.Error}");
        return agent;
    }

    /// <summary>The ledger's chains as `ledger verify --json` reports them: origin → (entries, head).</summary>
    public async Task<Dictionary<string, (long Entries, string Head)>> ChainsAsync()
    {
        var verify = await RunAsync("ledger", "verify", "--json");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        return System.Text.Json.JsonDocument.Parse(verify.Output).RootElement.GetProperty("chains").EnumerateArray()
            .ToDictionary(
                c => c.GetProperty("origin").GetString()!,
                c => (c.GetProperty("entries").GetInt64(), c.GetProperty("head").GetString()!));
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
