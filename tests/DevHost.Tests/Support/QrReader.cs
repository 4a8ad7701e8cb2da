using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace DevHost.Tests.Support;

/// <summary>
/// Reads QR codes back the way a scanner would, with code that is not ours: libpng (through
/// SkiaSharp) decodes the PNG, ZXing finds and decodes the symbol from the pixels (finder
/// patterns, not a pure-barcode shortcut).
/// </summary>
internal static class QrReader
{
    public sealed record Read(string Text, string? ErrorCorrection);

    public static Read? FromPng(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException("Not a PNG SkiaSharp can decode.");
        return FromBitmap(bitmap);
    }

    public static Read? FromBitmap(SKBitmap bitmap)
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

        return Decode(luminance, bitmap.Width, bitmap.Height);
    }

    private static Read? Decode(byte[] luminance, int width, int height)
    {
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height, RGBLuminanceSource.BitmapFormat.Gray8)));
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        var result = new QRCodeReader().decode(bitmap, hints);
        return result is null
            ? null
            : new Read(result.Text, result.ResultMetadata.TryGetValue(ResultMetadataType.ERROR_CORRECTION_LEVEL, out var ec) ? ec?.ToString() : null);
    }
}
