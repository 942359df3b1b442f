using ExchangeNode.Adapters.BuiltIn;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Adapters;

/// <summary>
/// A source read ahead on a thread of its own gives its reader the same bytes, in the same order,
/// its failure after the bytes before it, and stops when disposed.
/// </summary>
public sealed class ReadAheadStreamTests
{
    [Theory]
    [InlineData(0, 16, 1)]
    [InlineData(1, 16, 1)]
    [InlineData(15, 16, 2)]
    [InlineData(16, 16, 2)]
    [InlineData(17, 16, 2)]
    [InlineData(64, 16, 4)]
    [InlineData(100_003, 4096, 3)]
    public void Read_AnyLengthAndReadSize_TheSourcesBytesInOrder(int length, int chunkBytes, int chunks)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);

        foreach (var readSize in new[] { 1, 7, chunkBytes, chunkBytes + 1, 65536 })
        {
            // The source gives a few bytes at a time, as an inflating stream does.
            using var stream = new ReadAheadStream(new Trickle(bytes, failAt: null), chunkBytes, chunks);
            var read = ReadAll(stream, readSize);

            Assert.Equal(bytes, read);
            Assert.Equal(0, stream.Read(new byte[8]));
        }
    }

    [Fact]
    public void Read_SourceFailsPartWay_TheBytesBeforeThenTheSameException()
    {
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        using var stream = new ReadAheadStream(new Trickle(bytes, failAt: 700), chunkBytes: 256, chunks: 2);

        var read = new List<byte>();
        var buffer = new byte[100];
        var failure = Assert.Throws<InvalidDataException>(() =>
        {
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                read.AddRange(buffer.AsSpan(0, n).ToArray());
            }
        });

        Assert.Equal("broken at 700", failure.Message);
        Assert.Equal(bytes.Take(700), read);
        Assert.Throws<InvalidDataException>(() => stream.Read(buffer));
    }

    [Fact]
    public void Read_SourceFailsAtOnce_TheExceptionOnTheFirstRead()
    {
        using var stream = new ReadAheadStream(new Trickle([1, 2, 3], failAt: 0), chunkBytes: 16, chunks: 2);

        Assert.Throws<InvalidDataException>(() => stream.Read(new byte[4]));
    }

    [Fact]
    public void Dispose_BeforeTheEnd_StopsReadingAheadAndDisposesTheSource()
    {
        var source = new Trickle(new byte[1_000_000], failAt: null);
        var stream = new ReadAheadStream(source, chunkBytes: 1024, chunks: 2);
        Assert.Equal(10, stream.Read(new byte[10]));

        // The thread reading ahead is waiting for room by now; disposing ends it first.
        stream.Dispose();

        Assert.True(source.Disposed);
        var readAfter = source.BytesGiven;
        Thread.Sleep(50);
        Assert.Equal(readAfter, source.BytesGiven);
        Assert.True(readAfter < 1_000_000);
        Assert.Throws<ObjectDisposedException>(() => stream.Read(new byte[4]));
    }

    private static byte[] ReadAll(Stream stream, int readSize)
    {
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, n);
        }

        return output.ToArray();
    }

    /// <summary>Gives at most 5 bytes a read; fails with InvalidDataException at <c>failAt</c>.</summary>
    private sealed class Trickle(byte[] bytes, int? failAt) : Stream
    {
        private int _at;

        public bool Disposed { get; private set; }

        public int BytesGiven => Volatile.Read(ref _at);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position { get => _at; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            ObjectDisposedException.ThrowIf(Disposed, this);
            if (_at == failAt)
            {
                throw new InvalidDataException($"broken at {failAt}");
            }

            var n = Math.Min(Math.Min(count, 5), bytes.Length - _at);
            if (failAt is { } end)
            {
                n = Math.Min(n, end - _at);
            }

            Array.Copy(bytes, _at, buffer, offset, n);
            Volatile.Write(ref _at, _at + n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
