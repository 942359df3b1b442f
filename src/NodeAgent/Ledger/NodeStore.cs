using LiteDB;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>
/// The node's LiteDB file, opened in direct mode by exactly one process. A lock file beside it
/// makes a second opener fail fast instead of corrupting the file; while the agent runs, the
/// command line reaches the store through the agent's admin socket instead.
/// </summary>
internal sealed class NodeStore : IDisposable
{
    public const string DatabaseFileName = "node.db";
    public const string LockFileName = "node.lock";

    /// <summary>
    /// How the store compares text keys (case serials, power codes, origins): byte for byte.
    /// LiteDB's default compares by the machine's culture through ICU, which cost a third of
    /// the case views' time in every index lookup, and an identifier has no culture. LiteDB
    /// records the collation in the file when it creates it; a file created before keeps its own.
    /// </summary>
    private static readonly Collation Ordinal = new(System.Globalization.CultureInfo.InvariantCulture.LCID, System.Globalization.CompareOptions.Ordinal);

    private readonly FileStream _lock;

    private NodeStore(FileStream lockFile, LiteDatabase database, string dataDirectory)
    {
        _lock = lockFile;
        Database = database;
        DataDirectory = dataDirectory;
    }

    public LiteDatabase Database { get; }

    public string DataDirectory { get; }

    /// <summary>Opens (or creates) the store in <paramref name="dataDirectory"/>.</summary>
    /// <exception cref="StoreBusyException">Another process holds the store.</exception>
    public static NodeStore Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var lockPath = Path.Combine(dataDirectory, LockFileName);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new StoreBusyException(dataDirectory, ex);
        }

        try
        {
            var connection = new ConnectionString
            {
                Filename = Path.Combine(dataDirectory, DatabaseFileName),
                Connection = ConnectionType.Direct,
                Collation = Ordinal,
            };
            var database = new LiteDatabase(connection);
            LedgerCollections.EnsureIndexes(database);
            return new NodeStore(lockFile, database, dataDirectory);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Database.Dispose();
        _lock.Dispose();
    }
}
