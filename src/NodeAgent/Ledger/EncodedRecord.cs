using ExchangeNode.Protocol.V1;
using Google.Protobuf;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>
/// A record with its protobuf bytes, encoded once. The record is the last field of an entry's
/// body, so the body's bytes are the envelope's followed by the record's: a record can be encoded
/// on any thread beforehand, and the one writer then only adds the envelope (an adapter encodes
/// while it maps, beside the writer).
/// </summary>
internal sealed class EncodedRecord
{
    private EncodedRecord(Record record, byte[] bytes) => (Record, Bytes) = (record, bytes);

    public Record Record { get; }

    /// <summary>The record's protobuf bytes: made only here, from the record itself.</summary>
    public byte[] Bytes { get; }

    public static EncodedRecord Of(Record record) => new(record, record.ToByteArray());

    /// <summary>A power item or a case event as the record of an entry.</summary>
    public static EncodedRecord Of(IMessage message) => message switch
    {
        Record record => Of(record),
        Power power => new(new Record { Power = power }, Wrapped(Record.PowerFieldNumber, power)),
        CaseEvent e => new(new Record { CaseEvent = e }, Wrapped(Record.CaseEventFieldNumber, e)),
        _ => throw new ArgumentException($"{message.Descriptor.FullName} is not imported into the ledger", nameof(message)),
    };

    /// <summary>
    /// The bytes <c>ToByteArray</c> gives for a record holding only <paramref name="message"/> in
    /// field <paramref name="fieldNumber"/>: its tag, its length and its bytes. The message is sized
    /// once; through the record it was sized twice (once for the record's size, once for its own
    /// length), each time through every nested message and string.
    /// </summary>
    private static byte[] Wrapped(int fieldNumber, IMessage message)
    {
        var size = message.CalculateSize();
        var bytes = new byte[CodedOutputStream.ComputeTagSize(fieldNumber) + CodedOutputStream.ComputeLengthSize(size) + size];
        var output = new CodedOutputStream(bytes);
        output.WriteTag(fieldNumber, WireFormat.WireType.LengthDelimited);
        output.WriteLength(size);
        message.WriteTo(output);
        output.CheckNoSpaceLeft();
        return bytes;
    }
}
