using System.Text;

namespace ExchangeNode.Adapters.BuiltIn.Text;

/// <summary>
/// Decodes the text files departments export: UTF-8 (with or without BOM) or, from older
/// Windows systems, GB18030/GBK.
/// </summary>
/// <remarks>
/// Without an explicit encoding the first <see cref="DetectionWindow"/> bytes decide: a UTF-8
/// BOM or bytes that are strictly valid UTF-8 mean UTF-8, anything else GB18030 (a superset of
/// GBK and GB2312). A file detected as UTF-8 is then decoded strictly, so an invalid byte past
/// the window throws <see cref="DecoderFallbackException"/> instead of becoming U+FFFD in a record.
/// </remarks>
public static class TextFileDecoder
{
    /// <summary>How many bytes at the start of a file decide its encoding.</summary>
    public const int DetectionWindow = 64 * 1024;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    // Emits (and so lets StreamReader skip) a BOM; throws on invalid bytes.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    private static readonly Lazy<bool> CodePagesRegistered = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    /// <summary>The encoding for an explicit name: <c>utf-8</c> (or <c>utf8</c>), <c>gb18030</c>, <c>gbk</c> (or <c>cp936</c>), any case.</summary>
    /// <exception cref="ArgumentException">The name is not one of those.</exception>
    public static Encoding Resolve(string encodingName)
    {
        ArgumentNullException.ThrowIfNull(encodingName);
        _ = CodePagesRegistered.Value;
        return encodingName.Trim().ToUpperInvariant() switch
        {
            "UTF-8" or "UTF8" => StrictUtf8,
            "GB18030" => Encoding.GetEncoding(54936),
            "GBK" or "CP936" => Encoding.GetEncoding(936),
            _ => throw new ArgumentException(
                $"不支持的文件编码 \"{encodingName}\"，可用 utf-8、gb18030、gbk (unsupported encoding)", nameof(encodingName)),
        };
    }

    /// <summary>The short name of an encoding this class returns: <c>utf-8</c>, <c>gb18030</c> or <c>gbk</c>.</summary>
    public static string NameOf(Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return encoding.CodePage switch
        {
            65001 => "utf-8",
            54936 => "gb18030",
            936 => "gbk",
            _ => encoding.WebName,
        };
    }

    /// <summary>
    /// Detects the encoding of <paramref name="head"/>, the start of a file;
    /// <paramref name="isWholeFile"/> says whether it is all of it (a multi-byte character cut
    /// at the end of a partial head is not held against UTF-8).
    /// </summary>
    public static Encoding Detect(ReadOnlySpan<byte> head, bool isWholeFile)
    {
        if (head.StartsWith(Utf8Bom))
        {
            return StrictUtf8;
        }

        try
        {
            StrictUtf8.GetDecoder().GetCharCount(head, flush: isWholeFile);
            return StrictUtf8;
        }
        catch (DecoderFallbackException)
        {
            return Resolve("gb18030");
        }
    }

    /// <summary>Decodes a whole byte buffer, dropping a UTF-8 BOM.</summary>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string? encodingName = null)
    {
        var encoding = encodingName is null ? Detect(bytes, isWholeFile: true) : Resolve(encodingName);
        if (encoding.CodePage == 65001 && bytes.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }

        return new DecodedText(encoding.GetString(bytes), NameOf(encoding));
    }

    /// <summary>Reads and decodes a whole file; for large files prefer <see cref="OpenReader"/>.</summary>
    public static DecodedText ReadAllText(string path, string? encodingName = null) =>
        Decode(File.ReadAllBytes(path), encodingName);

    /// <summary>
    /// Opens a file for streaming: the encoding is detected from its first
    /// <see cref="DetectionWindow"/> bytes (unless named) and then the file is read through a
    /// <see cref="StreamReader"/> that skips a UTF-8 BOM. The reader's
    /// <see cref="StreamReader.CurrentEncoding"/> is the encoding used (see <see cref="NameOf"/>).
    /// </summary>
    public static StreamReader OpenReader(string path, string? encodingName = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024);
        try
        {
            Encoding encoding;
            if (encodingName is not null)
            {
                encoding = Resolve(encodingName);
            }
            else
            {
                var head = new byte[DetectionWindow];
                var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
                encoding = Detect(head.AsSpan(0, length), isWholeFile: length < head.Length);
                stream.Position = 0;
            }

            // A named UTF-8 file may still carry a BOM; StreamReader skips the preamble of the
            // encoding it is given, and the strict UTF-8 instance has one.
            return new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
