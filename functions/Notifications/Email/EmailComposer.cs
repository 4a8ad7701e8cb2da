using MimeKit;

namespace BitcoinEvents.Notifications.Email;

/// <summary>An image shown inside the HTML (a ticket's QR code), referenced as <c>cid:{ContentId}</c>.</summary>
internal sealed record InlineImage(string ContentId, string FileName, byte[] Png);

/// <summary>An email as the templates rendered it.</summary>
internal sealed record RenderedEmail(string Subject, string Text, string Html, IReadOnlyList<InlineImage> Images);

/// <summary>
/// Turns a rendered email into SES's SendEmail request: simple content when it has no images (SES
/// builds the MIME), a raw MIME message built with MimeKit when it has (multipart/alternative: the
/// text, then the HTML in a multipart/related with each image inline under its Content-ID). Optional kinds carry
/// RFC 8058 one-click unsubscribe (<c>List-Unsubscribe</c> with the HTTPS link,
/// <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>).
/// </summary>
internal static class EmailComposer
{
    public const string OneClick = "List-Unsubscribe=One-Click";

    public static SendEmailRequest Compose(
        RenderedEmail email, string from, string to, string configurationSet, Uri? unsubscribe, IReadOnlyList<SesMessageTag> tags)
    {
        ArgumentNullException.ThrowIfNull(email);
        var headers = unsubscribe is null
            ? []
            : new List<SesHeader> { new("List-Unsubscribe", "<" + unsubscribe.AbsoluteUri + ">"), new("List-Unsubscribe-Post", OneClick) };
        SesContent content;
        if (email.Images.Count == 0)
        {
            content = new SesContent(Simple: new SesSimpleMessage(
                new SesText(email.Subject),
                new SesBody(new SesText(email.Text), new SesText(email.Html)),
                headers.Count == 0 ? null : headers));
        }
        else
        {
            content = new SesContent(Raw: new SesRawMessage(Convert.ToBase64String(Mime(email, from, to, headers))));
        }

        return new SendEmailRequest(from, new SesDestination([to]), content, configurationSet, tags);
    }

    /// <summary>The raw MIME message (what SES receives for mail with inline images).</summary>
    public static byte[] Mime(RenderedEmail email, string from, string to, IReadOnlyList<SesHeader> headers)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(headers);
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = email.Subject;
        foreach (var header in headers)
        {
            message.Headers.Add(header.Name, header.Value);
        }

        var body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html };
        foreach (var image in email.Images)
        {
            var part = body.LinkedResources.Add(image.FileName, image.Png, new ContentType("image", "png"));
            part.ContentId = image.ContentId;
            part.ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = image.FileName };
        }

        message.Body = body.ToMessageBody();
        using var stream = new MemoryStream();
        message.WriteTo(FormatOptions.Default, stream);
        return stream.ToArray();
    }

    /// <summary>True when <paramref name="address"/> is one address MimeKit and SES accept (no display name, no list, no group).</summary>
    public static bool IsSendable(string? address) =>
        !string.IsNullOrWhiteSpace(address)
        && address.Length <= 320
        && MailboxAddress.TryParse(address, out var mailbox)
        && mailbox.Name is null or ""
        && string.Equals(mailbox.Address, address.Trim(), StringComparison.Ordinal)
        && mailbox.Address.Contains('@', StringComparison.Ordinal);
}
