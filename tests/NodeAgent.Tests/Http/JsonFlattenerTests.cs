using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExchangeNode.Adapters.BuiltIn.Http;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Http;

/// <summary>
/// A page of JSON read in one pass: the fields each item gives and the cursor, as a
/// <see cref="JsonDocument"/> of the page would give them.
/// </summary>
public sealed class JsonFlattenerTests
{
    [Fact]
    public void ReadPage_NestedObjects_DottedNames_ArraysAndNumbersAsWritten()
    {
        var (items, cursor) = Read("""{"items":[{"a":1.50e3,"b":"x","c":null,"d":true,"e":false,"f":[1, 2 ,{"g":3}],"h":{"i":{"j":"k"},"l":{}}}],"next":"c2"}""");

        var fields = Assert.Single(items!);
        Assert.Equal(["a", "b", "c", "d", "e", "f", "h.i.j"], fields.Keys);
        Assert.Equal(["1.50e3", "x", string.Empty, "true", "false", "[1, 2 ,{\"g\":3}]", "k"], fields.Values);
        Assert.Equal("c2", cursor);
    }

    [Fact]
    public void ReadPage_NamesRepeatedInOtherOrdersAndPlaces_EachItemItsOwnFields()
    {
        var (items, _) = Read("""{"items":[{"a":"1","b":{"c":"2"}},{"b":{"c":"3"},"a":"4"},{"c":"5","b":"6"},{"\u0061":"7"},{"":"8"}]}""");

        Assert.Equal(
            ["a=1 b.c=2", "b.c=3 a=4", "c=5 b=6", "a=7", "=8"],
            items!.Select(f => string.Join(' ', f.Select(p => $"{p.Key}={p.Value}"))));
    }

    [Fact]
    public void ReadPage_ItemsOfOneShapeThenAnotherThenTheFirstAgain_EachReadsItsOwnValues()
    {
        var (items, _) = Read("""{"items":[{"a":"1","b":"2"},{"a":"3","b":"4"},{"a":"5"},{"b":"6","a":"7"},{"a":"8","b":null}]}""");

        Assert.Equal(
            ["a=1 b=2", "a=3 b=4", "a=5", "b=6 a=7", "a=8 b="],
            items!.Select(f => string.Join(' ', f.Select(p => $"{p.Key}={p.Value}"))));
        Assert.False(items![2].ContainsKey("b"));
        Assert.Equal("7", items[3]["a"]);

        // Items that leave a field out now and then share the names of their shape, made once.
        Assert.Same(((ExchangeNode.Adapters.RowDictionary)items[0]).Columns, ((ExchangeNode.Adapters.RowDictionary)items[4]).Columns);
    }

    [Fact]
    public void ReadPage_PropertyWrittenTwice_TheLastValueInTheFirstPlace()
    {
        var (items, cursor) = Read("""{"items":[{"x":1}],"items":[{"a":1,"b":2,"a":3,"b.c":4,"b":{"c":5}}],"next":1,"next":null}""");

        Assert.Equal(["a=3", "b=2", "b.c=5"], Assert.Single(items!).Select(p => $"{p.Key}={p.Value}"));
        Assert.Null(cursor);
    }

    [Fact]
    public void ReadPage_ItemsThatAreNotObjects_KeptWholeAsWritten()
    {
        var (items, _) = Read("""{"items":[3, "s\u0041", [1,2], null, true, {}]}""");

        Assert.Equal(["3", "\"s\\u0041\"", "[1,2]", "null", "true"], items!.Take(5).Select(f => Assert.Single(f).Value));
        Assert.All(items!.Take(5), f => Assert.Equal(JsonFlattener.WholeItem, Assert.Single(f).Key));
        Assert.Empty(items![5]);
    }

    [Theory]
    [InlineData("""{"items":[],"next":7}""", "7")]
    [InlineData("""{"items":[],"next":"\u00e9"}""", "é")]
    [InlineData("""{"items":[],"next":true}""", "true")]
    [InlineData("""{"items":[],"next": [1, "x"] }""", "[1, \"x\"]")]
    [InlineData("""{"next":{"a":1},"items":[]}""", "{\"a\":1}")]
    [InlineData("""{"items":[]}""", null)]
    public void ReadPage_Cursor_AStringAsIs_AnythingElseAsWritten(string page, string? expected)
    {
        Assert.Equal(expected, Read(page).Cursor);
    }

    [Theory]
    [InlineData("""{"items":[{"a":"\u627F\u529E\u5C97"}]}""", "承办岗")]
    [InlineData("""{"items":[{"a":"\u0041\u00e9\u00E9 x\"\\\/\b\f\n\r\t\u0000y"}]}""", "Aéé x\"\\/\b\f\n\r\t\0y")]
    [InlineData("""{"items":[{"a":"罚款\u0036\u0036000元 \uD83D\uDE00 😀\n"}]}""", "罚款66000元 😀 😀\n")]
    [InlineData("""{"items":[{"a":"\uD83D\uDE00"}]}""", "😀")]
    public void ReadPage_EscapedText_ReadAsTheDocumentReadsIt(string page, string expected)
    {
        var (items, _) = Read(page);

        Assert.Equal(expected, Assert.Single(items!)["a"]);
        Assert.Equal(expected, JsonDocument.Parse(page).RootElement.GetProperty("items")[0].GetProperty("a").GetString());
    }

    [Theory]
    [InlineData("""{"items":[{"a":"x\uD83D"}]}""")]
    [InlineData("""{"items":[{"a":"x\uD83Dy"}]}""")]
    [InlineData("""{"items":[{"a":"\uD83D\u0041"}]}""")]
    [InlineData("""{"items":[{"a":"\uDE00\uD83D"}]}""")]
    public void ReadPage_EscapedSurrogateWithoutItsPair_FailsAsReadingTheDocumentWould(string page)
    {
        var expected = Assert.Throws<InvalidOperationException>(() => JsonDocument.Parse(page).RootElement.GetProperty("items")[0].GetProperty("a").GetString());

        var thrown = Assert.Throws<InvalidOperationException>(() => Read(page));

        Assert.Equal(expected.Message, thrown.Message);
    }

    [Fact]
    public void ReadPage_ValuesWrittenAsTheItemBefore_EachItemItsOwnValues_AndEachPageItsOwn()
    {
        var flattener = new JsonFlattener();

        var (first, _) = flattener.ReadPage("""{"items":[{"a":"x","b":"\u4E2D"},{"a":"x","b":"\u4E2D"},{"b":"x","a":"\u0078"},{"a":1,"b":"1"},{"a":"1","b":true},{"a":"true","b":{"c":"1"}}]}"""u8, "items", "next");
        var (second, _) = flattener.ReadPage("""{"items":[{"a":"y","b":"\u4E2E"},{"a":"y","b":"\u4E2D"}]}"""u8, "items", "next");

        Assert.Equal(
            ["a=x b=中", "a=x b=中", "b=x a=x", "a=1 b=1", "a=1 b=true", "a=true b.c=1", "a=y b=丮", "a=y b=中"],
            first!.Concat(second!).Select(f => string.Join(' ', f.Select(p => $"{p.Key}={p.Value}"))));
    }

    [Fact]
    public void ReadPage_ManyItemsOfMixedText_GiveTheFieldsTheDocumentGives()
    {
        var random = new Random(17);
        string[] pieces = ["a", "Z9", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "\u007f", "é", "承办岗", "罚款", "66000元", "😀", "𠀀"];
        string Text() => string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => pieces[random.Next(pieces.Length)]));
        // Texts that recur from item to item, as a case's serial number does, in shapes that change from item to item.
        var shared = Enumerable.Range(0, 5).Select(_ => Text()).ToArray();
        JsonNode? Value() => random.Next(10) switch
        {
            0 => null,
            1 => random.Next(-5, 5) * 1.5,
            2 => new JsonArray(Text(), 3),
            3 => new JsonObject { ["x"] = Text(), ["y"] = new JsonObject { ["z"] = shared[random.Next(shared.Length)] } },
            < 7 => shared[random.Next(shared.Length)],
            _ => Text(),
        };
        string[] names = ["id", "serial", "kind", "note", "who", "when"];
        // Pages with every character outside ASCII escaped, and pages with them as UTF-8.
        var encoders = new[] { JavaScriptEncoder.Default, JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var flattener = new JsonFlattener();

        for (var page = 0; page < 6; page++)
        {
            var items = new JsonArray();
            for (var i = 0; i < 120; i++)
            {
                var item = new JsonObject();
                foreach (var name in names.Where(_ => random.Next(8) > 0))
                {
                    item[name] = Value();
                }

                items.Add(item);
            }

            var json = new JsonObject { ["items"] = items, ["next"] = page }.ToJsonString(new JsonSerializerOptions { Encoder = encoders[page % 2] });

            var (read, _) = flattener.ReadPage(Encoding.UTF8.GetBytes(json), "items", "next");

            var expected = JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().Select(e => Flattened(e, string.Empty)).ToList();
            Assert.Equal(expected, read!.Select(f => f.ToList()));
        }
    }

    [Theory]
    [InlineData("""{"items":{"a":1}}""")]
    [InlineData("""{"items":[{"a":1}],"items":5}""")]
    [InlineData("""[{"a":1}]""")]
    [InlineData("\"items\"")]
    public void ReadPage_NoArrayUnderItsName_NoItems(string page)
    {
        Assert.Null(Read(page).Items);
    }

    [Fact]
    public void ReadPage_AfterAByteOrderMark_ReadsThePage()
    {
        var (items, _) = new JsonFlattener().ReadPage([.. Encoding.UTF8.Preamble, .. """{"items":[{"a":"1"}]}"""u8], "items", "next");

        Assert.Equal("1", Assert.Single(items!)["a"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"items":[{"a":1}]} x""")]
    [InlineData("""{"items":[{"a":1}],}""")]
    [InlineData("""{"items":[{"a":1} /* c */]}""")]
    [InlineData("""{"items":[{"a":[1,2,3]}],"next":"c2" """)]
    public void ReadPage_NotJson_FailsAsTheDocumentWould(string page)
    {
        var expected = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(page));

        var thrown = Assert.ThrowsAny<JsonException>(() => Read(page));

        Assert.Equal(expected.Message, thrown.Message);
    }

    [Theory]
    [InlineData("""{"items":[{"a":"#"}],"next":1}""")]
    [InlineData("""{"items":[{"a":["#"]}],"next":1}""")]
    [InlineData("""{"items":[{"#":1}],"next":1}""")]
    [InlineData("""{"items":["#"],"next":1}""")]
    [InlineData("""{"items":[{"a":1}],"next":"#"}""")]
    [InlineData("""{"items":[{"a":"\u4E2D#\n"}],"next":1}""")]
    [InlineData("""{"items":[{"a":"x"},{"a":"\n#"}],"next":1}""")]
    public void ReadPage_TextNotUtf8_FailsAsReadingTheDocumentWould(string page)
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => new JsonFlattener().ReadPage(NotUtf8(page), "items", "next"));

        Assert.Equal("Cannot transcode invalid UTF-8 JSON text to UTF-16 string.", thrown.Message);
    }

    [Fact]
    public void ReadPage_TextNotUtf8_ASyntaxErrorAfterItFailsFirst_AndADiscardedArrayNotAtAll()
    {
        Assert.ThrowsAny<JsonException>(() => new JsonFlattener().ReadPage(NotUtf8("""{"items":[{"a":"#"}],"next":1} x"""), "items", "next"));

        var (items, _) = new JsonFlattener().ReadPage(NotUtf8("""{"items":[{"a":"#"}],"items":[{"a":"2"}]}"""), "items", "next");

        Assert.Equal("2", Assert.Single(items!)["a"]);
    }

    /// <summary>An item's fields as read from its <see cref="JsonDocument"/>: what the flattener is to give.</summary>
    private static List<KeyValuePair<string, string>> Flattened(JsonElement item, string prefix)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var property in item.EnumerateObject())
        {
            var name = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Object)
            {
                fields.AddRange(Flattened(value, name));
                continue;
            }

            fields.Add(KeyValuePair.Create(name, value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Null => string.Empty,
                _ => value.GetRawText(),
            }));
        }

        return fields;
    }

    private static (List<IReadOnlyDictionary<string, string>>? Items, string? Cursor) Read(string page) =>
        new JsonFlattener().ReadPage(Encoding.UTF8.GetBytes(page), "items", "next");

    /// <summary>The page's UTF-8 with its # replaced by a byte sequence that is not UTF-8.</summary>
    private static byte[] NotUtf8(string page) =>
        [.. Encoding.UTF8.GetBytes(page).SelectMany(b => b == (byte)'#' ? new byte[] { 0xC3, 0x28 } : [b])];
}
