using System.Globalization;
using System.IO.Compression;
using System.Text;
using ExchangeNode.Adapters.BuiltIn.DropFolder;
using ExchangeNode.Tests.Support;
using MiniExcelLibs;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.DropFolder;

/// <summary>The rows and cell texts the drop folder reads from real .xlsx files: written by MiniExcel, or zipped by hand where a writer's choices matter.</summary>
public sealed class XlsxSheetReaderTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public void Read_MiniExcelExportOfTypedValues_GivesTheTextsACsvExportWould()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        MiniExcel.SaveAs(path, new[]
        {
            new Dictionary<string, object?>
            {
                ["serial"] = "320321-XK-001",
                ["count"] = 320321,
                ["amount"] = 3.25,
                ["ratio"] = 0.1 + 0.2,
                ["fee"] = 1.1m,
                ["accepted_on"] = new DateTime(2024, 1, 2),
                ["occurred_at"] = new DateTime(2024, 1, 2, 10, 30, 0),
                ["closed"] = true,
                ["opinion"] = "第一条\n第二条",
                ["code"] = "a_x0041_b",
                ["note"] = null,
            },
        });

        var row = Assert.Single(XlsxFileRows.Read(path));

        Assert.Equal(2, row.Number);
        Assert.Null(row.Error);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["serial"] = "320321-XK-001",
                ["count"] = "320321",
                ["amount"] = "3.25",
                ["ratio"] = "0.30000000000000004",
                ["fee"] = "1.1",
                ["accepted_on"] = "2024-01-02",
                ["occurred_at"] = "2024-01-02T10:30:00",
                ["closed"] = "true",
                ["opinion"] = "第一条\n第二条",
                ["code"] = "a_x0041_b",
                ["note"] = string.Empty,
            },
            row.Fields);
    }

    [Fact]
    public void Read_EmptyRowBetweenRows_IsSkippedAndTheRowsAfterKeepTheirSheetNumbers()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        MiniExcel.SaveAs(path, new[]
        {
            new Dictionary<string, object?> { ["serial"] = "A1", ["kind"] = "受理" },
            new Dictionary<string, object?> { ["serial"] = null, ["kind"] = " " },
            new Dictionary<string, object?> { ["serial"] = "A2", ["kind"] = "办结" },
        });

        var rows = XlsxFileRows.Read(path).ToList();

        Assert.Equal([2, 4], rows.Select(r => r.Number));
        Assert.Equal(["A1", "A2"], rows.Select(r => r.Fields["serial"]));
    }

    [Fact]
    public void Read_HandBuiltWorkbook_ReadsItsFirstSheetWithRichTextGapsAndDates()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(
            path,
            sheets: [("worksheets/sheet2.xml", """
                <dimension ref="A2:E5"/>
                <sheetData>
                  <row r="2">
                    <c r="A2" t="s"><v>0</v></c>
                    <c r="B2" t="inlineStr"><is><r><t>受理</t></r><r><rPr><b/></rPr><t>单位</t></r></is></c>
                    <c r="C2" t="inlineStr"><is><t>kind</t></is></c>
                    <c r="D2" t="inlineStr"><is><t>accepted_on</t></is></c>
                    <c r="E2" t="inlineStr"><is><t>deadline</t></is></c>
                  </row>
                  <row r="3">
                    <c r="A3" t="inlineStr"><is><t>FX-001</t></is></c>
                    <c r="B3" t="s"><v>1</v></c>
                    <c r="D3" s="1"><v>45293</v></c>
                    <c r="E3" s="2"><v>45293.5</v></c>
                  </row>
                  <row r="5">
                    <c r="A5" t="str"><f>"FX-"&amp;"002"</f><v>FX-002</v></c>
                    <c r="B5"><v>320321</v></c>
                    <c r="C5" t="e"><v>#N/A</v></c>
                    <c r="D5" s="1"><v>45294</v></c>
                    <c r="E5" t="s"><v>2</v></c>
                  </row>
                </sheetData>
                """), ("/xl/worksheets/sheet1.xml", """<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>not the first sheet</t></is></c></row></sheetData>""")],
            sharedStrings: """
                <si><t>case_serial</t></si>
                <si><r><t>丰县</t></r><r><rPr><b/></rPr><t>市场监管</t></r><rPh sb="0" eb="2"><t>フォンシェン</t></rPh></si>
                <si><t>第一条_x000D_第二条</t></si>
                """,
            styles: """
                <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\ h:mm"/></numFmts>
                <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>
                """);

        var rows = XlsxFileRows.Read(path).ToList();

        Assert.Equal([3, 5], rows.Select(r => r.Number));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["case_serial"] = "FX-001",
                ["受理单位"] = "丰县市场监管",
                ["kind"] = string.Empty,
                ["accepted_on"] = "2024-01-02",
                ["deadline"] = "2024-01-02T12:00:00",
            },
            rows[0].Fields);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["case_serial"] = "FX-002",
                ["受理单位"] = "320321",
                ["kind"] = "#N/A",
                ["accepted_on"] = "2024-01-03",
                ["deadline"] = "第一条\r第二条",
            },
            rows[1].Fields);
    }

    [Fact]
    public void Read_SharedStringCells_GiveTheTablesOwnStringsHoweverTheIndexIsWritten()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(
            path,
            sheets: [("worksheets/sheet1.xml", """
                <sheetData>
                  <row r="1">
                    <c r="A1" t="s"><v>1</v></c><c r="B1" t="s" s="0"><v>1</v></c><c r="C1" t="s"><v> 1 </v></c>
                    <c r="D1" t="s"><v>01</v></c><c r="E1" t="s"><v><![CDATA[1]]></v></c><c r="F1" t="s"><v>0</v></c>
                    <c r="G1" t="s"><v>2</v></c><c r="H1" t="s"><v>x</v></c><c r="I1" t="s"><v>1234567890</v></c>
                  </row>
                </sheetData>
                """)],
            sharedStrings: "<si><t>甲</t></si><si><t>丰县市场监管</t></si>");

        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(["丰县市场监管", "丰县市场监管", "丰县市场监管", "丰县市场监管", "丰县市场监管", "甲", "", "", ""], sheet.Cells);
        Assert.All(sheet.Cells.Take(5), cell => Assert.Same(sheet.Cells[0], cell));
    }

    [Fact]
    public void Read_CellsAndRowsWithoutReferences_FollowTheOnesBefore()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", """
            <sheetData>
              <row r="4"><c><v>1</v></c><c><v>2</v></c><c r="E4"><v>5</v></c><c><v>6</v></c></row>
              <row><c t="b"><v>1</v></c><c t="b"><v>0</v></c></row>
            </sheetData>
            """)]);

        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(4, sheet.RowNumber);
        Assert.Equal(["1", "2", "", "", "5", "6"], sheet.Cells);
        Assert.True(sheet.Read());
        Assert.Equal(5, sheet.RowNumber);
        Assert.Equal(["true", "false", "", "", "", ""], sheet.Cells);
        Assert.False(sheet.Read());
    }

    [Fact]
    public void Read_CellsOutOfOrderAndRowsWiderThanTheOnesBefore_LandInTheirColumns()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", """
            <sheetData>
              <row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c></row>
              <row r="2"><c r="B2"><v>2</v></c><c r="H2"><v>8</v></c><c r="D2"><v>4</v></c></row>
              <row r="3"><c r="A3"><v>1</v></c></row>
            </sheetData>
            """)]);

        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(["1", "", "3"], sheet.Cells);
        Assert.True(sheet.Read());
        Assert.Equal(["", "2", "", "4", "", "", "", "8"], sheet.Cells);
        Assert.True(sheet.Read());
        Assert.Equal(["1", "", "", "", "", "", "", ""], sheet.Cells);
        Assert.False(sheet.Read());
    }

    [Fact]
    public void Read_TimeFormats_GiveTimeSpansAndNumbersStayNumbers()
    {
        using var temp = new TempDirectory();
        var path = temp.File("times.xlsx");
        WriteWorkbook(
            path,
            sheets: [("worksheets/sheet1.xml", """
                <sheetData><row r="1">
                  <c r="A1" s="1"><v>0.5</v></c><c r="B1" s="2"><v>1.5</v></c><c r="C1" s="3"><v>1234.5</v></c><c r="D1" s="1"><v>1E+20</v></c>
                </row></sheetData>
                """)],
            styles: """
                <numFmts><numFmt numFmtId="164" formatCode="[h]:mm"/><numFmt numFmtId="165" formatCode="#,##0.00_);[Red](#,##0.00)"/></numFmts>
                <cellXfs><xf numFmtId="0"/><xf numFmtId="20"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>
                """);

        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(["12:00:00", "1.12:00:00", "1234.5", "1E+20"], sheet.Cells);
    }

    [Fact]
    public void Read_CellsWhoseAttributesAfterTheReferenceRepeatOrChange_KeepEachCellsOwnTypeAndStyle()
    {
        // Each cell's type and style are those of its own attributes, whether they repeat the cell
        // before's byte for byte (read once), differ in a byte, or repeat them over content that is
        // not a plain value.
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(
            path,
            sheets: [("worksheets/sheet1.xml", """
                <sheetData>
                  <row r="1"><c r="A1" t="str" s="1"><v>甲</v></c><c r="B1" t="str" s="1"><v>45292</v></c><c r="C1" s="1"><v>45292</v></c><c r="D1" s="2"><v>45292</v></c><c r="E1" s="2"><v>45292.5</v></c><c r="F1" s="22"><v>45292.5</v></c><c r="G1" t="s" s="2"><v>0</v></c><c r="H1" t="s" s="2"><v>1</v></c><c r="I1" t="str" s="1"><f>A1</f><v>甲</v></c><c r="J1" t="str" s="1"><v>乙</v></c><c r="K1" t="b" s="1"><v>1</v></c><c r="L1" t="str" s="1" ><v>丙</v></c><c r='M1' t="str" s="1"><v>丁</v></c><c r="N1" t="str" s="1"><v>戊</v></c><c r="O1" t="str" s="1" r="Q1"><v>己</v></c><c r="R1" t="str" s="1"><v>庚</v></c></row>
                  <row r="2"><c r="A2" s="2"><v>45293</v></c><c r="B2" s="2"><v>45294</v></c><c r="C2" t="str" s="2"><v>45295</v></c></row>
                </sheetData>
                """)],
            sharedStrings: "<si><t>共享一</t></si><si><t>共享二</t></si>",
            styles: """<cellXfs><xf numFmtId="0"/><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>""");

        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(
            ["甲", "45292", "45292", "2024-01-01", "2024-01-01T12:00:00", "45292.5", "共享一", "共享二", "甲", "乙", "true", "丙", "丁", "戊", "", "", "己", "庚"],
            sheet.Cells);
        Assert.True(sheet.Read());
        Assert.Equal(["2024-01-02", "2024-01-03", "45295", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""], sheet.Cells);
        Assert.False(sheet.Read());
    }

    [Fact]
    public void Read_ShortValuesRepeatedAndValuesSharingTheirFirstAndLastBytes_GiveEachCellsOwnText()
    {
        // Short values are decoded once while they repeat; values alike but for a byte, or of
        // another length, or longer than those kept, are each their own text.
        var values = new[]
        {
            "Accepted", "承办岗", "Accepted", "承办岗", "2026-01-19T07:26:00Z", "2026-01-20T07:26:00Z", "2026-01-19T07:26:00Z",
            "320321-2026-000001", "320321-2026-000011", "320321-2026-0000001", "a", "b", "a", new string('长', 11), new string('长', 11) + "x",
            "12345678", "12345679", "1234567", "12345678",
        };
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        var cells = string.Concat(values.Select((v, i) => $"""<c r="{(char)('A' + i)}1" t="str"><v>{v}</v></c>"""));
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", $"""<sheetData><row r="1">{cells}</row><row r="2">{cells}</row></sheetData>""")]);

        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(values, sheet.Cells);
        var first = sheet.Cells.ToList();
        Assert.True(sheet.Read());
        Assert.Equal(values, sheet.Cells);
        Assert.Same(first[0], sheet.Cells[0]);
        Assert.False(sheet.Read());
    }

    [Fact]
    public void Read_TwoHeaderColumnsOfOneName_StopsAtTheHeadersSheetRow()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", """
            <sheetData>
              <row r="2"><c r="A2" t="inlineStr"><is><t>kind</t></is></c><c r="B2" t="inlineStr"><is><t> kind </t></is></c></row>
              <row r="3"><c r="A3" t="inlineStr"><is><t>受理</t></is></c></row>
            </sheetData>
            """)]);

        var row = Assert.Single(XlsxFileRows.Read(path));

        Assert.Equal(2, row.Number);
        Assert.Contains("two header columns are named \"kind\"", row.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TextFileNamedXlsx_FailsSayingItIsNotAWorkbook()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        File.WriteAllText(path, "case_serial,kind\nA1,受理\n");

        var error = Assert.Throws<InvalidDataException>(() => XlsxFileRows.Read(path).ToList());

        Assert.Contains("not an .xlsx workbook: not a zip archive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ZipWithoutWorkbook_FailsNamingTheMissingPart()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            Add(zip, "word/document.xml", "<document/>");
        }

        var error = Assert.Throws<InvalidDataException>(() => XlsxFileRows.Read(path).ToList());

        Assert.StartsWith("xl/workbook.xml: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("this part is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SheetXmlCutShort_FailsNamingTheSheetAfterTheRowsBefore()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", """
            <sheetData>
              <row r="1"><c r="A1" t="inlineStr"><is><t>kind</t></is></c></row>
              <row r="2"><c r="A2" t="inlineStr"><is><t>受理</t></is></c></row>
              <row r="3"><c r="A3" t="inlineStr"><is><t>办
            """)], complete: false);
        using var rows = XlsxFileRows.Read(path).GetEnumerator();

        Assert.True(rows.MoveNext());
        Assert.Equal(2, rows.Current.Number);
        var error = Assert.Throws<InvalidDataException>(() => rows.MoveNext());

        Assert.StartsWith("xl/worksheets/sheet1.xml: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EntitiesCharacterReferencesAndLineEnds_GiveTheCharactersTheyStandFor()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", """
            <sheetData><row r="1">
              <c r="A1" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &quot;d&apos; &#x4E2D;&#25991; &#x1F600;</t></is></c>
              <c r="B1" t="str"><v>第一行&#13;&#10;第二行</v></c>
            """ + "<c r=\"C1\" t=\"str\"><v>第一行\r\n第二行\r第三行</v></c>" + """
            </row></sheetData>
            """)]);

        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(["a & b <c> \"d' 中文 😀", "第一行\r\n第二行", "第一行\n第二行\n第三行"], sheet.Cells);
    }

    [Fact]
    public void Read_InlineRichText_GivesItsRunsTextsNotTheirFormatsNorThePhoneticReading()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", """
            <sheetData><row r="1"><c r="A1" t="inlineStr"><is>
              <r><rPr><b/><sz val="11"/></rPr><t>丰县</t></r>
              <r><t xml:space="preserve"> 市场 </t></r>
              <r><rPr><i/></rPr><t>监管</t></r>
              <rPh sb="0" eb="2"><t>フォンシェン</t></rPh>
            </is></c></row></sheetData>
            """)]);

        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(["丰县 市场 监管"], sheet.Cells);
    }

    [Fact]
    public void Read_WhitespaceOnlyText_IsEmptyUnlessXmlSpacePreservesIt()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", """
            <sheetData><row r="1">
              <c r="A1" t="str"><v>  </v></c>
              <c r="B1" t="inlineStr"><is><t xml:space="preserve">  </t></is></c>
              <c r="C1" t="str"><v> 1 </v></c>
              <c r="D1" t="inlineStr" xml:space="preserve"><is><t> </t></is></c>
            </row></sheetData>
            """)]);

        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(["", "  ", " 1 ", " "], sheet.Cells);
    }

    [Fact]
    public void Read_InlineStringsAsPoiStreamsThem_GiveTheTextsTheGeneralFormsGive()
    {
        // Apache POI's streaming writer puts every text in its cell as <is><t>…</t></is>: read in
        // one pass, as a value is. Beside them, inline strings of other forms, which only look alike.
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", $"""
            <x:sheetData xmlns:x="{Main}">
              <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>受理</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t></x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t> </x:t></x:is></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>a &amp; b</x:t></x:is></x:c><x:c r="E1" t="inlineStr"><x:is><x:t>a</x:t><x:t>b</x:t></x:is></x:c><x:c r="F1" t="inlineStr"><x:is><x:t>x</x:t></x:is><x:v>9</x:v></x:c><x:c r="G1" t="inlineStr"><x:is><x:t>办结</x:t></x:is></x:c></x:row>
              <x:row r="2" xml:space="preserve"><x:c r="A2" t="inlineStr"><x:is><x:t> </x:t></x:is></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>FX-001</x:t></x:is></x:c></x:row>
              <x:row r="3"><x:c r="A3" t="s"><x:is><x:t>0</x:t></x:is></x:c><x:c r="B3" t="inlineStr"><x:is><x:t>a
            b</x:t></x:is></x:c><x:c r="C3" t="inlineStr"><x:is><x:t>c</x:t></x:is></x:c></x:row>
            </x:sheetData>
            """)], sharedStrings: "<si><t>共享</t></si>");

        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(["受理", "", "", "a & b", "ab", "9", "办结"], sheet.Cells);
        Assert.True(sheet.Read());
        Assert.Equal([" ", "FX-001", "", "", "", "", ""], sheet.Cells);
        Assert.True(sheet.Read());
        Assert.Equal(["共享", "a\nb", "c", "", "", "", ""], sheet.Cells);
        Assert.False(sheet.Read());
    }

    [Fact]
    public void Read_EmptyCellsAndRowsInTheirShortForms_AreEmptyTextAsWideAsTheRowsBefore()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", """
            <sheetData>
              <row r="1"><c r="A1"/><c r="B1"><v/></c><c r="C1" t="inlineStr"><is/></c><c r="D1" t="s"></c><c r="E1"><v>1</v></c></row>
              <row r="2"/>
              <row r="3"></row>
              <row r="4"><c r="B4" t="str"><v>x</v></c></row>
            </sheetData>
            """)]);

        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(["", "", "", "", "1"], sheet.Cells);
        Assert.True(sheet.Read());
        Assert.Equal(2, sheet.RowNumber);
        Assert.Equal(["", "", "", "", ""], sheet.Cells);
        Assert.True(sheet.Read());
        Assert.Equal(3, sheet.RowNumber);
        Assert.Equal(["", "", "", "", ""], sheet.Cells);
        Assert.True(sheet.Read());
        Assert.Equal(4, sheet.RowNumber);
        Assert.Equal(["", "x", "", "", ""], sheet.Cells);
        Assert.False(sheet.Read());
    }

    [Fact]
    public void Read_PrefixedNamesCommentsCdataFormulasAndExtensions_GiveTheCellValues()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", $"""
            <x:dimension xmlns:x="{Main}" ref="A1:D1"/>
            <!-- <sheetData> in a comment --><?writer pass?>
            <x:sheetData xmlns:x="{Main}">
              <!-- <x:row r="9"> -->
              <x:row r = '1' spans="1:4">
                <x:c r="A1" t="str"><x:f>"FX-"&amp;"001"</x:f><x:v>FX-001</x:v></x:c>
                <x:c r="B1" t="str"><x:v><![CDATA[<受理> & 办结]]></x:v></x:c>
                <x:c r="C1"><x:extLst><x:ext uri="{"{"}00000000-0000-0000-0000-000000000000{"}"}"><x:v>9</x:v></x:ext></x:extLst><x:v>3</x:v></x:c>
              </x:row>
            </x:sheetData>
            """)]);

        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(1, sheet.RowNumber);
        Assert.Equal(["FX-001", "<受理> & 办结", "3", ""], sheet.Cells);
        Assert.False(sheet.Read());
    }

    [Fact]
    public void Read_RowsLongerThanTheReadBufferAndRowsAcrossItsEdges_ReadWhole()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        var texts = Enumerable.Range(1, 3000).Select(i => i == 1500 ? new string('长', 200_000) : $"第{i}行" + new string('x', i % 97)).ToList();
        var rows = string.Concat(texts.Select((t, i) => $"""<row r="{i + 1}"><c r="A{i + 1}" t="inlineStr"><is><t>{t}</t></is></c><c r="B{i + 1}"><v>{i + 1}</v></c></row>"""));
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", $"<sheetData>{rows}</sheetData>")]);

        using var sheet = XlsxSheetReader.Open(path);
        var read = new List<(int, string, string)>();
        while (sheet.Read())
        {
            read.Add((sheet.RowNumber, sheet.Cells[0], sheet.Cells[1]));
        }

        Assert.Equal(texts.Select((t, i) => (i + 1, t, (i + 1).ToString(CultureInfo.InvariantCulture))), read);
    }

    [Fact]
    public void Read_Utf16SheetPart_ReadsAsTheSameText()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(
            path,
            sheets: [("worksheets/sheet1.xml", """<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>受理 &amp; 办结</t></is></c></row></sheetData>""")],
            sheetEncoding: new UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(["受理 & 办结"], sheet.Cells);
    }

    [Theory]
    [InlineData("""<c r="A2" t="str"><v>&bogus;</v></c>""")]
    [InlineData("""<c r="A2" t="str"><v>&#0;</v></c>""")]
    [InlineData("""<c r="A2" t="str"><v>a<b/>c</v></c>""")]
    [InlineData("""<c r="A2" t="str" <v>x</v></c>""")]
    public void Read_BrokenCell_FailsNamingTheSheetAfterTheRowsBefore(string cell)
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", $"""
            <sheetData>
              <row r="1"><c r="A1" t="str"><v>kind</v></c></row>
              <row r="2">{cell}</row>
            </sheetData>
            """)]);
        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        var error = Assert.Throws<InvalidDataException>(() => sheet.Read());

        Assert.StartsWith("xl/worksheets/sheet1.xml: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SheetPartCutOffBetweenRows_FailsNamingTheSheetAfterTheRowsBefore()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", """
            <sheetData>
              <row r="1"><c r="A1" t="str"><v>kind</v></c></row>
              <row r="2"><c r="A2" t="str"><v>受理</v></c></row>
            """)], complete: false);
        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.True(sheet.Read());
        var error = Assert.Throws<InvalidDataException>(() => sheet.Read());

        Assert.StartsWith("xl/worksheets/sheet1.xml: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("serial,kind\nA1,受理\n")]
    [InlineData("""<?xml version="1.0"?>""")]
    [InlineData("""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B2"/>""")]
    [InlineData("""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews></sheetViews></worksheet""")]
    public void Read_SheetPartEmptyNotXmlOrCutOffBeforeItsSheetData_FailsNamingTheSheet(string part)
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", part)], asIs: true);

        var error = Assert.Throws<InvalidDataException>(() => XlsxFileRows.Read(path).ToList());

        Assert.StartsWith("xl/worksheets/sheet1.xml: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>""")]
    [InlineData("""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/></worksheet>""")]
    [InlineData("""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>""")]
    public void Read_WorksheetWithoutRows_ReadsNoRows(string part)
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", part)], asIs: true);

        using var sheet = XlsxSheetReader.Open(path);

        Assert.False(sheet.Read());
    }

    [Fact]
    public void Read_RowLargerThanTheLimit_FailsNamingTheSheetAfterTheRowsBefore()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", $"""
            <sheetData>
              <row r="1"><c r="A1" t="str"><v>{new string('x', 40_000)}</v></c></row>
              <row r="2"><c r="A2" t="str"><v>{new string('x', 70_000)}</v></c></row>
              <row r="3"><c r="A3" t="str"><v>kind</v></c></row>
            </sheetData>
            """)]);
        using var sheet = XlsxSheetReader.Open(path, maxRowBytes: 64 * 1024);

        Assert.True(sheet.Read());
        var error = Assert.Throws<InvalidDataException>(() => sheet.Read());

        Assert.StartsWith("xl/worksheets/sheet1.xml: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("a row larger than 65536 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ElementsNestedInOneOfTheirNameBetweenRows_AreSkippedWholeAndTheRowsAfterRead()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", """
            <sheetData>
              <row r="1"><c r="A1" t="str"><v>kind</v></c></row>
              <foo><foo></foo><foo/><!-- </foo> --></foo>
              <x:foo xmlns:x="urn:x"><x:foo><x:foo></x:foo></x:foo></x:foo>
              <row r="2"><c r="A2" t="str"><v>受理</v></c></row>
            </sheetData>
            """)]);
        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.True(sheet.Read());
        Assert.Equal(2, sheet.RowNumber);
        Assert.Equal(["受理"], sheet.Cells);
        Assert.False(sheet.Read());
    }

    [Fact]
    public void Read_PrefixedAttributesOfTheNamesItReads_AreNotTakenForThem()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", """
            <sheetData>
              <row r="5" xmlns:r="urn:r"><c r="B5" t="str" xmlns:t="urn:t" x:r="Z9" x:t="b" x:s="3" xmlns:x="urn:x"><v>受理</v></c></row>
              <row r="6"><c r="A6" t="str" foo:space="preserve" xmlns:foo="urn:foo"><v> </v></c><c r="B6" t="str" xml:space="preserve"><v> </v></c></row>
            </sheetData>
            """)]);
        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(5, sheet.RowNumber);
        Assert.Equal(["", "受理"], sheet.Cells);
        Assert.True(sheet.Read());
        Assert.Equal(6, sheet.RowNumber);
        Assert.Equal(["", " "], sheet.Cells);
    }

    [Fact]
    public void Read_RowEndTagInsideCdataCommentOrInstructionOfARow_DoesNotEndTheRow()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", """
            <sheetData>
              <row r="1"><c r="A1" t="str"><v><![CDATA[a</row>b]]></v></c><!-- </row> --><?pi </row>?><c r="B1"><v>2</v></c></row>
              <row r="2"><c r="A2" t="str"><v>受理</v></c></row>
            </sheetData>
            """)]);
        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(["a</row>b", "2"], sheet.Cells);
        Assert.True(sheet.Read());
        Assert.Equal(["受理", ""], sheet.Cells);
        Assert.False(sheet.Read());
    }

    [Fact]
    public void Read_WhitespaceByReferenceCdataLineEndsAndXmlSpaceOnARun_ReadAsXmlReaderReadsThem()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.xlsx");
        WriteWorkbook(path, sheets: [("worksheets/sheet1.xml", """
            <sheetData><row r="1">
              <c r="A1" t="str"><v>&#32;&#x9;</v></c>
              <c r="B1" t="str" xml:space="preserve"><v>&#32;</v></c>
            """ + "<c r=\"C1\" t=\"str\"><v><![CDATA[一\r\n二\r三]]></v></c>" + """
              <c r="D1" t="inlineStr"><is><r xml:space="preserve"><t> </t></r><r><t>x</t></r></is></c>
              <c r="E1" t="inlineStr"><is><r><t> </t></r><r><t>x</t></r></is></c>
            </row></sheetData>
            """)]);

        using var sheet = XlsxSheetReader.Open(path);

        Assert.True(sheet.Read());
        Assert.Equal(["", " ", "一\n二\n三", " x", "x"], sheet.Cells);
    }

    /// <summary>
    /// A workbook zipped by hand: the sheets in the order the workbook lists them, each at its
    /// relationship target (relative to xl/ or absolute), their XML inside the worksheet element
    /// (or, <paramref name="asIs"/>, the whole part as given).
    /// </summary>
    private static void WriteWorkbook(
        string path, (string Target, string Xml)[] sheets, string? sharedStrings = null, string? styles = null, bool complete = true, Encoding? sheetEncoding = null, bool asIs = false)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var listed = string.Concat(sheets.Select((s, i) => $"""<sheet name="Sheet{i + 1}" sheetId="{i + 1}" r:id="rId{i + 1}"/>"""));
        Add(zip, "xl/workbook.xml", $"""<workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{listed}</sheets></workbook>""");
        var relationships = sheets.Select((s, i) => $"""<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="{s.Target}"/>""").ToList();
        if (sharedStrings is not null)
        {
            relationships.Add("""<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>""");
            Add(zip, "xl/sharedStrings.xml", $"""<sst xmlns="{Main}">{sharedStrings}</sst>""");
        }

        if (styles is not null)
        {
            relationships.Add("""<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""");
            Add(zip, "xl/styles.xml", $"""<styleSheet xmlns="{Main}">{styles}</styleSheet>""");
        }

        Add(zip, "xl/_rels/workbook.xml.rels", $"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{string.Concat(relationships)}</Relationships>""");
        foreach (var (target, xml) in sheets)
        {
            var part = target.StartsWith('/') ? target[1..] : "xl/" + target;
            if (asIs)
            {
                // The part's bytes exactly as given: no declaration, no worksheet element.
                using var writer = new StreamWriter(zip.CreateEntry(part).Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                writer.Write(xml);
                continue;
            }

            Add(zip, part, $"""<worksheet xmlns="{Main}">{xml}""" + (complete ? "</worksheet>" : string.Empty), sheetEncoding);
        }
    }

    private static void Add(ZipArchive zip, string name, string text, Encoding? encoding = null)
    {
        encoding ??= new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), encoding);
        writer.Write($"""<?xml version="1.0" encoding="{encoding.WebName}" standalone="yes"?>""" + "\n" + text);
    }
}
