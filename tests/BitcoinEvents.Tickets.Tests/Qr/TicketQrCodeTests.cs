using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Tickets.Qr;
using BitcoinEvents.Tickets.Signing;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Tickets.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using SkiaSharp;

namespace BitcoinEvents.Tickets.Tests.Qr;

public sealed class TicketQrCodeTests : IDisposable
{
    private readonly LocalTicketKeys _keys = LocalTicketKeys.FromJwkSet(LocalTicketKeys.CreateJwkSet(), new FakeTimeProvider(Tokens.Now));

    public void Dispose() => _keys.Dispose();

    // The largest ticket the domain allows: three sessions and a 120-character non-ASCII name.
    private Task<string> LargestTicketAsync() => _keys.SignAsync(
        new TicketToken(TicketingIds.Derive("t"), TicketingIds.Derive("e"), [TicketingIds.Derive("s1"), TicketingIds.Derive("s2"), TicketingIds.Derive("s3")], 7),
        string.Concat(Enumerable.Repeat("Zoë Ñúñez ", 12)),
        Ct);

    [Fact]
    public async Task Png_DecodesBackToTheExactToken_WhichStillVerifies()
    {
        var jws = await LargestTicketAsync();

        var read = QrReader.FromPng(TicketQrCode.RenderPng(jws), QrDetection.FinderPatternsOrModuleGrid);

        Assert.NotNull(read);
        Assert.Equal(jws, read.Text);
        Assert.Equal("M", read.ErrorCorrection);
        Assert.IsType<TicketVerification.Valid>(await new TicketVerifier(_keys).VerifyAsync(read.Text, Ct));
    }

    [Fact]
    public async Task Png_HasAFourModuleQuietZoneAndASizeAPhoneShows()
    {
        var jws = await _keys.SignAsync(Tokens.Sample(), "Ada", Ct);

        using var bitmap = SKBitmap.Decode(TicketQrCode.RenderPng(jws, pixelsPerModule: 8));

        Assert.Equal(bitmap.Width, bitmap.Height);
        var modules = bitmap.Width / 8;
        Assert.Equal(0, (modules - 8 - 21) % 4); // 4 + (17 + 4·version) + 4 modules
        Assert.InRange(modules - 8, 21, 81); // an ordinary ticket is at most version 16 at level M
        var quiet = 4 * 8;
        for (var i = 0; i < bitmap.Width; i++)
        {
            for (var j = 0; j < quiet; j++)
            {
                Assert.Equal(SKColors.White, bitmap.GetPixel(i, j));
                Assert.Equal(SKColors.White, bitmap.GetPixel(j, i));
                Assert.Equal(SKColors.White, bitmap.GetPixel(i, bitmap.Height - 1 - j));
                Assert.Equal(SKColors.White, bitmap.GetPixel(bitmap.Width - 1 - j, i));
            }
        }

        Assert.Equal(SKColors.Black, bitmap.GetPixel(quiet, quiet)); // the finder pattern's corner
    }

    [Fact]
    public async Task Png_WithABlockOfModulesScratchedOut_StillDecodes()
    {
        // Error correction at work: a 10×10-module patch of the data area (a smudge, a crack in the
        // screen) is painted over, and the code still reads; level M restores about 15 % of it.
        // The same symbol every run (a signed token differs per run: ECDSA signatures are
        // randomised), since which codewords the patch hits depends on the bytes encoded.
        var length = (await LargestTicketAsync()).Length;
        var random = new Random(20261130);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var jws = string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
        const int ppm = 4;
        using var bitmap = SKBitmap.Decode(TicketQrCode.RenderPng(jws, pixelsPerModule: ppm));
        var modules = (bitmap.Width / ppm) - 8;
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.Gray, Style = SKPaintStyle.Fill })
        {
            var left = (4 + modules - 22) * ppm; // right of centre, clear of the finder patterns
            var top = (4 + (modules / 2) + 2) * ppm;
            canvas.DrawRect(left, top, 10 * ppm, 10 * ppm, paint);
        }

        var read = QrReader.FromBitmap(bitmap, QrDetection.FinderPatternsOrModuleGrid);

        Assert.NotNull(read);
        Assert.Equal(jws, read.Text);
    }

    [Fact]
    public async Task Svg_DecodesBackToTheExactToken()
    {
        var jws = await LargestTicketAsync();

        var svg = TicketQrCode.RenderSvg(jws);

        Assert.StartsWith("<svg role=\"img\" aria-label=\"Ticket QR code\" ", svg, StringComparison.Ordinal);
        Assert.Contains("viewBox=", svg, StringComparison.Ordinal);
        var read = QrReader.FromSvg(svg, scale: 4, QrDetection.FinderPatternsOrModuleGrid);
        Assert.NotNull(read);
        Assert.Equal(jws, read.Text);
        Assert.Equal("M", read.ErrorCorrection);
    }

    [Fact]
    public async Task Svg_AndPng_DrawTheSameSymbol()
    {
        var jws = await _keys.SignAsync(Tokens.Sample(), "Ada", Ct);
        using var png = SKBitmap.Decode(TicketQrCode.RenderPng(jws, pixelsPerModule: 1));

        var svg = System.Xml.Linq.XElement.Parse(TicketQrCode.RenderSvg(jws));

        Assert.Equal($"0 0 {png.Width} {png.Height}", (string?)svg.Attribute("viewBox"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space.a.b")]
    [InlineData("ünïcode.a.b")]
    public void Render_NotACompactJws_Throws(string text)
    {
        Assert.ThrowsAny<ArgumentException>(() => TicketQrCode.RenderPng(text));
        Assert.ThrowsAny<ArgumentException>(() => TicketQrCode.RenderSvg(text));
    }
}
