using QRCoder;

namespace BitcoinEvents.Tickets.Qr;

/// <summary>
/// A ticket's QR code, drawn from its signed token: a PNG (for e-mail, wallets, downloads) or an SVG
/// (for the web page). Error correction M (about 15 % of the code can be lost) suits a code shown
/// on a phone screen, where glare, smudges and a cracked screen are the damage, while keeping the
/// symbol sparse enough for a door scanner at arm's length: a typical ticket's ~400-character token
/// is version 15–16 (77–81 modules), the largest the domain allows (three sessions, a 120-character
/// name) about version 22. H would add six or more versions for damage a screen rarely has. The
/// quiet zone is the standard 4 modules of light border, so the code scans on a dark page too.
/// </summary>
public static class TicketQrCode
{
    public const string PngMediaType = "image/png";
    public const string SvgMediaType = "image/svg+xml";

    /// <summary>Pixels per module of the PNG by default: ~600 px square for a ticket token.</summary>
    public const int DefaultPixelsPerModule = 8;

    public const QRCodeGenerator.ECCLevel ErrorCorrection = QRCodeGenerator.ECCLevel.M;

    /// <summary>A black-on-white PNG (1-bit grayscale) with a quiet zone.</summary>
    public static byte[] RenderPng(string jws, int pixelsPerModule = DefaultPixelsPerModule)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        using var data = Encode(jws);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule, drawQuietZones: true);
    }

    /// <summary>A black-on-white SVG with a quiet zone, sized by its viewBox so a page can scale it.</summary>
    public static string RenderSvg(string jws)
    {
        using var data = Encode(jws);
        using var svg = new SvgQRCode(data);
        var text = svg.GetGraphic(1, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);

        // Named for screen readers when inlined in a page (an <img> carries its own alt text).
        return text.StartsWith("<svg ", StringComparison.Ordinal)
            ? "<svg role=\"img\" aria-label=\"Ticket QR code\" " + text[5..]
            : text;
    }

    // A JWS is base64url and dots: plain ASCII in byte mode, with no ECI header a scanner could trip on.
    private static QRCodeData Encode(string jws)
    {
        ArgumentException.ThrowIfNullOrEmpty(jws);
        if (jws.Any(c => c > '\u007e' || c < '\u0021'))
        {
            throw new ArgumentException("A compact JWS is printable ASCII.", nameof(jws));
        }

        return QRCodeGenerator.GenerateQrCode(jws, ErrorCorrection);
    }
}
