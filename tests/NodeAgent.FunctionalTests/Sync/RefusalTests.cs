using System.Text.Json;
using ExchangeNode.Protocol.V1;
using ExchangeNode.Tests.Support;
using Google.Protobuf;
using Grpc.Core;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests.Sync;

/// <summary>What a parent refuses (invariants 3 and 4), and what it opens to each child and no other.</summary>
public sealed class RefusalTests
{
    [Fact]
    public async Task Push_OfAnotherCountysEntry_AlteredEntry_OrGap_IsRefusedWhole_AndAlerted()
    {
        using var city = await TestNode.CreateAsync("320300", "徐州市");
        using var fengxian = await TestNode.CreateAsync("320321", "丰县", city);
        using var peixian = await TestNode.CreateAsync("320322", "沛县", city);
        await fengxian.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"));
        await peixian.RunAsync("power", "import", ExchangeTests.SyntheticPowers(peixian, "320322", 5));
        var a = RawExchangeClient.EntriesOf(fengxian);
        var b = RawExchangeClient.EntriesOf(peixian);
        using var cityAgent = await city.StartAgentAsync();
        using var client = new RawExchangeClient(city, RawExchangeClient.CredentialOf(fengxian));

        var outside = await Assert.ThrowsAsync<RpcException>(() => client.PushAsync(a[0], a[1], b[0]));
        var altered = a[1].Clone();
        var bytes = altered.Body.ToByteArray();
        bytes[^2] ^= 0x20;
        altered.Body = ByteString.CopyFrom(bytes);
        var alteredAck = await client.PushAsync(a[0], altered, a[2]);
        var gapAck = await client.PushAsync(a[0], a[2]);

        Assert.Equal(StatusCode.PermissionDenied, outside.StatusCode);
        Assert.Contains("320322", outside.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("altered", alteredAck.Refused, StringComparison.Ordinal);
        Assert.Equal(0, alteredAck.Applied);
        Assert.Contains("gap", gapAck.Refused, StringComparison.Ordinal);
        var chains = await city.ChainsAsync();
        Assert.False(chains.ContainsKey("320321"), "nothing of a refused batch is applied");
        Assert.Equal(2, chains["320300"].Entries);
        var alerts = JsonDocument.Parse((await city.RunAsync("ledger", "list", "--kind", "alert", "--json")).Output).RootElement;
        Assert.Equal(2, alerts.GetArrayLength());
        Assert.All(alerts.EnumerateArray(), a =>
        {
            Assert.Equal("chain.refused", a.GetProperty("record").GetProperty("alert").GetProperty("kind").GetString());
            Assert.Equal("ALERT_LEVEL_RED", a.GetProperty("record").GetProperty("alert").GetProperty("level").GetString());
            Assert.Equal("320321", a.GetProperty("record").GetProperty("alert").GetProperty("subject").GetString());
        });
        var log = cityAgent.Output;
        Assert.Contains("refused", log, StringComparison.Ordinal);

        var honest = await fengxian.RunAsync("sync", "push", "--json");
        Assert.True(honest.ExitCode == 0, honest.ToString());
        Assert.Equal((await fengxian.ChainsAsync())["320321"], (await city.ChainsAsync())["320321"]);
    }

    [Fact]
    public async Task Handshake_WithUnknownOrWrongCredential_IsRefused()
    {
        using var city = await TestNode.CreateAsync("320300", "徐州市");
        using var fengxian = await TestNode.CreateAsync("320321", "丰县", city);
        using var cityAgent = await city.StartAgentAsync();
        using var unknown = new RawExchangeClient(city, "320399.0123456789abcdef");
        using var wrong = new RawExchangeClient(city, "320321.0123456789abcdef");
        using var none = new RawExchangeClient(city, string.Empty);

        var unknownError = await Assert.ThrowsAsync<RpcException>(() => unknown.Client.HandshakeAsync(new HandshakeRequest(), unknown.Headers).ResponseAsync);
        var wrongError = await Assert.ThrowsAsync<RpcException>(() => wrong.Client.HandshakeAsync(new HandshakeRequest(), wrong.Headers).ResponseAsync);
        var noneError = await Assert.ThrowsAsync<RpcException>(() => none.Client.HandshakeAsync(new HandshakeRequest(), none.Headers).ResponseAsync);
        var removed = await city.RunAsync("child", "remove", "320321");
        var afterRemoval = await fengxian.RunAsync("sync", "push");

        Assert.Equal(StatusCode.Unauthenticated, unknownError.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, wrongError.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, noneError.StatusCode);
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(2, afterRemoval.ExitCode);
        Assert.Contains("PermissionDenied", afterRemoval.Error, StringComparison.Ordinal);
        Assert.Contains("refused", cityAgent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_ByACounty_GetsWhatConcernsIt_AndNothingOfTheOtherCounty()
    {
        using var city = await TestNode.CreateAsync("320300", "徐州市");
        using var fengxian = await TestNode.CreateAsync("320321", "丰县", city);
        using var peixian = await TestNode.CreateAsync("320322", "沛县", city);
        var cityItems = city.WriteFile("city-powers.csv",
            "权力编码,权力名称,权力类别,实施主体,行政区划代码,法定期限,承诺期限,状态,版本,审核确认机关,审核确认日期,审核确认文号\n" +
            "320300-QT-0321,市级下放丰县事项,其他行政权力,徐州市人民政府办公室,320321,20,10,在用,1,徐州市机构编制委员会办公室,2026-10-01,徐编办〔2026〕8号\n" +
            "320300-QT-0322,市级下放沛县事项,其他行政权力,徐州市人民政府办公室,320322,20,10,在用,1,徐州市机构编制委员会办公室,2026-10-01,徐编办〔2026〕9号\n" +
            "320300-QT-0300,市本级事项,其他行政权力,徐州市人民政府办公室,320300,20,10,在用,1,徐州市机构编制委员会办公室,2026-10-01,徐编办〔2026〕10号\n");
        Assert.Equal(0, (await city.RunAsync("power", "import", cityItems)).ExitCode);
        await peixian.RunAsync("power", "import", ExchangeTests.SyntheticPowers(peixian, "320322", 5));
        using var cityAgent = await city.StartAgentAsync();
        Assert.Equal(0, (await peixian.RunAsync("sync", "push")).ExitCode);

        var pulled = await fengxian.RunAsync("sync", "pull", "--json");
        var again = await fengxian.RunAsync("sync", "pull", "--json");

        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        Assert.Equal(1, JsonDocument.Parse(pulled.Output).RootElement.GetProperty("applied").GetInt64());
        Assert.Equal(0, JsonDocument.Parse(again.Output).RootElement.GetProperty("applied").GetInt64());
        var list = (await fengxian.RunAsync("power", "list")).Output;
        Assert.Contains("320300-QT-0321", list, StringComparison.Ordinal);
        Assert.DoesNotContain("320300-QT-0322", list, StringComparison.Ordinal);
        Assert.DoesNotContain("320322", list, StringComparison.Ordinal);
        var chains = await fengxian.ChainsAsync();
        Assert.Equal("320300", Assert.Single(chains.Keys));
        var push = await fengxian.RunAsync("sync", "push", "--json");
        Assert.True(push.ExitCode == 0, "opened data is not pushed back up: " + push);
        Assert.Equal(0, JsonDocument.Parse(push.Output).RootElement.GetProperty("sent").GetInt64());
    }
}
