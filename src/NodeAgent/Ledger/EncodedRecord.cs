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
    public static EncodedRecord Of(IMessage message) => Of(message switch
    {
        Record record => record,
        Power power => new Record { Power = power },
        CaseEvent e => new Record { CaseEvent = e },
        _ => throw new ArgumentException($"{message.Descriptor.FullName} is not imported into the ledger", nameof(message)),
    });
}
