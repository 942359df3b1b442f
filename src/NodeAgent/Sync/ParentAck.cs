using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Ledger;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>
/// How far the parent has confirmed holding this node's own chain (sequence and hash), kept in
/// <see cref="FileName"/> beside the store; and the guard that refuses local appends while this
/// node's own head is behind it.
/// </summary>
/// <remarks>
/// Why a file of its own and not a document in the store: LiteDB in direct mode does not fsync
/// each commit, so a power loss can take from node.db entries the parent already holds. This
/// record must survive what the store may lose, so it is written atomically and durably (a
/// temp file flushed to disk, renamed over, the folder synced) and only when it grows.
/// </remarks>
internal sealed class ParentAck
{
    public const string FileName = "parent-ack.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly string _path;
    private readonly string _origin;
    private readonly TimeProvider _time;
    private readonly Lock _write = new();
    private volatile Acknowledged _held;

    private ParentAck(string path, string origin, TimeProvider time, Acknowledged held)
    {
        _path = path;
        _origin = origin;
        _time = time;
        _held = held;
    }

    /// <summary>The highest sequence of the own chain the parent confirmed holding; 0 when none.</summary>
    public long Sequence => _held.Sequence;

    /// <summary>The hash of that entry (empty when none).</summary>
    public byte[] Hash => Convert.FromHexString(_held.Hash);

    /// <summary>Reads the record of node <paramref name="origin"/> in <paramref name="dataDirectory"/>; none yet means 0.</summary>
    /// <exception cref="NodeConfigException">The file does not read, or belongs to another node.</exception>
    public static ParentAck Load(string dataDirectory, string origin, TimeProvider time)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            return new ParentAck(path, origin, time, new Acknowledged(origin, 0, string.Empty, null));
        }

        Acknowledged? held;
        try
        {
            held = JsonSerializer.Deserialize<Acknowledged>(File.ReadAllBytes(path), Json);
            if (held is null || held.Sequence < 0 || held.Origin is null || held.Hash is null)
            {
                throw new NodeConfigException(Unreadable(path, "fields missing"));
            }

            _ = Convert.FromHexString(held.Hash);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new NodeConfigException(Unreadable(path, ex.Message));
        }

        if (held.Origin != origin)
        {
            throw new NodeConfigException(
                $"{path} 属于节点 {held.Origin}，不属于本节点 {origin} ({FileName} belongs to another node; it was copied with another node's data folder: remove it)");
        }

        return new ParentAck(path, origin, time, held);
    }

    /// <summary>The parent confirmed holding the own chain through <paramref name="sequence"/>: kept only when that is more than known.</summary>
    /// <returns>True when the record grew (and was written).</returns>
    public bool Raise(long sequence, ReadOnlySpan<byte> hash)
    {
        lock (_write)
        {
            if (sequence <= _held.Sequence)
            {
                return false;
            }

            Write(sequence, hash);
            return true;
        }
    }

    /// <summary>
    /// Lowers the record to what the parent holds, when the entries beyond were lost on both
    /// sides: the only way down, so that the guard never blocks forever.
    /// </summary>
    public void Lower(long sequence, ReadOnlySpan<byte> hash)
    {
        lock (_write)
        {
            if (sequence < _held.Sequence)
            {
                Write(sequence, hash);
            }
        }
    }

    /// <summary>Refuses a local append while this node's own head is behind what the parent holds of it.</summary>
    /// <exception cref="OwnEntriesMissingException">Own entries the parent holds are missing here.</exception>
    public void Check(ChainHead? ownHead)
    {
        var held = ownHead?.Sequence ?? 0;
        var acknowledged = _held.Sequence;
        if (held < acknowledged)
        {
            throw new OwnEntriesMissingException(_origin, held + 1, acknowledged);
        }
    }

    private void Write(long sequence, ReadOnlySpan<byte> hash)
    {
        var held = new Acknowledged(_origin, sequence, Convert.ToHexStringLower(hash), _time.GetUtcNow().UtcDateTime);
        var temp = _path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, held, Json);
            stream.Flush(flushToDisk: true);
        }

        // The rename replaces the old record whole: a crash leaves either it or the new one, never half of either.
        File.Move(temp, _path, overwrite: true);
        FlushFolder(Path.GetDirectoryName(_path)!);
        _held = held;
    }

    /// <summary>
    /// On Linux a rename is durable only once the folder holding it is synced; .NET opens no
    /// handle on a folder, hence libc. Windows (NTFS journals the rename) has nothing to do here.
    /// </summary>
    private static void FlushFolder(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A NUL-terminated UTF-8 path; O_RDONLY (0) is enough for fsync, and the same on every architecture.
        var descriptor = NativeMethods.open([.. System.Text.Encoding.UTF8.GetBytes(folder), 0], 0);
        if (descriptor < 0)
        {
            throw new IOException($"{folder}: open for fsync failed (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (NativeMethods.fsync(descriptor) != 0)
            {
                throw new IOException($"{folder}: fsync failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = NativeMethods.close(descriptor);
        }
    }

    private static string Unreadable(string path, string why) =>
        $"{path} 无法读取 ({FileName} does not read: {why}). 删除它后，下次与上级握手会重新写入 (remove it: the next handshake with the parent writes it again)";

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        internal static extern int open(byte[] path, int flags);

        [DllImport("libc", SetLastError = true)]
        internal static extern int fsync(int descriptor);

        [DllImport("libc", SetLastError = true)]
        internal static extern int close(int descriptor);
    }

    private sealed record Acknowledged(
        [property: JsonPropertyName("origin")] string Origin,
        [property: JsonPropertyName("sequence")] long Sequence,
        [property: JsonPropertyName("hash")] string Hash,
        [property: JsonPropertyName("at")] DateTime? At);
}
