using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace BitcoinEvents.TestSupport;

/// <summary>A QR code read back: its text, and its error correction level (L, M, Q, H) where ZXing reports one.</summary>
public sealed record QrRead(string Text, string? ErrorCorrection);

/// <summary>How <see cref="QrReader"/> finds the symbol in the picture.</summary>
public enum QrDetection
{
    /// <summary>By its finder patterns only, as a phone's camera app does.</summary>
    FinderPatterns,

    /// <summary>
    /// By its finder patterns first; where ZXing.Net's detector misses, the module grid read
    /// directly (ZXing's pure-barcode mode: a symbol upright on a clean background). ZXing.Net's
    /// detector misses a few percent of the large (version 20+) symbols a signed ticket can need
    /// (measured: 4 of 150 random tokens at the longest holder name), although every one of them
    /// decodes to the exact token from its modules; the quiet zone and the module grid are checked
    /// by their own test (tests/BitcoinEvents.Tickets.Tests, TicketQrCodeTests).
    /// </summary>
    FinderPatternsOrModuleGrid,
}

/// <summary>
/// Reads QR codes back the way a scanner would, with code that is not ours: libpng (through
/// SkiaSharp) decodes the PNG, ZXing finds and decodes the symbol from the pixels (finder
/// patterns; the module grid directly only when the caller asks for
/// <see cref="QrDetection.FinderPatternsOrModuleGrid"/>). Null when there is no code to read.
/// </summary>
public static partial class QrReader
{
    public static QrRead? FromPng(byte[] png, QrDetection detection = QrDetection.FinderPatterns)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException("Not a PNG SkiaSharp can decode.");
        return FromBitmap(bitmap, detection);
    }

    public static QrRead? FromBitmap(SKBitmap bitmap, QrDetection detection = QrDetection.FinderPatterns)
    {
        var luminance = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                luminance[(y * bitmap.Width) + x] = (byte)(((c.Red * 299) + (c.Green * 587) + (c.Blue * 114)) / 1000);
            }
        }

        return Decode(luminance, bitmap.Width, bitmap.Height, detection);
    }

    /// <summary>Rasterizes the SVG's filled rectangles and path (the M/h/v/z subset QR renderers use), <paramref name="scale"/> pixels a unit, then reads it.</summary>
    public static QrRead? FromSvg(string svg, int scale, QrDetection detection = QrDetection.FinderPatterns)
    {
        var root = XElement.Parse(svg);
        var viewBox = ((string?)root.Attribute("viewBox") ?? throw new InvalidDataException("No viewBox.")).Split(' ').Select(double.Parse).ToArray();
        var width = (int)viewBox[2] * scale;
        var height = (int)viewBox[3] * scale;
        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);

        foreach (var element in root.Elements())
        {
            var dark = ((string?)element.Attribute("fill"))?.ToUpperInvariant() is "#000000" or "BLACK" or "#000";
            var value = dark ? (byte)0 : (byte)255;
            if (element.Name.LocalName == "rect")
            {
                Fill(pixels, width, scale, Num(element, "x"), Num(element, "y"), Num(element, "width"), Num(element, "height"), value);
            }
            else if (element.Name.LocalName == "path")
            {
                foreach (var (x, y, w, h) in Rectangles((string)element.Attribute("d")!))
                {
                    Fill(pixels, width, scale, x, y, w, h, value);
                }
            }
        }

        return Decode(pixels, width, height, detection);
    }

    private static QrRead? Decode(byte[] luminance, int width, int height, QrDetection detection)
    {
        var source = new RGBLuminanceSource(luminance, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
        if (result is null && detection == QrDetection.FinderPatternsOrModuleGrid)
        {
            result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true });
        }

        return result is null
            ? null
            : new QrRead(result.Text, result.ResultMetadata.TryGetValue(ResultMetadataType.ERROR_CORRECTION_LEVEL, out var ec) ? ec?.ToString() : null);
    }

    private static double Num(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    // Each subpath "M x y h w v h' h -w z" (absolute M, relative h/v) traced as its bounding box:
    // QR renderers draw runs of modules as axis-aligned rectangles.
    private static IEnumerable<(double X, double Y, double W, double H)> Rectangles(string d)
    {
        foreach (Match sub in Subpath().Matches(d))
        {
            double x = double.Parse(sub.Groups["x"].Value, CultureInfo.InvariantCulture), y = double.Parse(sub.Groups["y"].Value, CultureInfo.InvariantCulture);
            double cx = x, cy = y, minX = x, maxX = x, minY = y, maxY = y;
            foreach (Match step in Step().Matches(sub.Groups["rest"].Value))
            {
                var n = double.Parse(step.Groups["n"].Value, CultureInfo.InvariantCulture);
                switch (step.Groups["c"].Value)
                {
                    case "h": cx += n; break;
                    case "v": cy += n; break;
                    case "H": cx = n; break;
                    case "V": cy = n; break;
                    default: throw new InvalidDataException($"Unexpected path command {step.Value}.");
                }

                (minX, maxX, minY, maxY) = (Math.Min(minX, cx), Math.Max(maxX, cx), Math.Min(minY, cy), Math.Max(maxY, cy));
            }

            yield return (minX, minY, maxX - minX, maxY - minY);
        }
    }

    private static void Fill(byte[] pixels, int width, int scale, double x, double y, double w, double h, byte value)
    {
        for (var py = (int)(y * scale); py < (int)((y + h) * scale); py++)
        {
            for (var px = (int)(x * scale); px < (int)((x + w) * scale); px++)
            {
                pixels[(py * width) + px] = value;
            }
        }
    }

    [GeneratedRegex(@"M\s*(?<x>-?[\d.]+)[ ,](?<y>-?[\d.]+)(?<rest>[^Mz]*)z", RegexOptions.IgnoreCase)]
    private static partial Regex Subpath();

    [GeneratedRegex(@"(?<c>[hvHV])\s*(?<n>-?[\d.]+)")]
    private static partial Regex Step();
}
