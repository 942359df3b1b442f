using LiteDB;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>Names of the store's collections and their fields, in one place.</summary>
internal static class LedgerCollections
{
    /// <summary>The entries: _id = local sequence; o origin; s origin sequence; j jurisdiction; b body; p previous hash; h hash.</summary>
    public const string Entries = "ledger";

    /// <summary>Per-origin chain heads: _id = origin; s last sequence; h last hash; l local sequence of that entry.</summary>
    public const string Heads = "heads";

    public const string Powers = "powers";
    public const string PowerVersions = "power_versions";
    public const string Cases = "cases";
    public const string Quarantine = "quarantine";

    /// <summary>
    /// The form of the views, kept in the store file (LiteDB's user version). A store whose views
    /// have an older form gets them derived again from the ledger when it is opened: 1 is the
    /// case view of one binary <c>StoredCase</c> per case with no index but the serial.
    /// </summary>
    public const int ViewsFormat = 1;

    /// <summary>The views: derived from the ledger, dropped and rebuilt by <c>ledger rebuild-views</c>.</summary>
    public static readonly string[] Views = [Powers, PowerVersions, Cases];

    public static void EnsureIndexes(LiteDatabase database)
    {
        var powers = database.GetCollection(Powers);
        powers.EnsureIndex("status");
        powers.EnsureIndex("category");
        database.GetCollection(PowerVersions).EnsureIndex("code");
        database.GetCollection(Quarantine).EnsureIndex("fingerprint", unique: true);
    }
}
