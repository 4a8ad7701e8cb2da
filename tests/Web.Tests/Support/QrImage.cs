using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Web.Tests.Support;

/// <summary>The text of the QR code in a screenshot, as a phone camera would read it (ZXing).</summary>
internal static class QrImage
{
    public static string Read(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException("The screenshot is not a PNG.");
        var gray = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                gray[(y * bitmap.Width) + x] = (byte)(((c.Red * 299) + (c.Green * 587) + (c.Blue * 114)) / 1000);
            }
        }

        var image = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(gray, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.Gray8)));
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        return new QRCodeReader().decode(image, hints)?.Text ?? throw new InvalidDataException("No QR code found in the screenshot.");
    }
}
