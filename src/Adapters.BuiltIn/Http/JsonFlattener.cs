using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ExchangeNode.Adapters.BuiltIn.Http;

/// <summary>
/// Reads a page of JSON in one pass: the items of its array, each turned into named fields
/// (nested objects flattened with dots, arrays kept as JSON text), and its cursor.
/// </summary>
/// <remarks>
/// One <see cref="Utf8JsonReader"/> pass over the page's bytes, without a <see cref="JsonDocument"/>
/// in between, and each field name made once per reading rather than once per item: the names
/// repeat on every item of every page. It reads what <see cref="JsonDocument"/> and
/// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> read: a syntax error anywhere
/// fails the page before anything else, and of a property written twice the last one counts.
/// One instance per reading: it is not safe for use by two threads at once.
/// The methods that run for every item and field are optimized when first called
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>): a reading is often the process's
/// only one (<c>adapter run</c>), and in the adapters benchmark's first reading of 100,000 items
/// about a tenth of the time went to them in tier 0.
/// </remarks>
internal sealed class JsonFlattener
{
    /// <summary>The field a non-object item is kept under, so that it reaches the quarantine whole.</summary>
    public const string WholeItem = "(item)";

    // A source that invents a new field name on every item does not grow the cache without end.
    private const int MostNames = 10_000;
    private const int MostShapes = 4;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _byText;
    private readonly List<Slot> _previousItem = [];
    private readonly List<KeyValuePair<string, string>> _fields = [];

    // The last few shapes made, the newest first: items that leave out an optional field now and
    // then alternate between two or three shapes.
    private readonly List<Shape> _shapes = [];
    private char[] _name = new char[128];
    private char[] _text = new char[256];

    // By ordinal, as the names: the last string value decoded there in this page, as a place in the page and the text it made.
    private Recent[] _recentTexts = new Recent[64];
    private int _ordinal;

    public JsonFlattener() => _byText = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The items of the array <paramref name="itemsProperty"/> of the page, flattened, and its cursor; null items when the page has no such array.</summary>
    /// <exception cref="JsonException">The page is not JSON.</exception>
    /// <exception cref="InvalidOperationException">A text in the page is not UTF-8 (as <see cref="JsonElement.GetString"/> fails).</exception>
    public (List<IReadOnlyDictionary<string, string>>? Items, string? Cursor) ReadPage(ReadOnlySpan<byte> json, string itemsProperty, string cursorProperty)
    {
        // As JsonDocument.ParseAsync reads a stream: a UTF-8 byte order mark before the JSON is no part of it.
        if (json.StartsWith(Encoding.UTF8.Preamble))
        {
            json = json[Encoding.UTF8.Preamble.Length..];
        }

        // The recent texts are places in the page before.
        Array.Clear(_recentTexts);
        var reader = new Utf8JsonReader(json);
        reader.Read();
        List<IReadOnlyDictionary<string, string>>? items = null;
        string? cursor = null;

        // A text that cannot be read fails the page only after its syntax was read to the end, as the
        // document is parsed whole before its values are read; the items' failure comes before the cursor's.
        InvalidOperationException? itemsFailure = null;
        InvalidOperationException? cursorFailure = null;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isItems = reader.ValueTextEquals(itemsProperty);
                var isCursor = reader.ValueTextEquals(cursorProperty);
                reader.Read();
                var kind = reader.TokenType;
                var start = reader.TokenStartIndex;
                if (isItems && kind == JsonTokenType.StartArray)
                {
                    (items, itemsFailure) = ReadItems(ref reader, json);
                }
                else
                {
                    if (isItems)
                    {
                        (items, itemsFailure) = (null, null);
                    }

                    reader.Skip();
                }

                if (isCursor)
                {
                    try
                    {
                        cursorFailure = null;
                        cursor = kind switch
                        {
                            JsonTokenType.String => reader.GetString(),
                            JsonTokenType.Null => null,
                            _ => RawText(json[(int)start..(int)reader.BytesConsumed]),
                        };
                    }
                    catch (InvalidOperationException ex)
                    {
                        (cursor, cursorFailure) = (null, ex);
                    }
                }
            }
        }
        else
        {
            reader.Skip();
        }

        // The rest of the page: nothing but white space may follow the value.
        while (reader.Read())
        {
        }

        if (items is not null && (itemsFailure ?? cursorFailure) is { } failure)
        {
            throw failure;
        }

        return (items, cursor);
    }

    private (List<IReadOnlyDictionary<string, string>>, InvalidOperationException?) ReadItems(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var items = new List<IReadOnlyDictionary<string, string>>();
        InvalidOperationException? failure = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            _ordinal = 0;
            _fields.Clear();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                AddObject(ref reader, json, string.Empty, ref failure);
                items.Add(Item());
                continue;
            }

            var whole = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                whole[WholeItem] = RawValue(ref reader, json);
            }
            catch (InvalidOperationException ex)
            {
                failure ??= ex;
            }

            items.Add(whole);
        }

        return (items, failure);
    }

    /// <summary>
    /// The item's fields: the names of the item before it and an array of values when it names the
    /// same fields in the same order, as the items of a page mostly do (no dictionary built for each).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private IReadOnlyDictionary<string, string> Item()
    {
        var fields = CollectionsMarshal.AsSpan(_fields);
        Columns? columns = null;
        foreach (var shape in _shapes)
        {
            if (shape.Fits(fields))
            {
                columns = shape.Columns;
                break;
            }
        }

        if (columns is null)
        {
            var names = new string[fields.Length];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = fields[i].Key;
            }

            columns = Columns.TryCreate(names, out _);
            if (columns is null)
            {
                // A property written twice: the last value counts, in the first place, as a dictionary keeps it.
                var byName = new Dictionary<string, string>(fields.Length, StringComparer.Ordinal);
                foreach (var (name, value) in fields)
                {
                    byName[name] = value;
                }

                return byName;
            }

            if (_shapes.Count == MostShapes)
            {
                _shapes.RemoveAt(MostShapes - 1);
            }

            _shapes.Insert(0, new Shape(columns, names));
        }

        var values = new string[fields.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = fields[i].Value;
        }

        return new RowDictionary(columns, values);
    }

    /// <summary>Adds the fields of the object the reader is on; the first text that is not UTF-8 goes to <paramref name="failure"/>, and the reading goes on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string prefix, ref InvalidOperationException? failure)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name;
            try
            {
                name = Name(ref reader, prefix);
            }
            catch (InvalidOperationException ex)
            {
                failure ??= ex;
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                AddObject(ref reader, json, name, ref failure);
                continue;
            }

            try
            {
                var value = reader.TokenType switch
                {
                    JsonTokenType.String => Text(ref reader, json, _ordinal - 1),
                    JsonTokenType.True => "true",
                    JsonTokenType.False => "false",

                    // Present but empty, like an empty cell: the mapping treats it as "not given".
                    JsonTokenType.Null => string.Empty,

                    // Numbers as written; arrays kept as JSON text.
                    _ => RawValue(ref reader, json),
                };
                _fields.Add(KeyValuePair.Create(name, value));
            }
            catch (InvalidOperationException ex)
            {
                failure ??= ex;
            }
        }
    }

    /// <summary>The property name the reader is on, after <paramref name="prefix"/> and a dot: the same string each time it recurs.</summary>
    /// <remarks>The items of a page mostly name their properties in the same order: the name in the same place of the item before is compared first, byte by byte.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Name(ref Utf8JsonReader reader, string prefix)
    {
        var ordinal = _ordinal++;
        var plain = !reader.HasValueSequence && !reader.ValueIsEscaped;
        if (plain && ordinal < _previousItem.Count && _previousItem[ordinal] is { Utf8: { } bytes } same
            && ReferenceEquals(same.Prefix, prefix) && reader.ValueSpan.SequenceEqual(bytes))
        {
            return same.Name;
        }

        var at = prefix.Length == 0 ? 0 : prefix.Length + 1;
        var most = at + (reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length);
        if (_name.Length < most)
        {
            _name = new char[Math.Max(most, _name.Length * 2)];
        }

        if (at > 0)
        {
            prefix.CopyTo(_name);
            _name[prefix.Length] = '.';
        }

        var full = _name.AsSpan(0, at + reader.CopyString(_name.AsSpan(at)));
        if (!_byText.TryGetValue(full, out var name))
        {
            name = full.ToString();
            if (_names.Count < MostNames)
            {
                _names.Add(name);
            }
        }

        var slot = new Slot(prefix, plain ? reader.ValueSpan.ToArray() : null, name);
        if (ordinal < _previousItem.Count)
        {
            _previousItem[ordinal] = slot;
        }
        else if (ordinal == _previousItem.Count && ordinal < MostNames)
        {
            _previousItem.Add(slot);
        }

        return name;
    }

    /// <summary>The string value the reader is on, as <see cref="Utf8JsonReader.GetString"/> gives it, for the property of <paramref name="ordinal"/>.</summary>
    /// <remarks>
    /// A value written as the one at the same place of an item before it in the page is that item's
    /// string again, not decoded and allocated once more: the items of a page share a case's serial
    /// number, a kind of event, a department (0.12 KB less garbage an item of the adapters benchmark,
    /// of 0.85 KB).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, int ordinal)
    {
        var raw = reader.ValueSpan;
        if (ordinal < _recentTexts.Length && _recentTexts[ordinal] is { Text: { } same } recent
            && json.Slice(recent.Start, recent.Length).SequenceEqual(raw))
        {
            return same;
        }

        var text = reader.ValueIsEscaped ? Unescaped(ref reader) : reader.GetString()!;
        if (ordinal >= _recentTexts.Length && ordinal < MostNames)
        {
            Array.Resize(ref _recentTexts, Math.Max(ordinal + 1, _recentTexts.Length * 2));
        }

        if (ordinal < _recentTexts.Length)
        {
            _recentTexts[ordinal] = new Recent((int)reader.TokenStartIndex + 1, raw.Length, text);
        }

        return text;
    }

    /// <summary>The escaped string the reader is on, as <see cref="Utf8JsonReader.GetString"/> gives it.</summary>
    /// <remarks>
    /// Unescaped straight into UTF-16, where the reader unescapes into UTF-8 and transcodes that: of
    /// an API that escapes every character outside ASCII (<c>\u627F</c>, as System.Text.Json writes
    /// Chinese by default), that was about a third of the cost of reading a page (measured with perf
    /// on the adapters benchmark's items). What the reader would refuse (an escaped surrogate
    /// without its pair, bytes that are not UTF-8) is left to it, to fail as it fails; a pair too.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Unescaped(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (_text.Length < raw.Length)
        {
            _text = new char[Math.Max(raw.Length, _text.Length * 2)];
        }

        // Never more characters than bytes: an escape is 2 or 6 bytes for one, UTF-8 1 to 4 bytes for one or two.
        var text = _text.AsSpan();
        var written = 0;
        var at = 0;
        while (at < raw.Length)
        {
            if (raw[at] != (byte)'\\')
            {
                var run = raw[at..].IndexOf((byte)'\\');
                var plain = run < 0 ? raw[at..] : raw.Slice(at, run);
                if (Utf8.ToUtf16(plain, text[written..], out _, out var chars, replaceInvalidSequences: false) != OperationStatus.Done)
                {
                    return reader.GetString()!;
                }

                written += chars;
                at += plain.Length;
                continue;
            }

            // The reader let only these escapes through, and \u with four hex digits.
            var escaped = raw[at + 1];
            if (escaped == (byte)'u')
            {
                var unit = (char)((Hex(raw[at + 2]) << 12) | (Hex(raw[at + 3]) << 8) | (Hex(raw[at + 4]) << 4) | Hex(raw[at + 5]));
                if (char.IsSurrogate(unit))
                {
                    return reader.GetString()!;
                }

                text[written++] = unit;
                at += 6;
                continue;
            }

            text[written++] = escaped switch
            {
                (byte)'n' => '\n',
                (byte)'r' => '\r',
                (byte)'t' => '\t',
                (byte)'b' => '\b',
                (byte)'f' => '\f',
                _ => (char)escaped,
            };
            at += 2;
        }

        return new string(text[..written]);
    }

    /// <summary>The value of a hex digit (the reader checked that it is one): its low four bits, and nine more for a letter.</summary>
    private static int Hex(byte digit) => (digit & 0xF) + ((digit >> 6) * 9);

    /// <summary>The value the reader is on as written, as <see cref="JsonElement.GetRawText"/> gives it; the reader ends on its last token.</summary>
    private static string RawValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var start = reader.TokenStartIndex;
        reader.Skip();
        return RawText(json[(int)start..(int)reader.BytesConsumed]);
    }

    /// <exception cref="InvalidOperationException">The text is not UTF-8, as <see cref="JsonElement.GetRawText"/> fails.</exception>
    private static string RawText(ReadOnlySpan<byte> raw)
    {
        try
        {
            return StrictUtf8.GetString(raw);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidOperationException("Cannot transcode invalid UTF-8 JSON text to UTF-16 string.", ex);
        }
    }

    /// <summary>A property name as an item wrote it (null when escaped: never compared) and the field name it made.</summary>
    private readonly record struct Slot(string Prefix, byte[]? Utf8, string Name);

    /// <summary>Columns made of an item's names, and the names again as an array: the next items' are compared with it name by name, without an interface call each.</summary>
    private sealed record Shape(Columns Columns, string[] Names)
    {
        /// <summary>True when <paramref name="fields"/> are named as these columns, in their order (names recur as the same strings: <see cref="Name"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Fits(ReadOnlySpan<KeyValuePair<string, string>> fields)
        {
            if (fields.Length != Names.Length)
            {
                return false;
            }

            for (var i = 0; i < fields.Length; i++)
            {
                if (Names[i] != fields[i].Key)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Where a string value is written in the page (its first byte inside the quotes, its length in bytes) and the text it made.</summary>
    private readonly record struct Recent(int Start, int Length, string Text);
}
