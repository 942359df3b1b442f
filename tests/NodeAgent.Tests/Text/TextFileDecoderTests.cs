using System.Text;
using ExchangeNode.Adapters.BuiltIn.Text;
using ExchangeNode.Tests.Support;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Text;

public sealed class TextFileDecoderTests
{
    private const string Chinese = "权力编码,权力名称\n320321-XK-001,食品经营许可（丰县）\n";

    private static byte[] Gb18030(string text) => TextFileDecoder.Resolve("gb18030").GetBytes(text);

    [Fact]
    public void Decode_Gb18030File_RoundTripsItsChineseText()
    {
        using var temp = new TempDirectory();
        var path = temp.File("powers.csv");
        File.WriteAllBytes(path, Gb18030(Chinese));

        var decoded = TextFileDecoder.ReadAllText(path);

        Assert.Equal("gb18030", decoded.EncodingName);
        Assert.Equal(Chinese, decoded.Text);
    }

    [Fact]
    public void Decode_Utf8WithoutBom_IsUtf8()
    {
        var decoded = TextFileDecoder.Decode(Encoding.UTF8.GetBytes(Chinese));

        Assert.Equal("utf-8", decoded.EncodingName);
        Assert.Equal(Chinese, decoded.Text);
    }

    [Fact]
    public void Decode_Utf8WithBom_DropsTheBom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Chinese)).ToArray();

        var decoded = TextFileDecoder.Decode(bytes);

        Assert.Equal("utf-8", decoded.EncodingName);
        Assert.Equal(Chinese, decoded.Text);
    }

    [Fact]
    public void Decode_ExplicitGbk_IsHonoured()
    {
        var decoded = TextFileDecoder.Decode(Gb18030("丰县"), "GBK");

        Assert.Equal("gbk", decoded.EncodingName);
        Assert.Equal("丰县", decoded.Text);
    }

    [Fact]
    public void Decode_ExplicitUtf8OnGbBytes_FailsInsteadOfGuessing()
    {
        Assert.Throws<DecoderFallbackException>(() => TextFileDecoder.Decode(Gb18030("丰县"), "utf-8"));
    }

    [Fact]
    public void Resolve_UnknownEncodingName_SaysWhichAreAccepted()
    {
        var ex = Assert.Throws<ArgumentException>(() => TextFileDecoder.Resolve("big5"));

        Assert.Contains("gb18030", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_WindowCutInsideAUtf8Character_IsStillUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes("丰县");
        var cut = bytes.AsSpan(0, 4);

        Assert.Equal(65001, TextFileDecoder.Detect(cut, isWholeFile: false).CodePage);
        Assert.Equal(54936, TextFileDecoder.Detect(cut, isWholeFile: true).CodePage);
    }

    [Fact]
    public void OpenReader_Gb18030FileLargerThanTheWindow_StreamsIt()
    {
        using var temp = new TempDirectory();
        var path = temp.File("big.csv");
        var text = string.Concat(Enumerable.Repeat("丰县市场监督管理局,行政许可\n", 10_000));
        File.WriteAllBytes(path, Gb18030(text));

        using var reader = TextFileDecoder.OpenReader(path);

        Assert.Equal("gb18030", TextFileDecoder.NameOf(reader.CurrentEncoding));
        Assert.Equal(text, reader.ReadToEnd());
    }

    [Fact]
    public void OpenReader_Utf8WithBom_SkipsTheBom()
    {
        using var temp = new TempDirectory();
        var path = temp.File("bom.csv");
        File.WriteAllText(path, "code,name\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        using var reader = TextFileDecoder.OpenReader(path);

        Assert.Equal("utf-8", TextFileDecoder.NameOf(reader.CurrentEncoding));
        Assert.Equal("code,name", reader.ReadLine());
    }
}
