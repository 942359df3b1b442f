using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Tests.Cases;
using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Ledger;

public sealed class EntryBodyHeaderTests
{
    private static EntryBody Body(string origin, long sequence, string jurisdiction) => new()
    {
        Origin = origin,
        OriginSequence = sequence,
        RecordedAt = Timestamp.FromDateTime(new DateTime(2026, 11, 28, 8, 30, 0, DateTimeKind.Utc)),
        Jurisdiction = jurisdiction,
        Record = new Protocol.V1.Record { CaseEvent = CaseRecords.Accepted("320321-2026-000001") },
    };

    [Theory]
    [InlineData("320321", 1L, "320321")]
    [InlineData("320300", 4_000_000_000L, "320322")]
    [InlineData("320321", 7L, "")]
    public void Read_WellFormedBody_GivesWhatAFullParseGives(string origin, long sequence, string jurisdiction)
    {
        var bytes = Body(origin, sequence, jurisdiction).ToByteArray();

        var header = EntryBodyHeader.Read(bytes, 0, bytes.Length);

        var parsed = EntryBody.Parser.ParseFrom(bytes);
        Assert.Equal(new EntryHeader(parsed.Origin, parsed.OriginSequence, parsed.Jurisdiction), header);
    }

    [Fact]
    public void Read_BodyInsideALargerBuffer_ReadsOnlyItsOwnBytes()
    {
        var bytes = Body("320321", 42, "320321").ToByteArray();
        byte[] padded = [0xFF, 0xFF, .. bytes, 0x0A, 0x02, 0x39, 0x39];

        Assert.Equal(new EntryHeader("320321", 42, "320321"), EntryBodyHeader.Read(padded, 2, bytes.Length));
    }

    [Fact]
    public void Read_FieldGivenTwice_TakesTheLastAsProtobufDoes()
    {
        var bytes = Body("320321", 3, "320321").ToByteArray();
        byte[] twice = [.. bytes, .. new EntryBody { OriginSequence = 9 }.ToByteArray()];

        Assert.Equal(9, EntryBody.Parser.ParseFrom(twice).OriginSequence);
        Assert.Equal(9, EntryBodyHeader.Read(twice, 0, twice.Length)!.Value.Sequence);
    }

    [Fact]
    public void Read_UnknownFieldsOfEveryWireType_AreSteppedOver()
    {
        var output = new MemoryStream();
        var writer = new CodedOutputStream(output);
        writer.WriteTag(20, WireFormat.WireType.Fixed64);
        writer.WriteFixed64(1);
        writer.WriteTag(21, WireFormat.WireType.Fixed32);
        writer.WriteFixed32(1);
        writer.WriteTag(22, WireFormat.WireType.Varint);
        writer.WriteInt64(-1);
        writer.WriteTag(23, WireFormat.WireType.LengthDelimited);
        writer.WriteString("未知字段");
        writer.Flush();
        byte[] bytes = [.. output.ToArray(), .. Body("320322", 5, "320322").ToByteArray()];

        Assert.Equal(new EntryHeader("320322", 5, "320322"), EntryBodyHeader.Read(bytes, 0, bytes.Length));
    }

    [Fact]
    public void Read_BodyCutShortAnywhere_IsNotWellFormedOrStillHoldsItsOrigin()
    {
        var bytes = Body("320321", 300, "320321").ToByteArray();

        for (var length = 0; length < bytes.Length; length++)
        {
            var header = EntryBodyHeader.Read(bytes, 0, length);
            var parses = TryParse(bytes.AsSpan(0, length).ToArray(), out var parsed) && parsed!.Origin.Length > 0;

            // Wherever protobuf itself would refuse the cut bytes or find no origin, so does the header.
            Assert.Equal(parses, header is not null);
            if (header is { } read)
            {
                Assert.Equal((parsed!.Origin, parsed.OriginSequence, parsed.Jurisdiction), (read.Origin, read.Sequence, read.Jurisdiction));
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x0A, 0x06, 0x33 })]
    [InlineData(new byte[] { 0x0A, 0x01, 0x33, 0x10 })]
    [InlineData(new byte[] { 0x0A, 0x01, 0x33, 0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    [InlineData(new byte[] { 0x10, 0x01 })]
    public void Read_MalformedOrWithoutOrigin_IsNull(byte[] bytes)
    {
        Assert.Null(EntryBodyHeader.Read(bytes, 0, bytes.Length));
    }

    private static bool TryParse(byte[] bytes, out EntryBody? body)
    {
        try
        {
            body = EntryBody.Parser.ParseFrom(bytes);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            body = null;
            return false;
        }
    }
}
