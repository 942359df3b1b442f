using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ExchangeNode.Adapters.BuiltIn;

/// <summary>
/// A read-only stream that reads its source ahead on a thread of its own, a few chunks ahead of
/// its reader: what the source costs to read (an .xlsx part's inflating) runs beside what the
/// reader does with the bytes, not before it. A failure of the source reaches the reader, with its
/// own type, at the point of the stream where it happened, never before the bytes that came first.
/// </summary>
/// <remarks>
/// An adapter's source is read on one thread and its records mapped and committed on others; when
/// the read is the slowest of the three (an .xlsx drop: 5 to 8 µs a row, of which inflating the
/// part 1.4), moving the inflating off it lets the rest go faster (docs/benchmarks.md, adapters,
/// seventh session). Not for a source that must be read on its caller's thread, nor one that is
/// cheap to read: each chunk is handed over between two threads.
/// </remarks>
internal sealed class ReadAheadStream : Stream
{
    private readonly Stream _source;
    private readonly BlockingCollection<Chunk> _filled;
    private readonly BlockingCollection<byte[]> _free;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _reader;
    private Chunk? _current;
    private int _at;
    private bool _ended;
    private ExceptionDispatchInfo? _failure;

    /// <param name="source">The stream read ahead; this stream disposes it.</param>
    /// <param name="chunkBytes">How much is read from the source at once.</param>
    /// <param name="chunks">How many chunks may be read ahead of the reader (and so the memory held: chunks × chunkBytes).</param>
    public ReadAheadStream(Stream source, int chunkBytes = 256 * 1024, int chunks = 4)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 1);
        _source = source;
        _filled = new BlockingCollection<Chunk>(chunks);
        _free = new BlockingCollection<byte[]>(chunks);
        for (var i = 0; i < chunks; i++)
        {
            _free.Add(new byte[chunkBytes]);
        }

        _reader = new Thread(ReadAhead) { IsBackground = true, Name = "read-ahead" };
        _reader.Start();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        _failure?.Throw();
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_ended && (_current is null || _at == _current.Length))
        {
            if (_current is not null)
            {
                _free.Add(_current.Bytes);
                _current = null;
            }

            Chunk next;
            try
            {
                next = _filled.Take(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Disposed on another thread while this one waited.
                throw new ObjectDisposedException(nameof(ReadAheadStream));
            }

            if (next.Failure is not null)
            {
                // Every read after it fails the same way: the source's end was never reached.
                _ended = true;
                _failure = next.Failure;
                _failure.Throw();
            }

            if (next.Length == 0)
            {
                _ended = true;
                break;
            }

            (_current, _at) = (next, 0);
        }

        if (_ended)
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, _current!.Length - _at);
        _current.Bytes.AsSpan(_at, count).CopyTo(buffer);
        _at += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_stop.IsCancellationRequested)
        {
            // The thread is stopped before the source is disposed under it.
            _stop.Cancel();
            _reader.Join();
            _source.Dispose();
            _filled.Dispose();
            _free.Dispose();
            _stop.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ReadAhead()
    {
        try
        {
            while (true)
            {
                var bytes = _free.Take(_stop.Token);
                var length = 0;
                ExceptionDispatchInfo? failure = null;
                try
                {
                    // A chunk is filled as far as the source gives, so that the reader's hand-overs are few.
                    int read;
                    while (length < bytes.Length && (read = _source.Read(bytes, length, bytes.Length - length)) > 0)
                    {
                        length += read;
                    }
                }
                catch (Exception ex)
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                }

                // What was read before the end, or before a failure, is read first.
                if (length > 0)
                {
                    _filled.Add(new Chunk(bytes, length, null), _stop.Token);
                }

                if (failure is not null || length < bytes.Length)
                {
                    _filled.Add(new Chunk([], 0, failure), _stop.Token);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed while reading ahead: the reader wants nothing more.
        }
    }

    /// <summary>Bytes read from the source (none at its end), or how it failed.</summary>
    private sealed record Chunk(byte[] Bytes, int Length, ExceptionDispatchInfo? Failure);
}
