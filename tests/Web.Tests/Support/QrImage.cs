using BitcoinEvents.TestSupport;
using SkiaSharp;
using ZXing;
using ZXing.QrCode;

namespace Web.Tests.Support;

/// <summary>The text of the QR code in a screenshot, as a phone camera would read it (TestSupport's QrReader); and a PNG of a QR code, as a phone would photograph one.</summary>
internal static class QrImage
{
    /// <summary>A white PNG: a picture with no QR code in it.</summary>
    public static byte[] Blank()
    {
        using var bitmap = new SKBitmap(120, 120);
        bitmap.Erase(SKColors.White);
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>A PNG of <paramref name="text"/>'s QR code: black modules on white, 4 modules of quiet zone, 6 pixels a module.</summary>
    public static byte[] Write(string text)
    {
        var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, new Dictionary<EncodeHintType, object> { [EncodeHintType.MARGIN] = 4 });
        const int Scale = 6;
        using var bitmap = new SKBitmap(matrix.Width * Scale, matrix.Height * Scale);
        using (var canvas = new SKCanvas(bitmap))
        using (var black = new SKPaint { Color = SKColors.Black })
        {
            canvas.Clear(SKColors.White);
            for (var y = 0; y < matrix.Height; y++)
            {
                for (var x = 0; x < matrix.Width; x++)
                {
                    if (matrix[x, y])
                    {
                        canvas.DrawRect(x * Scale, y * Scale, Scale, Scale, black);
                    }
                }
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The text of the QR code in <paramref name="png"/> (a screenshot, or a picture from <see cref="Write"/>).</summary>
    public static string Read(byte[] png) =>
        // Finder patterns first; ZXing.Net's detector misses a few percent of large symbols whose
        // modules decode fine, so then the grid is read directly.
        QrReader.FromPng(png, QrDetection.FinderPatternsOrModuleGrid)?.Text
            ?? throw new InvalidDataException("No QR code found in the screenshot.");
}
