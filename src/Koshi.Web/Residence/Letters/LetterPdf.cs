using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Koshi.Web.Residence.Letters;

/// <summary>One block of a letter, in reading order.</summary>
public abstract record LetterBlock;

public sealed record LetterHeading(string Text) : LetterBlock;

public sealed record LetterParagraph(string Text, bool Bold = false) : LetterBlock;

/// <summary>A label and its value on one line (the value wraps under itself).</summary>
public sealed record LetterField(string Label, string Value) : LetterBlock;

/// <summary>A line of a list: text on the left, an amount on the right.</summary>
public sealed record LetterRow(string Text, string Amount) : LetterBlock;

/// <summary>A letter ready to print: a heading line, a title, the blocks, and the footer text of every page.</summary>
public sealed record LetterDocument(string Language, string Header, string Title, IReadOnlyList<LetterBlock> Blocks, Func<int, int, string> PageFooter);

/// <summary>
/// The bundled DejaVu Sans (Residence/Letters/Fonts, Bitstream Vera licence): it covers Kazakh Cyrillic, and a fresh
/// machine need not have any font installed. PDFsharp takes one resolver per process, set before the first font use.
/// </summary>
internal sealed class LetterFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";
    private static readonly LetterFonts Instance = new();
    private static readonly Lock Gate = new();
    private static bool installed;
    private readonly Lazy<byte[]> regular = new(() => Load(RegularFace));
    private readonly Lazy<byte[]> bold = new(() => Load(BoldFace));

    public static void Install()
    {
        lock (Gate)
        {
            if (!installed)
            {
                GlobalFontSettings.FontResolver = Instance;
                installed = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? BoldFace : RegularFace);

    public byte[]? GetFont(string faceName) => faceName == BoldFace ? bold.Value : regular.Value;

    private static byte[] Load(string face)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Koshi.Web.Residence.Letters.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"The font {face}.ttf is not embedded in the application.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>Lays a <see cref="LetterDocument"/> out on A4 pages: words wrapped to the width, a new page when one is full.</summary>
public static class LetterPdf
{
    private const double Margin = 56;
    private const double FooterSpace = 36;

    public static byte[] Render(LetterDocument letter)
    {
        LetterFonts.Install();
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var body = new XFont(LetterFonts.Family, 10.5, XFontStyleEx.Regular, options);
        var strong = new XFont(LetterFonts.Family, 10.5, XFontStyleEx.Bold, options);
        var heading = new XFont(LetterFonts.Family, 12.5, XFontStyleEx.Bold, options);
        var title = new XFont(LetterFonts.Family, 16, XFontStyleEx.Bold, options);
        var small = new XFont(LetterFonts.Family, 8.5, XFontStyleEx.Regular, options);

        using var document = new PdfDocument();
        document.Info.Title = letter.Title;
        document.Info.Creator = "Koshi";
        var pages = new List<PdfPage>();
        XGraphics? gfx = null;
        double y = 0, width = 0, bottom = 0;

        void NewPage()
        {
            gfx?.Dispose();
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            pages.Add(page);
            gfx = XGraphics.FromPdfPage(page);
            width = page.Width.Point - 2 * Margin;
            bottom = page.Height.Point - Margin - FooterSpace;
            y = Margin;
        }

        void Lines(string text, XFont font, double indent = 0, double after = 4)
        {
            foreach (var line in Wrap(gfx!, text, font, width - indent))
            {
                var height = font.GetHeight();
                if (y + height > bottom)
                {
                    NewPage();
                }

                gfx!.DrawString(line, font, XBrushes.Black, new XRect(Margin + indent, y, width - indent, height), XStringFormats.TopLeft);
                y += height;
            }

            y += after;
        }

        NewPage();
        Lines(letter.Header, small, after: 10);
        Lines(letter.Title, title, after: 12);
        foreach (var block in letter.Blocks)
        {
            switch (block)
            {
                case LetterHeading h:
                    y += 8;
                    if (y + heading.GetHeight() * 3 > bottom)
                    {
                        NewPage();
                    }

                    Lines(h.Text, heading, after: 6);
                    break;
                case LetterParagraph p:
                    Lines(p.Text, p.Bold ? strong : body, after: 6);
                    break;
                case LetterField f:
                    Lines(f.Label + ": " + f.Value, body, after: 2);
                    break;
                case LetterRow r:
                    var amountWidth = gfx!.MeasureString(r.Amount, body).Width;
                    var lines = Wrap(gfx, r.Text, body, width - amountWidth - 24);
                    if (y + body.GetHeight() * lines.Count > bottom)
                    {
                        NewPage();
                    }

                    gfx.DrawString(r.Amount, body, XBrushes.Black, new XRect(Margin, y, width, body.GetHeight()), XStringFormats.TopRight);
                    foreach (var line in lines)
                    {
                        gfx.DrawString(line, body, XBrushes.Black, new XRect(Margin + 12, y, width - amountWidth - 24, body.GetHeight()), XStringFormats.TopLeft);
                        y += body.GetHeight();
                    }

                    y += 2;
                    break;
            }
        }

        gfx?.Dispose();
        for (var i = 0; i < pages.Count; i++)
        {
            using var footer = XGraphics.FromPdfPage(pages[i], XGraphicsPdfPageOptions.Append);
            var page = pages[i];
            footer.DrawString(letter.PageFooter(i + 1, pages.Count), small, XBrushes.Gray,
                new XRect(Margin, page.Height.Point - Margin - small.GetHeight(), page.Width.Point - 2 * Margin, small.GetHeight()), XStringFormats.TopLeft);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>Splits text into lines no wider than <paramref name="width"/>, at spaces; a word wider than a line is cut.</summary>
    private static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (gfx.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (line.Length > 1 && gfx.MeasureString(line, font).Width > width)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && gfx.MeasureString(line[..cut], font).Width > width)
                    {
                        cut--;
                    }

                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }
}
