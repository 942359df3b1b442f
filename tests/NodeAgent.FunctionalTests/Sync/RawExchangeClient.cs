using ExchangeNode.Protocol.V1;
using ExchangeNode.Tests.Support;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using LiteDB;

namespace ExchangeNode.NodeAgent.FunctionalTests.Sync;

/// <summary>A hand-driven exchange client, to send what a well-behaved child never would.</summary>
internal sealed class RawExchangeClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Metadata _headers;

    public RawExchangeClient(TestNode parent, string credential)
    {
        _channel = GrpcChannel.ForAddress(parent.Listen);
        _headers = new Metadata { { "authorization", "Bearer " + credential } };
        Client = new Exchange.ExchangeClient(_channel);
    }

    public Exchange.ExchangeClient Client { get; }

    public Metadata Headers => _headers;

    public static string CredentialOf(TestNode node) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(node.Data, "node.json")))
            .RootElement.GetProperty("Sync").GetProperty("Credential").GetString()!;

    /// <summary>The entries of a node's ledger, read from its file (the node's agent must not be running).</summary>
    public static List<LedgerEntry> EntriesOf(TestNode node)
    {
        using var db = new LiteDatabase($"Filename={Path.Combine(node.Data, "node.db")};ReadOnly=true");
        return LedgerFile.Entries(db);
    }

    public async Task<PushAck> PushAsync(params LedgerEntry[] entries)
    {
        using var call = Client.Push(_headers);
        var batch = new PushBatch { BatchId = 1 };
        batch.Entries.AddRange(entries);
        await call.RequestStream.WriteAsync(batch);
        await call.RequestStream.CompleteAsync();
        PushAck? ack = null;
        await foreach (var received in call.ResponseStream.ReadAllAsync())
        {
            ack = received;
        }

        return ack ?? throw new InvalidOperationException("no acknowledgement");
    }

    public void Dispose() => _channel.Dispose();
}
