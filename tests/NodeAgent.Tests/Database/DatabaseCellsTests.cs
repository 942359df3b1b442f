using ExchangeNode.Adapters.BuiltIn.Database;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Database;

public sealed class DatabaseCellsTests
{
    [Fact]
    public void Text_SqliteCells_ReadAsMicrosoftDataSqliteReadsThem()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();

        // The bundled provider: the cells are read through the statement's pointer, not through GetValue.
        Assert.Equal("e_sqlite3", SQLitePCL.raw.GetNativeLibraryName());
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT char(97, 0, 98), '丰县 行政许可 🙂', NULL, 4411, -9007199254740993, 2.5, X'00FF', ''";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var cells = new DatabaseCells(reader);

        var texts = Enumerable.Range(0, reader.FieldCount).Select(cells.Text).ToList();

        // Text with a NUL in it is read whole, as GetString reads it; NULL is empty; numbers and blobs as invariant text.
        Assert.Equal(["a\0b", "丰县 行政许可 🙂", "", "4411", "-9007199254740993", "2.5", "AP8=", ""], texts);
        Assert.Equal(reader.GetString(0), texts[0]);
        Assert.Equal(reader.GetString(1), texts[1]);
    }
}
