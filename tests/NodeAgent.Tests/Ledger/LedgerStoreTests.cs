using System.Security.Cryptography;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Tests.Validation;
using ExchangeNode.Protocol.V1;
using Xunit;
using Record = ExchangeNode.Protocol.V1.Record;

namespace ExchangeNode.NodeAgent.Tests.Ledger;

public sealed class LedgerStoreTests : IDisposable
{
    private readonly TestNode _node = TestNode.County();

    public void Dispose() => _node.Dispose();

    [Fact]
    public void Open_StoreWrittenOneDocumentPerEntry_SaysToCreateTheNodeAgain()
    {
        _node.Close();
        using (var database = new LiteDB.LiteDatabase(_node.DatabasePath))
        {
            database.GetCollection("ledger").Insert(new LiteDB.BsonDocument
            {
                ["_id"] = 1L, ["o"] = TestNode.CountyCode, ["s"] = 1L, ["b"] = new byte[8], ["p"] = new byte[32], ["h"] = new byte[32],
            });
        }

        var refused = Assert.Throws<StoreFormatException>(_node.Reopen);

        Assert.Contains("init", refused.Message, StringComparison.Ordinal);
        Assert.Contains("one document per entry", refused.Message, StringComparison.Ordinal);
    }

    internal static Power PowerNumber(int n)
    {
        var power = ValidRecords.Power();
        power.Code = $"320321-XK-{n:D3}";
        power.Name = $"{power.Name}{n}";
        return power;
    }

    private void Append(params Power[] powers)
    {
        using var transaction = _node.Session.Ledger.Begin();
        foreach (var power in powers)
        {
            transaction.AppendLocal(new Record { Power = power }, power.DivisionCode);
        }

        transaction.Commit();
    }

    private static byte[] Sha256(byte[] previous, byte[] body) => SHA256.HashData([.. previous, .. body]);

    public static TheoryData<string> Records() => ["power", "accepted", "decision", "alert", "empty"];

    [Theory]
    [MemberData(nameof(Records))]
    public void BodyBytes_OfARecordEncodedBeforehand_AreTheBytesOfTheWholeBodyEncodedAtOnce(string kind)
    {
        var record = kind switch
        {
            "power" => new Record { Power = PowerNumber(7) },
            "accepted" => new Record { CaseEvent = ValidRecords.Accepted() },
            "decision" => new Record { CaseEvent = ValidRecords.Event(CaseEventKind.Decision) },
            "alert" => new Record { Alert = new Alert { Kind = "overdue", Level = AlertLevel.Yellow, Subject = "320321-0001", Detail = "办件超期 3 个工作日" } },
            _ => new Record(),
        };
        var envelope = new EntryBody
        {
            Origin = TestNode.CountyCode,
            OriginSequence = 300_000_000_000,
            RecordedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 11, 28, 22, 30, 0, 123, DateTimeKind.Utc)),
            Jurisdiction = "320321",
        };
        var whole = envelope.Clone();
        whole.Record = record;

        var bytes = LedgerStore.BodyBytes(envelope, EncodedRecord.Of(record).Bytes);

        // A power item or a case event encoded on its own gives its record's bytes.
        if (record.KindCase is Record.KindOneofCase.Power or Record.KindOneofCase.CaseEvent)
        {
            var alone = EncodedRecord.Of(record.KindCase == Record.KindOneofCase.Power ? record.Power : record.CaseEvent);
            Assert.Equal(Google.Protobuf.MessageExtensions.ToByteArray(record), alone.Bytes);
            Assert.Equal(record, alone.Record);
        }

        // The record must stay the body's last field for its bytes to follow the envelope's.
        Assert.Equal(EntryBody.RecordFieldNumber, EntryBody.Descriptor.Fields.InFieldNumberOrder()[^1].FieldNumber);
        Assert.Equal(Google.Protobuf.MessageExtensions.ToByteArray(whole), bytes);
        Assert.Equal(whole, EntryBody.Parser.ParseFrom(bytes));
    }

    [Theory]
    [InlineData("empty case event")]
    [InlineData("empty power")]
    [InlineData("case event with a field this node does not know")]
    public void EncodedRecord_OfAnEmptyMessageOrOneWithUnknownFields_IsTheBytesOfItsRecord(string kind)
    {
        // An entry written by a newer node may carry fields this one does not know: they are kept,
        // and hashed, as ToByteArray writes them.
        var withUnknown = new MemoryStream();
        var output = new Google.Protobuf.CodedOutputStream(withUnknown);
        ValidRecords.Accepted().WriteTo(output);
        output.WriteTag(999, Google.Protobuf.WireFormat.WireType.LengthDelimited);
        output.WriteString("新字段");
        output.Flush();
        Google.Protobuf.IMessage message = kind switch
        {
            "empty case event" => new CaseEvent(),
            "empty power" => new Power(),
            _ => CaseEvent.Parser.ParseFrom(withUnknown.ToArray()),
        };
        var record = message is Power power ? new Record { Power = power } : new Record { CaseEvent = (CaseEvent)message };

        var encoded = EncodedRecord.Of(message);

        Assert.Equal(Google.Protobuf.MessageExtensions.ToByteArray(record), encoded.Bytes);
        var back = Record.Parser.ParseFrom(encoded.Bytes);
        Assert.Equal(record, back);
        Assert.Equal(kind.Contains("not know", StringComparison.Ordinal), back.CaseEvent?.CalculateSize() > ValidRecords.Accepted().CalculateSize());
    }

    [Fact]
    public void Append_ThreeRecords_NumbersThemOneToThreeUnderTheNodeCode()
    {
        Append(PowerNumber(1), PowerNumber(2), PowerNumber(3));

        var entries = _node.Session.Ledger.ReadFrom().ToList();

        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.LocalSequence));
        Assert.All(entries, e => Assert.Equal(TestNode.CountyCode, e.Body.Origin));
        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.Body.OriginSequence));
        Assert.Equal(["320321-XK-001", "320321-XK-002", "320321-XK-003"], entries.Select(e => e.Body.Record.Power.Code));
        Assert.All(entries, e => Assert.Equal("320321", e.Body.Jurisdiction));
        Assert.All(entries, e => Assert.Equal(_node.Time.GetUtcNow(), e.Body.RecordedAt.ToDateTimeOffset()));
        Assert.Equal(3, _node.Session.Ledger.Count);
    }

    [Fact]
    public void Append_ThreeRecords_ChainsEachHashToTheOneBefore()
    {
        Append(PowerNumber(1), PowerNumber(2), PowerNumber(3));

        var entries = _node.Session.Ledger.ReadFrom().ToList();

        Assert.Equal(new byte[32], entries[0].Entry.PreviousHash.ToByteArray());
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i].Entry;
            if (i > 0)
            {
                Assert.Equal(entries[i - 1].Entry.Hash, entry.PreviousHash);
            }

            Assert.Equal(Sha256(entry.PreviousHash.ToByteArray(), entry.Body.ToByteArray()), entry.Hash.ToByteArray());
        }

        var head = _node.Session.Ledger.HeadOf(TestNode.CountyCode);
        Assert.NotNull(head);
        Assert.Equal(3, head.Sequence);
        Assert.Equal(entries[2].Entry.Hash.ToByteArray(), head.Hash);
    }

    [Fact]
    public void Append_InTwoTransactions_ContinuesTheSameChain()
    {
        Append(PowerNumber(1));
        Append(PowerNumber(2));

        var entries = _node.Session.Ledger.ReadFrom().ToList();

        Assert.Equal([1L, 2L], entries.Select(e => e.Body.OriginSequence));
        Assert.Equal(entries[0].Entry.Hash, entries[1].Entry.PreviousHash);
    }

    [Fact]
    public void Transaction_DisposedWithoutCommit_LeavesNoEntryNoViewAndTheHeadAsItWas()
    {
        Append(PowerNumber(1));
        var headBefore = _node.Session.Ledger.HeadOf(TestNode.CountyCode)!;

        using (var transaction = _node.Session.Ledger.Begin())
        {
            transaction.AppendLocal(new Record { Power = PowerNumber(2) }, "320321");
            transaction.AppendLocal(new Record { Power = PowerNumber(3) }, "320321");
            Assert.Equal(2, transaction.Appended);
        }

        Assert.Equal(1, _node.Session.Ledger.Count);
        Assert.Single(_node.Session.Ledger.ReadFrom());
        Assert.Null(_node.Session.Powers.Current("320321-XK-002"));
        Assert.Null(_node.Session.Powers.Current("320321-XK-003"));
        Assert.Empty(_node.Session.Powers.History("320321-XK-002"));
        Assert.Equal(headBefore, _node.Session.Ledger.HeadOf(TestNode.CountyCode));
        Assert.True(_node.Verify().Intact);
    }

    [Fact]
    public void Transaction_DisposedWithoutCommit_TheNextAppendTakesTheNextSequence()
    {
        Append(PowerNumber(1));
        using (var transaction = _node.Session.Ledger.Begin())
        {
            transaction.AppendLocal(new Record { Power = PowerNumber(2) }, "320321");
        }

        Append(PowerNumber(3));

        var entries = _node.Session.Ledger.ReadFrom().ToList();
        Assert.Equal([1L, 2L], entries.Select(e => e.LocalSequence));
        Assert.Equal([1L, 2L], entries.Select(e => e.Body.OriginSequence));
        Assert.Equal("320321-XK-003", entries[1].Body.Record.Power.Code);
        Assert.Equal(entries[0].Entry.Hash, entries[1].Entry.PreviousHash);
        Assert.NotNull(_node.Session.Powers.Current("320321-XK-003"));
        Assert.True(_node.Verify().Intact);
    }

    [Fact]
    public void Transaction_DisposedWithoutCommit_SurvivesAReopenAsNothing()
    {
        Append(PowerNumber(1));
        using (var transaction = _node.Session.Ledger.Begin())
        {
            transaction.AppendLocal(new Record { Power = PowerNumber(2) }, "320321");
        }

        _node.Reopen();

        Assert.Equal(1, _node.Session.Ledger.Count);
        Assert.Null(_node.Session.Powers.Current("320321-XK-002"));
    }

    [Fact]
    public void Reopen_AfterThreeEntries_NumbersTheNextFour()
    {
        Append(PowerNumber(1), PowerNumber(2), PowerNumber(3));
        var lastHash = _node.Session.Ledger.Read(3)!.Entry.Hash;

        _node.Reopen();
        Append(PowerNumber(4));

        var fourth = _node.Session.Ledger.Read(4);
        Assert.NotNull(fourth);
        Assert.Equal(4, fourth.Body.OriginSequence);
        Assert.Equal(TestNode.CountyCode, fourth.Body.Origin);
        Assert.Equal(lastHash, fourth.Entry.PreviousHash);
        Assert.Equal(4, _node.Session.Ledger.Count);
        Assert.True(_node.Verify().Intact);
    }

    [Fact]
    public void ReadMany_AcrossBlocksAndCommits_GivesEachEntryInTheOrderAsked()
    {
        // 150 entries in two commits: blocks of 64, 36, 50.
        Append([.. Enumerable.Range(1, 100).Select(PowerNumber)]);
        Append([.. Enumerable.Range(101, 50).Select(PowerNumber)]);
        long[] asked = [150, 3, 64, 65, 1, 101, 3, 999, 0];

        var entries = _node.Session.Ledger.Read(asked);

        Assert.Equal([150, 3, 64, 65, 1, 101, 3], entries.Select(e => e.LocalSequence));
        Assert.Equal([150, 3, 64, 65, 1, 101, 3], entries.Select(e => e.Body.OriginSequence));
        Assert.All(entries, e => Assert.Equal(_node.Session.Ledger.Read(e.LocalSequence)!.Entry, e.Entry));
    }
}
