using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ExchangeNode.Adapters.BuiltIn.Database;

/// <summary>
/// The cells of a result's current row as invariant-culture text: timestamps ISO 8601 as stored
/// (with an offset only when the column has one), NULL as empty.
/// </summary>
/// <remarks>
/// Through <see cref="DbDataReader.GetValue"/>, Microsoft.Data.Sqlite crosses into native code six
/// times for a text cell (it checks the row and the storage class twice), and each crossing counts
/// a reference on the statement's handle up and down and takes the database's mutex: that was most
/// of a SQLite page's reading. So a SQLite cell is read from the reader's statement (its documented
/// interop): its storage class, then its text or integer as <c>GetString</c> or <c>GetInt64</c>
/// reads it; three crossings for text (its type, its bytes, their length: the length, because text
/// may hold a NUL), one for NULL. Those go to the same native library through the statement's
/// pointer (<see cref="NativeMethods"/>): through SQLitePCL's calls each crossing also counted the
/// statement's safe handle up and down, 5 % of a SQLite adapter's CPU in a profile. The reader
/// holds the statement, and the row is read on one thread, so the pointer stays good while a row
/// is read. Only when SQLitePCL's provider is e_sqlite3 (Microsoft.Data.Sqlite's bundle), whose
/// statements these are. Every other cell, and every PostgreSQL cell (Npgsql's typed getters cost
/// as much as its <c>GetValue</c>, measured), goes through <see cref="DbDataReader.GetValue"/> and
/// <see cref="Text(object)"/>, so its text is what it always was.
/// </remarks>
internal sealed class DatabaseCells(DbDataReader reader)
{
    // Asked once a SQLite reader is at hand, when SQLitePCL has its provider (before, it throws).
    private static bool? _bundledSqlite;

    private readonly SqliteDataReader? _sqlite = reader is SqliteDataReader sqlite && IsBundledSqlite ? sqlite : null;

    private static bool IsBundledSqlite => _bundledSqlite ??= raw.GetNativeLibraryName() == NativeMethods.Library;

    /// <summary>The cell at <paramref name="ordinal"/> of the current row, as text.</summary>
    public string Text(int ordinal)
    {
        if (_sqlite?.Handle is { } statement)
        {
            var at = statement.DangerousGetHandle();
            switch (NativeMethods.sqlite3_column_type(at, ordinal))
            {
                case raw.SQLITE_NULL:
                    return string.Empty;
                case raw.SQLITE_INTEGER:
                    return NativeMethods.sqlite3_column_int64(at, ordinal).ToString(CultureInfo.InvariantCulture);
                case raw.SQLITE_TEXT:
                    // The text first, then its length in bytes (SQLite's order); a NULL pointer (out of memory) reads as empty.
                    var text = NativeMethods.sqlite3_column_text(at, ordinal);
                    return text == 0 ? string.Empty : Marshal.PtrToStringUTF8(text, NativeMethods.sqlite3_column_bytes(at, ordinal));
            }
        }

        return Text(reader.GetValue(ordinal));
    }

    private static string Text(object value) => value switch
    {
        DBNull => string.Empty,
        string s => s,
        DateTime { Kind: DateTimeKind.Utc } t => new DateTimeOffset(t).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>SQLite's column calls, in the library SQLitePCL's e_sqlite3 provider loads, declared as it declares them.</summary>
    private static class NativeMethods
    {
        internal const string Library = "e_sqlite3";

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int sqlite3_column_type(nint statement, int column);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern long sqlite3_column_int64(nint statement, int column);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern nint sqlite3_column_text(nint statement, int column);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int sqlite3_column_bytes(nint statement, int column);
    }
}
