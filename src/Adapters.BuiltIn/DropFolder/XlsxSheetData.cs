using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;

namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>
/// The rows and cells of a worksheet part's <c>sheetData</c>, read from the part's bytes as they unzip.
/// </summary>
/// <remarks>
/// XmlReader spent 8 to 10 µs of CPU a row of a 30-column export walking its nodes, and 4 to 6
/// more making strings of every value and attribute: with the mapping and the validation on the
/// same thread, more than the ledger's append of the row. The sheet data is plain and regular, so
/// this reader brings each row whole into its buffer with a vectorised search for the row's end
/// tag, reads the row's tags a byte at a time (they are too short for a vectorised search to pay
/// for its start), and makes strings of the cell values only, when they are asked for: a shared
/// string's index is read from the bytes, with no string made of it.
/// It reads what XmlReader gave the drop folder: character and entity references, CDATA, line ends
/// as <c>\n</c>, whitespace-only text dropped unless <c>xml:space="preserve"</c>, comments and
/// processing instructions ignored, any element it does not know skipped whole. It does not check
/// everything an XML parser would; what it cannot read gives an <see cref="InvalidDataException"/>,
/// and so does what would lose rows without a word: a part that is empty, not XML, or cut short
/// (before its root element's end, or inside its sheet data), and a row larger than the limit
/// (<see cref="DefaultMaxRowBytes"/>) it may grow its buffer to.
/// The methods that run for every row and cell are optimized when first called
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>): a file is read once per process, and
/// in tier 0 its first tens of thousands of rows cost about twice what they cost optimized.
/// </remarks>
internal sealed class XlsxSheetData : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly SearchValues<byte> TagEndOrQuote = SearchValues.Create(">\"'"u8);
    private static readonly SearchValues<byte> TextStop = SearchValues.Create("<&\r"u8);
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);
    private static readonly SearchValues<byte> EntityOrReturn = SearchValues.Create("&\r"u8);
    private static readonly SearchValues<byte> MarkupMark = SearchValues.Create("!?"u8);
    private static readonly SearchValues<char> WhitespaceChars = SearchValues.Create(" \t\r\n");

    /// <summary>
    /// The most bytes one row may take: a row is read whole into the buffer, and an untrusted file
    /// must not make it grow without end (nor past <see cref="Array.MaxLength"/>). A 16,384-column
    /// row of long texts is a few MiB.
    /// </summary>
    public const int DefaultMaxRowBytes = 64 * 1024 * 1024;

    private readonly int _maxBuffer;

    // Where the plain values decode: a longer one decodes on its own.
    private readonly char[] _chars = new char[4096];

    // Short values a sheet repeats (kinds, posts, codes, names), each decoded once while it repeats.
    private readonly RepeatedText _repeatedTexts = new();

    private Stream _stream;
    private byte[] _buffer;
    private byte[] _rowEndTag = [];
    private byte[] _plainPrefix = [];
    private byte[] _plainCell = "<c"u8.ToArray();
    private byte[] _plainStart = "<v>"u8.ToArray();
    private byte[] _plainEnd = "</v></c>"u8.ToArray();
    private byte[] _inlineStart = "<is><t>"u8.ToArray();
    private byte[] _inlineEnd = "</t></is></c>"u8.ToArray();

    // What followed the reference of the last plain cell read in full, to its start tag's '>', and the type and style it gave.
    private readonly byte[] _repeatedTail = new byte[64];
    private int _repeatedTailLength;
    private string? _repeatedType;
    private int _repeatedStyle;

    private int _start;
    private int _end;
    private bool _eof;
    private bool _inSheetData;
    private bool _sheetPreserves;
    private bool _rowPreserves;

    // The current row's content, whole in the buffer: the next byte to read and the row's end tag.
    private int _at;
    private int _rowEnd;

    // The current cell's value: plain text still in the buffer (a length of -1 when not), or the text the general path made of it.
    private int _valueAt;
    private int _valueLength = -1;
    private bool _valuePreserves;
    private string? _value;

    private XlsxSheetData(Stream stream, int maxRowBytes)
    {
        _stream = stream;
        // At least room for the longest markup start read at once (<![CDATA[).
        _maxBuffer = Math.Clamp(maxRowBytes, 1024, Array.MaxLength);
        _buffer = new byte[Math.Min(128 * 1024, _maxBuffer)];
    }

    /// <summary>The number of columns the sheet's dimension gives (its last column), or 0 when it gives none.</summary>
    public int Width { get; private set; }

    /// <summary>Reads the part in <paramref name="stream"/> up to its first row; disposes the stream when it cannot.</summary>
    /// <param name="stream">The part.</param>
    /// <param name="maxRowBytes">The most bytes one row may take; see <see cref="DefaultMaxRowBytes"/>.</param>
    /// <exception cref="InvalidDataException">The part is broken before its rows.</exception>
    public static XlsxSheetData Open(Stream stream, int maxRowBytes = DefaultMaxRowBytes)
    {
        var sheet = new XlsxSheetData(stream, maxRowBytes);
        try
        {
            sheet.MoveToSheetData();
            return sheet;
        }
        catch
        {
            sheet.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next row; false after the last. Its cells follow from <see cref="ReadCell"/>.</summary>
    /// <param name="number">The row's number (its r attribute), or null when it has none.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool ReadRow(out int? number)
    {
        number = null;
        while (_inSheetData)
        {
            // A part that ends before </sheetData> was cut short: the rows after are lost, not absent.
            if (!NextTag(out var tag))
            {
                throw Truncated();
            }

            if (tag.IsEnd)
            {
                // </sheetData>: the rest of the part holds no rows.
                _inSheetData = false;
                break;
            }

            var isRow = Local(tag).SequenceEqual("row"u8);

            // NextTag leaves the unread bytes at the tag's '<': from here on, positions relative to them.
            var close = tag.Close - _start;
            if (!isRow)
            {
                // Another element between rows: passed whole.
                _start += close + 1;
                if (!tag.SelfClosing)
                {
                    SkipElement();
                }

                continue;
            }

            if (tag.SelfClosing)
            {
                _start += close + 1;
                _at = _rowEnd = _start;
            }
            else
            {
                // The whole row into the buffer, so that its cells read without a refill.
                var qualifiedName = _buffer.AsSpan(tag.Name, tag.NameEnd - tag.Name);
                if (_rowEndTag.Length < 2 || !qualifiedName.SequenceEqual(_rowEndTag.AsSpan(2)))
                {
                    _rowEndTag = [.. "</"u8, .. qualifiedName];
                }

                var endTag = FindEndTag(close + 1);
                var endClose = FindTagEnd(endTag + 2);
                if (endClose < 0)
                {
                    throw Truncated();
                }

                tag = ParseTag(_start, _start + close);
                _at = _start + close + 1;
                _rowEnd = _start + endTag;
                _start += endClose + 1;
            }

            number = tag.Reference.IsPresent ? Integer(Bytes(tag.Reference)) : null;
            _rowPreserves = Preserves(tag, _sheetPreserves);
            return true;
        }

        _at = _rowEnd = 0;
        return false;
    }

    /// <summary>Moves to the row's next cell, whose value follows from <see cref="Value"/>; false after its last.</summary>
    /// <param name="column">The cell's zero-based column by its reference, or null when it has none.</param>
    /// <param name="type">The cell's type (its t attribute), or null when it has none.</param>
    /// <param name="style">The cell's style index (its s attribute), 0 when it has none.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool ReadCell(out int? column, out string? type, out int style)
    {
        _valueLength = -1;
        _value = null;
        if (TryReadPlainCell(out column, out type, out style))
        {
            return true;
        }

        column = null;
        type = null;
        style = 0;
        while (NextInnerTag(out var tag))
        {
            if (tag.IsEnd)
            {
                throw Broken("an end tag inside a row that closes nothing");
            }

            if (!Local(tag).SequenceEqual("c"u8))
            {
                SkipInner(tag);
                continue;
            }

            column = tag.Reference.IsPresent ? ColumnOf(Bytes(tag.Reference)) : null;
            type = tag.Type.IsPresent ? TypeOf(Bytes(tag.Type)) : null;
            style = tag.Style.IsPresent ? Integer(Bytes(tag.Style)) ?? 0 : 0;
            var preserves = Preserves(tag, _rowPreserves);
            if (!tag.SelfClosing && !TryReadPlainValue(tag, preserves))
            {
                _value = ReadCellContent(preserves);
            }

            return true;
        }

        return false;
    }

    /// <summary>The text of the cell's value (v) or inline string (is), or null when it has neither; asked for before the next row is read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Value() =>
        _valueLength >= 0 ? PlainText(_buffer.AsSpan(_valueAt, _valueLength), _valuePreserves) : _value;

    /// <summary>The cell's value when it is a number of up to nine digits, as a shared string's index is written, read without making its text; -1 when it is any other text or none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int ValueDigits() => _valueLength >= 0 ? Digits(_buffer.AsSpan(_valueAt, _valueLength)) : -1;

    public void Dispose() => _stream.Dispose();

    /// <summary>The zero-based column of a cell reference such as AB12; null when it has no column letters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int? ColumnOf(ReadOnlySpan<byte> reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var b in reference)
        {
            var letter = b is >= (byte)'a' and <= (byte)'z' ? b - 'a' + 'A' : b;
            if (letter is < 'A' or > 'Z')
            {
                break;
            }

            // XFD, the last column, has three letters.
            if (++letters > 3)
            {
                return null;
            }

            column = (column * 26) + (letter - 'A' + 1);
        }

        return letters == 0 ? null : column - 1;
    }

    private void MoveToSheetData()
    {
        // A UTF-16 part (it must start with its byte order mark) is read as UTF-8.
        var head = _stream.ReadAtLeast(_buffer.AsSpan(0, 2), 2, throwOnEndOfStream: false);
        _end = head;
        if (head == 2 && (_buffer[0], _buffer[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            var encoding = _buffer[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            _stream = Encoding.CreateTranscodingStream(_stream, encoding, Utf8);
            _end = 0;
        }

        // A part without sheetData is a sheet without rows only when it is whole: an empty part,
        // one that is not XML, or one cut short before its sheetData must not read as no rows.
        var first = true;
        var depth = 0;
        while (true)
        {
            if (!NextTag(out var tag))
            {
                throw new InvalidDataException(first ? "the part holds no XML element" : "the part ends before its sheet data");
            }

            _start = tag.Close + 1;
            if (tag.IsEnd)
            {
                if (--depth < 0)
                {
                    throw Broken("an end tag that closes nothing");
                }

                if (depth == 0)
                {
                    // The worksheet's end tag: a whole sheet without sheetData, which has no rows.
                    return;
                }

                continue;
            }

            var local = Local(tag);
            if (first || local.SequenceEqual("sheetData"u8))
            {
                // xml:space on the worksheet or its sheetData holds for every cell.
                _sheetPreserves = Preserves(tag, _sheetPreserves);
            }

            if (first && tag.SelfClosing)
            {
                // An empty worksheet element, whole: no rows.
                return;
            }

            first = false;
            depth += tag.SelfClosing ? 0 : 1;
            if (local.SequenceEqual("dimension"u8))
            {
                // The sheet's extent, e.g. A1:AD1001: every row is as wide as its last column.
                var extent = Bytes(tag.Reference);
                Width = ColumnOf(extent[(extent.IndexOf((byte)':') + 1)..]) is { } column ? column + 1 : 0;
            }
            else if (local.SequenceEqual("sheetData"u8))
            {
                _inSheetData = !tag.SelfClosing;
                return;
            }
        }
    }

    /// <summary>The next start or end tag of the part, past comments, processing instructions and text; false at the part's end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool NextTag(out Tag tag)
    {
        while (true)
        {
            // Text between tags is not kept: however much of it there is, the buffer need not grow.
            var open = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'<');
            if (open < 0)
            {
                _start = _end;
                if (Fill())
                {
                    continue;
                }

                tag = default;
                return false;
            }

            _start += open;
            if (SkipMarkup(out var skipped))
            {
                _start += skipped;
                continue;
            }

            var close = FindTagEnd(1);
            if (close < 0)
            {
                throw Truncated();
            }

            tag = ParseTag(_start, _start + close);
            return true;
        }
    }

    /// <summary>Past a comment, processing instruction or CDATA section at the start of the unread bytes: how many bytes it holds; false when a tag starts there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SkipMarkup(out int length)
    {
        length = StartsWith("<?"u8) || StartsWith("<!"u8) ? MarkupEnd(0) : 0;
        return length > 0;
    }

    /// <summary>Where the comment, processing instruction or CDATA section at <paramref name="markup"/> (relative to the unread bytes) ends: past its last byte.</summary>
    private int MarkupEnd(int markup)
    {
        while (_end - _start - markup < 9 && Fill())
        {
        }

        var rest = _buffer.AsSpan(_start + markup, _end - _start - markup);
        var end = MarkupTerminator(rest);
        var at = Find(markup + 2, end);
        return at < 0 ? throw Truncated() : at + end.Length;
    }

    /// <summary>
    /// Past the rest of an element between rows whose start tag was read, tag by tag: an element
    /// of its name inside it must not be taken for its end (the rows after it would be lost), and
    /// its text, not kept, need not fit in the buffer.
    /// </summary>
    private void SkipElement()
    {
        for (var depth = 1; depth > 0;)
        {
            if (!NextTag(out var tag))
            {
                throw Truncated();
            }

            _start = tag.Close + 1;
            depth += tag.IsEnd ? -1 : tag.SelfClosing ? 0 : 1;
        }
    }

    /// <summary>Where the end tag of the row being read into the buffer starts, from <paramref name="offset"/> (relative to the unread bytes), past comments, processing instructions and CDATA sections that hold it as text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FindEndTag(int offset)
    {
        while (true)
        {
            var at = Find(offset, _rowEndTag);
            if (at < 0)
            {
                throw Truncated();
            }

            if (MarkupBefore(offset, at) is var markup and >= 0)
            {
                offset = MarkupEnd(markup);
                continue;
            }

            // </row> or </row >, not </rows>.
            while (_start + at + _rowEndTag.Length >= _end)
            {
                if (!Fill())
                {
                    throw Truncated();
                }
            }

            var next = _buffer[_start + at + _rowEndTag.Length];
            if (next == '>' || Whitespace.Contains(next))
            {
                return at;
            }

            offset = at + 1;
        }
    }

    /// <summary>Where the first comment, processing instruction or CDATA section between <paramref name="offset"/> and <paramref name="limit"/> (relative to the unread bytes) starts; -1 when there is none.</summary>
    /// <remarks>Its '!' or '?' is looked for: a row seldom has either, and '&lt;' starts every tag.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int MarkupBefore(int offset, int limit)
    {
        while (true)
        {
            var found = _buffer.AsSpan(_start + offset, limit - offset).IndexOfAny(MarkupMark);
            if (found < 0)
            {
                return -1;
            }

            // offset > 0: it follows the '>' of the row's start tag or of markup skipped before.
            offset += found;
            if (_buffer[_start + offset - 1] == '<')
            {
                return offset - 1;
            }

            offset++;
        }
    }

    /// <summary>The '>' that ends the tag from <paramref name="offset"/> (relative to the unread bytes), past quoted attribute values; -1 when the part ends first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FindTagEnd(int offset)
    {
        while (true)
        {
            var at = FindAny(offset, TagEndOrQuote);
            if (at < 0 || _buffer[_start + at] == '>')
            {
                return at;
            }

            var quote = Find(at + 1, _buffer[_start + at] == '"' ? "\""u8 : "'"u8);
            if (quote < 0)
            {
                return -1;
            }

            offset = quote + 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool StartsWith(ReadOnlySpan<byte> value)
    {
        while (_end - _start < value.Length && Fill())
        {
        }

        return _buffer.AsSpan(_start, _end - _start).StartsWith(value);
    }

    /// <summary>Where <paramref name="value"/> next starts, from <paramref name="offset"/> on, reading more of the part as needed; -1 if nowhere.</summary>
    private int Find(int offset, ReadOnlySpan<byte> value) => Find(offset, value, any: null);

    /// <summary>Where the next of <paramref name="values"/> is, from <paramref name="offset"/> on; -1 if nowhere.</summary>
    private int FindAny(int offset, SearchValues<byte> values) => Find(offset, default, values);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Find(int offset, ReadOnlySpan<byte> value, SearchValues<byte>? any)
    {
        // After a miss the search goes on from where a match could still start: a value cut at the
        // buffer's end keeps its first bytes in view; a single byte keeps none.
        var keep = any is null ? value.Length - 1 : 0;
        while (true)
        {
            if (_start + offset <= _end)
            {
                var rest = _buffer.AsSpan(_start + offset, _end - _start - offset);
                var at = any is null ? rest.IndexOf(value) : rest.IndexOfAny(any);
                if (at >= 0)
                {
                    return offset + at;
                }

                offset = Math.Max(offset, _end - _start - keep);
            }

            if (!Fill())
            {
                return -1;
            }
        }
    }

    /// <summary>More of the part into the buffer, the unread bytes moved to its start; false at the part's end.</summary>
    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // A row larger than the buffer: it has to be whole in it, up to the limit.
            if (_buffer.Length >= _maxBuffer)
            {
                throw Broken($"a row larger than {_maxBuffer} bytes");
            }

            Array.Resize(ref _buffer, (int)Math.Min(2L * _buffer.Length, _maxBuffer));
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _eof = read == 0;
        return !_eof;
    }

    /// <summary>The next start or end tag inside the current row, past text, comments, processing instructions and CDATA; false at the row's end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool NextInnerTag(out Tag tag)
    {
        while (true)
        {
            // Between the tags of a row there is seldom anything: a look before a search.
            if (_at < _rowEnd && _buffer[_at] != '<')
            {
                var open = _buffer.AsSpan(_at, _rowEnd - _at).IndexOf((byte)'<');
                _at = open < 0 ? _rowEnd : _at + open;
            }

            if (_at >= _rowEnd)
            {
                tag = default;
                return false;
            }

            if (_at + 1 < _rowEnd && _buffer[_at + 1] is (byte)'?' or (byte)'!')
            {
                _at += InnerMarkupLength(_buffer.AsSpan(_at, _rowEnd - _at));
                continue;
            }

            tag = ScanTag(_at, _rowEnd);
            _at = tag.Close + 1;
            return true;
        }
    }

    /// <summary>What ends the processing instruction, comment or CDATA section at the start of <paramref name="rest"/>.</summary>
    private static ReadOnlySpan<byte> MarkupTerminator(ReadOnlySpan<byte> rest) =>
        rest.StartsWith("<?"u8) ? "?>"u8
            : rest.StartsWith("<!--"u8) ? "-->"u8
            : rest.StartsWith("<![CDATA["u8) ? "]]>"u8
            : throw Broken("a document type declaration, which a workbook part may not have");

    /// <summary>The length of the comment, processing instruction or CDATA section at the start of <paramref name="rest"/>.</summary>
    private static int InnerMarkupLength(ReadOnlySpan<byte> rest)
    {
        var end = MarkupTerminator(rest);
        var at = rest[2..].IndexOf(end);
        return at < 0 ? throw Broken("a comment, processing instruction or CDATA section that does not end in its row") : at + 2 + end.Length;
    }

    /// <summary>
    /// The next cell when it is written as writers write nearly every cell, with the prefix of the
    /// cell before: <c>&lt;c r="A1" t="s" s="1">&lt;v>text&lt;/v>&lt;/c></c> (or an inline string of
    /// one text, see <see cref="PlainValueLength"/>), its attributes only r, t and s, each as
    /// <c>name="value"</c>; false, having read nothing but the text before it, for any other.
    /// </summary>
    /// <remarks>
    /// Read in one pass, without the positions of a general tag: ScanTag and the value's checks
    /// after it took a third of the CPU of a 30-column export's rows.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadPlainCell(out int? column, out string? type, out int style)
    {
        column = null;
        type = null;
        style = 0;

        // The text between tags, which the general path passes too.
        if (_at < _rowEnd && _buffer[_at] != '<')
        {
            var open = _buffer.AsSpan(_at, _rowEnd - _at).IndexOf((byte)'<');
            _at = open < 0 ? _rowEnd : _at + open;
        }

        var cell = _buffer.AsSpan(_at, _rowEnd - _at);
        if (!cell.StartsWith(_plainCell))
        {
            return false;
        }

        if (TryReadRepeatedAttributes(cell, out column, out type, out style, out var end))
        {
            return TryReadPlainContent(cell, end, _rowPreserves);
        }

        ReadOnlySpan<byte> reference = default, typeName = default, styleIndex = default;
        bool hasReference = false, hasType = false;

        // Where the attributes after the reference start, when the reference is the first and only one: see TryReadRepeatedAttributes.
        var tailStart = -1;
        var references = 0;
        var at = _plainCell.Length;
        while (true)
        {
            var space = at;
            while (at < cell.Length && IsWhitespace(cell[at]))
            {
                at++;
            }

            if (at < cell.Length && cell[at] == '>')
            {
                break;
            }

            // Whitespace before each attribute: else a longer name (cc) or a self-closing cell.
            if (at == space || at + 3 >= cell.Length || cell[at + 1] != '=' || cell[at + 2] is not ((byte)'"' or (byte)'\''))
            {
                return false;
            }

            var quote = cell[at + 2];
            var valueStart = at + 3;
            var valueEnd = valueStart;
            while (valueEnd < cell.Length && cell[valueEnd] != quote)
            {
                valueEnd++;
            }

            if (valueEnd >= cell.Length)
            {
                return false;
            }

            var attribute = cell[valueStart..valueEnd];
            switch (cell[at])
            {
                case (byte)'r':
                    reference = attribute;
                    hasReference = true;
                    tailStart = references++ == 0 && at == _plainCell.Length + 1 && quote == '"' ? valueEnd + 1 : -1;
                    break;
                case (byte)'t':
                    typeName = attribute;
                    hasType = true;
                    break;
                case (byte)'s':
                    styleIndex = attribute;
                    break;
                default:
                    return false;
            }

            at = valueEnd + 1;
        }

        if (!TryReadPlainContent(cell, at + 1, _rowPreserves))
        {
            return false;
        }

        column = hasReference ? ColumnOf(reference) : null;
        type = hasType ? TypeOf(typeName) : null;
        style = Integer(styleIndex) ?? 0;
        if (tailStart > 0 && at + 1 - tailStart <= _repeatedTail.Length)
        {
            _repeatedTailLength = at + 1 - tailStart;
            cell[tailStart..(at + 1)].CopyTo(_repeatedTail);
            (_repeatedType, _repeatedStyle) = (type, style);
        }

        return true;
    }

    /// <summary>
    /// The cell's attributes when they are <c> r="..."</c> followed byte for byte by what followed
    /// the reference of the last cell read in full, up to its start tag's '>': the same type and
    /// style, without reading them again, as a sheet's cells of a column or a row mostly have.
    /// </summary>
    /// <param name="cell">The row's bytes from the cell's '&lt;', which starts with the plain cell's name.</param>
    /// <param name="end">Where the cell's content starts, after its start tag.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadRepeatedAttributes(ReadOnlySpan<byte> cell, out int? column, out string? type, out int style, out int end)
    {
        (column, type, style, end) = (null, null, 0, 0);
        var referenceStart = _plainCell.Length + 4;
        if (_repeatedTailLength == 0 || cell.Length <= referenceStart || !cell.Slice(_plainCell.Length, 4).SequenceEqual(" r=\""u8))
        {
            return false;
        }

        var referenceLength = cell[referenceStart..].IndexOf((byte)'"');
        if (referenceLength < 0 || !cell[(referenceStart + referenceLength + 1)..].StartsWith(_repeatedTail.AsSpan(0, _repeatedTailLength)))
        {
            return false;
        }

        column = ColumnOf(cell.Slice(referenceStart, referenceLength));
        (type, style) = (_repeatedType, _repeatedStyle);
        end = referenceStart + referenceLength + 1 + _repeatedTailLength;
        return true;
    }

    /// <summary>The cell's content from <paramref name="contentStart"/> when it is a plain value (see <see cref="PlainValueLength"/>), taken as the current cell's value; false, having taken nothing, for any other.</summary>
    /// <param name="cell">The row's bytes from the cell's next unread byte.</param>
    /// <param name="contentStart">Where the content starts in <paramref name="cell"/>, after the cell's start tag.</param>
    /// <param name="preserves">Whether the value's whitespace is kept (xml:space on the cell or around it).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadPlainContent(ReadOnlySpan<byte> cell, int contentStart, bool preserves)
    {
        var length = PlainValueLength(cell[contentStart..], out var textStart, out var stop);
        if (length < 0)
        {
            return false;
        }

        (_valueAt, _valueLength, _valuePreserves) = (_at + contentStart + textStart, stop, preserves);
        _at += contentStart + length;
        return true;
    }

    /// <summary>
    /// The content of a cell after its start tag when it is a value of plain text and nothing else,
    /// <c>&lt;v>text&lt;/v>&lt;/c></c> with the cell's prefix, as writers write nearly every cell
    /// (or an inline string of one text, see <see cref="PlainValueLength"/>): a few comparisons
    /// instead of the tags read; false, having read nothing, for any other content.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadPlainValue(Tag cell, bool preserves)
    {
        var prefix = _buffer.AsSpan(cell.Name, cell.LocalName - cell.Name);
        if (!prefix.SequenceEqual(_plainPrefix))
        {
            _plainPrefix = prefix.ToArray();
            _plainCell = [(byte)'<', .. prefix, (byte)'c'];
            _plainStart = [(byte)'<', .. prefix, (byte)'v', (byte)'>'];
            _plainEnd = [.. "</"u8, .. prefix, .. "v></"u8, .. prefix, .. "c>"u8];
            _inlineStart = [(byte)'<', .. prefix, .. "is><"u8, .. prefix, (byte)'t', (byte)'>'];
            _inlineEnd = [.. "</"u8, .. prefix, .. "t></"u8, .. prefix, .. "is></"u8, .. prefix, .. "c>"u8];
        }

        return TryReadPlainContent(_buffer.AsSpan(_at, _rowEnd - _at), 0, preserves);
    }

    /// <summary>
    /// The length of <c>&lt;v>text&lt;/v>&lt;/c></c>, or of <c>&lt;is>&lt;t>text&lt;/t>&lt;/is>&lt;/c></c>,
    /// with the prefix of the last cell read, at the start of <paramref name="content"/>, where its
    /// text starts and where it stops; -1 when the content is any other.
    /// </summary>
    /// <remarks>
    /// The second is an inline string of one text, as Apache POI's streaming writer (SXSSF, what a
    /// Java system's large export uses) writes every text cell: read by the general path it cost
    /// 9.1 µs of CPU a row of 30 cells, 3.1 on this path (the reader alone, median of ten rounds).
    /// Its text is the value ReadInlineString gives, whitespace kept as the row keeps it: neither
    /// tag has an attribute.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int PlainValueLength(ReadOnlySpan<byte> content, out int textStart, out int stop)
    {
        stop = 0;
        byte[] end;
        if (content.StartsWith(_plainStart))
        {
            (textStart, end) = (_plainStart.Length, _plainEnd);
        }
        else if (content.StartsWith(_inlineStart))
        {
            (textStart, end) = (_inlineStart.Length, _inlineEnd);
        }
        else
        {
            textStart = 0;
            return -1;
        }

        var text = content[textStart..];

        // An empty value, as a wide export has many: no search to start.
        stop = text.Length > 0 && text[0] == '<' ? 0 : text.IndexOfAny(TextStop);
        return stop >= 0 && text[stop..].StartsWith(end) ? textStart + stop + end.Length : -1;
    }

    /// <summary>The content of a cell after its start tag, to its end tag: the text of its value (v) or inline string (is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? ReadCellContent(bool preserves)
    {
        string? value = null;
        while (true)
        {
            if (!NextInnerTag(out var tag))
            {
                throw Broken("a cell without its end tag");
            }

            if (tag.IsEnd)
            {
                return value;
            }

            var local = Local(tag);
            if (local.SequenceEqual("v"u8))
            {
                value = tag.SelfClosing ? string.Empty : ReadText(Preserves(tag, preserves));
            }
            else if (local.SequenceEqual("is"u8))
            {
                value = ReadInlineString(tag, Preserves(tag, preserves));
            }
            else
            {
                // The formula (f) and extensions: the value is what was computed.
                SkipInner(tag);
            }
        }
    }

    /// <summary>The text of an inline string (is): its t, or its runs' t, not its phonetic reading (rPh).</summary>
    private string ReadInlineString(Tag tag, bool preserves)
    {
        if (tag.SelfClosing)
        {
            return string.Empty;
        }

        string? first = null;
        StringBuilder? runs = null;
        var depth = 0;

        // xml:space on a run holds for its t: the runs' own, outermost first (runs do not nest in a valid file).
        Stack<bool>? outer = null;
        while (true)
        {
            if (!NextInnerTag(out var child))
            {
                throw Broken("an inline string without its end tag");
            }

            if (child.IsEnd)
            {
                if (depth-- == 0)
                {
                    return runs?.ToString() ?? first ?? string.Empty;
                }

                preserves = outer!.Pop();
                continue;
            }

            var local = Local(child);
            if (local.SequenceEqual("t"u8))
            {
                var text = child.SelfClosing ? string.Empty : ReadText(Preserves(child, preserves));
                if (first is null)
                {
                    first = text;
                }
                else
                {
                    (runs ??= new StringBuilder(first)).Append(text);
                }
            }
            else if (local.SequenceEqual("r"u8) && !child.SelfClosing)
            {
                // Into the run, for its t; its properties (rPr) are skipped as any other element.
                (outer ??= new Stack<bool>()).Push(preserves);
                preserves = Preserves(child, preserves);
                depth++;
            }
            else
            {
                SkipInner(child);
            }
        }
    }

    /// <summary>Past the element whose start tag was read, with everything inside it.</summary>
    private void SkipInner(Tag tag)
    {
        var depth = tag.SelfClosing ? 0 : 1;
        while (depth > 0)
        {
            if (!NextInnerTag(out var inner))
            {
                throw Broken("an element without its end tag");
            }

            depth += inner.IsEnd ? -1 : inner.SelfClosing ? 0 : 1;
        }
    }

    /// <summary>The text of the element whose start tag was read, to its end tag, which it reads too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string ReadText(bool preserves)
    {
        var rest = _buffer.AsSpan(_at, _rowEnd - _at);
        var stop = rest.IndexOfAny(TextStop);
        if (stop >= 0 && rest[stop] == '<' && stop + 1 < rest.Length && rest[stop + 1] == '/')
        {
            // Text only, without references or \r, as nearly every value is.
            var text = PlainText(rest[..stop], preserves);
            _at = ScanTag(_at + stop, _rowEnd).Close + 1;
            return text;
        }

        var builder = new StringBuilder();
        while (true)
        {
            var lt = _buffer.AsSpan(_at, _rowEnd - _at).IndexOf((byte)'<');
            if (lt < 0)
            {
                throw Broken("a text without its end tag");
            }

            builder.Append(Text(_buffer.AsSpan(_at, lt), preserves));
            _at += lt;
            rest = _buffer.AsSpan(_at, _rowEnd - _at);
            if (rest.StartsWith("</"u8))
            {
                _at = ScanTag(_at, _rowEnd).Close + 1;
                return builder.ToString();
            }

            if (rest.StartsWith("<![CDATA["u8))
            {
                var length = InnerMarkupLength(rest);
                // Its line ends as XmlReader gives all line ends: \r\n and \r as \n.
                var cdata = Utf8.GetString(rest[9..(length - 3)]);
                builder.Append(cdata.Contains('\r', StringComparison.Ordinal) ? cdata.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : cdata);
                _at += length;
            }
            else if (rest.StartsWith("<?"u8) || rest.StartsWith("<!"u8))
            {
                _at += InnerMarkupLength(rest);
            }
            else
            {
                throw Broken("an element inside a text");
            }
        }
    }

    /// <summary>Text without references or \r: empty when it is whitespace only and whitespace is not preserved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string PlainText(ReadOnlySpan<byte> bytes, bool preserves)
    {
        if (bytes.IsEmpty || (!preserves && Whitespace.Contains(bytes[0]) && !bytes.ContainsAnyExcept(Whitespace)))
        {
            return string.Empty;
        }

        if (bytes.Length <= RepeatedText.MaxBytes)
        {
            return _repeatedTexts.Get(bytes) ?? _repeatedTexts.Keep(bytes, Decoded(bytes));
        }

        return Decoded(bytes);
    }

    /// <summary>The text of UTF-8 bytes; the decoder's exception for bytes that are not UTF-8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Decoded(ReadOnlySpan<byte> bytes)
    {
        // One pass over the bytes, then a copy: GetString reads them twice, to count the chars
        // and to decode them. A UTF-8 value has at most as many chars as bytes.
        if (bytes.Length <= _chars.Length
            && System.Text.Unicode.Utf8.ToUtf16(bytes, _chars, out _, out var length, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            return new string(_chars, 0, length);
        }

        // A longer value, or bytes that are not UTF-8: GetString's exception.
        return Utf8.GetString(bytes);
    }

    /// <summary>
    /// A run of text between tags as XmlReader reads it: references decoded, line ends as \n,
    /// empty when it is whitespace only and whitespace is not preserved.
    /// </summary>
    private static string Text(ReadOnlySpan<byte> bytes, bool preserves)
    {
        if (bytes.IsEmpty || (!preserves && !bytes.ContainsAnyExcept(Whitespace)))
        {
            return string.Empty;
        }

        if (!bytes.ContainsAny(EntityOrReturn))
        {
            return Utf8.GetString(bytes);
        }

        // Each reference and \r\n is longer than what it stands for: decoded in place.
        var rented = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var chars = rented.AsSpan(0, Utf8.GetChars(bytes, rented));
            var length = 0;
            for (var i = 0; i < chars.Length; i++)
            {
                var c = chars[i];
                if (c == '\r')
                {
                    chars[length++] = '\n';
                    if (i + 1 < chars.Length && chars[i + 1] == '\n')
                    {
                        i++;
                    }
                }
                else if (c != '&')
                {
                    chars[length++] = c;
                }
                else
                {
                    var semicolon = chars[i..].IndexOf(';');
                    if (semicolon < 0)
                    {
                        throw Broken("an '&' that starts no reference");
                    }

                    length += Reference(chars.Slice(i + 1, semicolon - 1), chars[length..]);
                    i += semicolon;
                }
            }

            // Whitespace-only as XmlReader sees it, after the references: &#32; is a space.
            return preserves || chars[..length].ContainsAnyExcept(WhitespaceChars) ? new string(chars[..length]) : string.Empty;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the character an entity or character reference (between '&amp;' and ';') stands for; returns how many chars it took.</summary>
    private static int Reference(ReadOnlySpan<char> name, Span<char> destination)
    {
        var entity = name switch
        {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => '\0',
        };
        if (entity != '\0')
        {
            destination[0] = entity;
            return 1;
        }

        var hex = name.StartsWith("#x");
        if (name.StartsWith("#")
            && int.TryParse(name[(hex ? 2 : 1)..], hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            && Rune.TryCreate(code, out var rune)
            && (!rune.IsBmp || XmlConvert.IsXmlChar((char)rune.Value)))
        {
            return rune.EncodeToUtf16(destination);
        }

        throw Broken($"a reference that is not an XML character or one of its five entities: &{name};");
    }

    /// <summary>Whether a tag's xml:space keeps whitespace-only text, or else what its parent's does.</summary>
    private bool Preserves(Tag tag, bool inherited)
    {
        var space = Bytes(tag.Space);
        return space.SequenceEqual("preserve"u8) || (!space.SequenceEqual("default"u8) && inherited);
    }

    private ReadOnlySpan<byte> Bytes(Slice slice) => _buffer.AsSpan(slice.Start, Math.Max(slice.Length, 0));

    /// <summary>An attribute's whole number, read as XlsxStyles reads one; null when it is not one.</summary>
    private static int? Integer(ReadOnlySpan<byte> text) =>
        Digits(text) is var number and >= 0 ? number
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// The number of up to nine digits, as writers write every row number and style, read without
    /// the general parse's look-up of the culture; -1 for any other text.
    /// </summary>
    private static int Digits(ReadOnlySpan<byte> text)
    {
        if (text.Length is 0 or > 9)
        {
            return -1;
        }

        var number = 0;
        foreach (var b in text)
        {
            var digit = b - '0';
            if ((uint)digit > 9)
            {
                return -1;
            }

            number = (number * 10) + digit;
        }

        return number;
    }

    private ReadOnlySpan<byte> Local(Tag tag) => _buffer.AsSpan(tag.LocalName, tag.NameEnd - tag.LocalName);

    private Tag ParseTag(int open, int close) => ScanTag(open, close + 1);

    /// <summary>The tag whose '&lt;' is at <paramref name="open"/>, to its '>' before <paramref name="limit"/>, past quoted attribute values.</summary>
    /// <remarks>A byte at a time: a tag is a few bytes, too few for a vectorised search to pay for its start.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Tag ScanTag(int open, int limit)
    {
        var buffer = _buffer.AsSpan(0, limit);
        var at = open + 1;
        var isEnd = at < buffer.Length && buffer[at] == '/';
        if (isEnd)
        {
            at++;
        }

        var name = at;
        var local = at;
        if (isEnd)
        {
            // An end tag has no attributes, and only a row's end tag needs its name (ReadRow finds it before).
            while (at < buffer.Length && buffer[at] != '>')
            {
                at++;
            }

            return at < buffer.Length ? new Tag(name, local, at, at, IsEnd: true, SelfClosing: false) : throw Broken("a tag that does not end in its row");
        }

        for (; at < buffer.Length; at++)
        {
            var b = buffer[at];
            if (b == ':')
            {
                local = at + 1;
            }
            else if (b is (byte)'>' or (byte)'/' || IsWhitespace(b))
            {
                break;
            }
        }

        // The attributes in the same pass: the few the sheet data needs are kept.
        var nameEnd = at;
        Slice reference = Slice.None, type = Slice.None, style = Slice.None, space = Slice.None;
        while (true)
        {
            while (at < buffer.Length && (IsWhitespace(buffer[at]) || buffer[at] == '/'))
            {
                at++;
            }

            if (at >= buffer.Length)
            {
                throw Broken("a tag that does not end in its row");
            }

            if (buffer[at] == '>')
            {
                break;
            }

            // r, t, s and ref without a prefix, space with xml's: xmlns:r or x:space are other
            // attributes. A prefixed name is kept from its ':', so that it is none of the first four.
            var qualified = at;
            var colon = -1;
            for (; at < buffer.Length && buffer[at] != '=' && buffer[at] != '>' && !IsWhitespace(buffer[at]); at++)
            {
                if (buffer[at] == ':' && colon < 0)
                {
                    colon = at;
                }
            }

            var attributeName = colon < 0 ? buffer[qualified..at] : buffer[colon..at];
            var isXml = colon - qualified == 3 && buffer[qualified..colon].SequenceEqual("xml"u8);
            while (at < buffer.Length && buffer[at] is not ((byte)'"' or (byte)'\'' or (byte)'>'))
            {
                at++;
            }

            if (at >= buffer.Length || buffer[at] == '>')
            {
                throw Broken("an attribute without a quoted value");
            }

            var quote = buffer[at];
            var valueStart = ++at;
            while (at < buffer.Length && buffer[at] != quote)
            {
                at++;
            }

            var value = new Slice(valueStart, at++ - valueStart);
            switch (attributeName.Length)
            {
                case 1 when attributeName[0] == 'r':
                case 3 when attributeName.SequenceEqual("ref"u8):
                    reference = value;
                    break;
                case 1 when attributeName[0] == 't':
                    type = value;
                    break;
                case 1 when attributeName[0] == 's':
                    style = value;
                    break;
                case 6 when isXml && attributeName.SequenceEqual(":space"u8):
                    space = value;
                    break;
            }
        }

        return new Tag(name, local, nameEnd, at, IsEnd: false, buffer[at - 1] == '/') { Reference = reference, Type = type, Style = style, Space = space };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static string? TypeOf(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("s"u8) ? "s"
        : type.SequenceEqual("str"u8) ? "str"
        : type.SequenceEqual("inlineStr"u8) ? "inlineStr"
        : type.SequenceEqual("n"u8) ? "n"
        : type.SequenceEqual("b"u8) ? "b"
        : type.SequenceEqual("e"u8) ? "e"
        : type.SequenceEqual("d"u8) ? "d"
        : Utf8.GetString(type);

    private static InvalidDataException Truncated() => new("the part ends inside its sheet data");

    private static InvalidDataException Broken(string what) => new($"the sheet data holds {what}");

    /// <summary>A tag's positions in the buffer: its name and local name (after a prefix), its '>', and the values of the attributes the sheet data needs.</summary>
    private readonly record struct Tag(int Name, int LocalName, int NameEnd, int Close, bool IsEnd, bool SelfClosing)
    {
        /// <summary>r, a row's number or a cell's reference; or ref, the dimension's extent.</summary>
        public Slice Reference { get; init; } = Slice.None;

        public Slice Type { get; init; } = Slice.None;

        public Slice Style { get; init; } = Slice.None;

        /// <summary>xml:space.</summary>
        public Slice Space { get; init; } = Slice.None;
    }

    /// <summary>Where an attribute's value is in the buffer; a length of -1 when the tag has no such attribute.</summary>
    private readonly record struct Slice(int Start, int Length)
    {
        public static Slice None => new(0, -1);

        public bool IsPresent => Length >= 0;
    }
}
