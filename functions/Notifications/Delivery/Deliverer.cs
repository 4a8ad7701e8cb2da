using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Email;
using BitcoinEvents.Notifications.Mobile;
using BitcoinEvents.Notifications.Recipients;
using BitcoinEvents.Notifications.Storage;
using BitcoinEvents.Notifications.Templates;
using BitcoinEvents.Notifications.Unsubscribe;
using BitcoinEvents.Tickets.Qr;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Notifications.Delivery;

/// <summary>What one delivery of a notice left to do: a channel waiting for quiet hours to end.</summary>
internal sealed record DeliveryOutcome(DateTimeOffset? DeferredUntil);

/// <summary>One channel's send failed; the notice is delivered again (with backoff) and that channel retried.</summary>
internal sealed class DeliveryFailedException(string message, Exception inner) : Exception(message, inner);

/// <summary>Another delivery of the same notice holds the send's claim; this one is retried after it.</summary>
internal sealed class SendInFlightException(string message) : Exception(message);

/// <summary>
/// Delivers one notice to its recipient on every channel they want it on, each send exactly once
/// per (notice, recipient, channel):
/// <list type="number">
/// <item>the recipient's preferences decide each channel: send, opted out (recorded for email), no
/// phone or device, or wait for the quiet hours to end (SMS, push);</item>
/// <item>the send is claimed with a conditional write before anything goes out (a duplicate finds
/// the claim or the final status and stops);</item>
/// <item>email: the address comes from the user pool at send time, a suppressed address is not
/// mailed, the message is tagged with the send's id (SES reports it back: a delivery that crashed
/// after SES accepted is settled by SES's Send event instead of being sent again);</item>
/// <item>the outcome is recorded: sent (with the provider's message id), or failed (retried).</item>
/// </list>
/// Addresses and phone numbers are used, never logged or stored (the log keeps a hash).
/// </summary>
internal sealed partial class Deliverer(
    PreferencesStore preferences,
    SendStore sends,
    SuppressionList suppression,
    UserDirectory directory,
    SesEmailClient ses,
    MobileMessages mobile,
    EventCatalog catalog,
    UnsubscribeTokens unsubscribeTokens,
    NotificationSettings settings,
    TimeProvider clock,
    ILogger<Deliverer> logger)
{
    /// <summary>The SES message tag carrying the send's id (letters, digits, _ and - only).</summary>
    public const string SendIdTag = "send_id";

    public const string KindTag = "kind";

    /// <summary>Pixels per QR module in email: ~480 px for a ticket token, shown at 240 px (sharp on high-density screens).</summary>
    private const int QrPixelsPerModule = 6;

    public async Task<DeliveryOutcome> DeliverAsync(NotificationRequestV1 notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (!NotificationKinds.TryParse(notice.Kind, out var kind))
        {
            throw new InvalidDataException($"Unknown notification kind '{notice.Kind}'.");
        }

        var now = clock.GetUtcNow();
        var choices = await preferences.GetAsync(notice.RecipientId, consistent: false, ct);
        var context = new NoticeContext(notice, kind, choices);
        DateTimeOffset? deferred = null;
        Exception? failure = null;
        foreach (var channel in NotificationChannels.All)
        {
            var decision = choices.Decide(kind, channel, now);
            switch (decision.Outcome)
            {
                case ChannelOutcome.OptedOut when channel == NotificationChannel.Email:
                    await sends.RecordUnsentAsync(new SendKey(notice.NoticeId, notice.RecipientId, channel), kind, SendStatus.OptedOut, now, ct);
                    break;
                case ChannelOutcome.Deferred:
                    deferred = deferred is { } earlier && earlier < decision.Until!.Value ? earlier : decision.Until;
                    break;
                case ChannelOutcome.Send:
                    try
                    {
                        await SendOnceAsync(context, channel, ct);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // The other channels still go; this one is retried with the notice.
                        failure ??= exception;
                    }

                    break;
                default:
                    break;
            }
        }

        if (failure is not null)
        {
            throw failure is SendInFlightException
                ? failure
                : new DeliveryFailedException($"Delivering {notice.Kind} {notice.NoticeId} failed on a channel: {failure.GetType().Name}.", failure);
        }

        return new DeliveryOutcome(deferred);
    }

    private async Task SendOnceAsync(NoticeContext context, NotificationChannel channel, CancellationToken ct)
    {
        var key = new SendKey(context.Notice.NoticeId, context.Notice.RecipientId, channel);
        var claim = await sends.ClaimAsync(key, context.Kind, clock.GetUtcNow(), ct);
        if (!claim.Claimed)
        {
            if (claim.Status == SendStatus.Sending)
            {
                throw new SendInFlightException($"Send {key.Id} is claimed by another delivery until {claim.LeaseUntil:O}.");
            }

            var done = claim.Status is { } status ? SendStore.StatusName(status) : "unknown";
            LogDuplicate(logger, key.Id, done);
            return;
        }

        try
        {
            var (status, recipientHash, messageId) = channel switch
            {
                NotificationChannel.Email => await SendEmailAsync(context, key, ct),
                NotificationChannel.Sms => await SendSmsAsync(context, ct),
                _ => await PushAsync(context, ct),
            };
            await sends.CompleteAsync(key, status, clock.GetUtcNow(), recipientHash, messageId, null, CancellationToken.None);
            var (channelName, statusName) = (NotificationChannels.Name(channel), SendStore.StatusName(status));
            LogSent(logger, key.Id, context.Notice.Kind, channelName, statusName, claim.Attempt);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A timeout leaves the claim to its lease; a failure frees it for the next delivery at once.
            var error = ErrorCode(exception);
            await sends.CompleteAsync(key, SendStatus.Failed, clock.GetUtcNow(), null, null, error, CancellationToken.None);
            var channelName = NotificationChannels.Name(channel);
            LogFailed(logger, error, key.Id, context.Notice.Kind, channelName, claim.Attempt);
            throw;
        }
    }

    private async Task<(SendStatus, string?, string?)> SendEmailAsync(NoticeContext context, SendKey key, CancellationToken ct)
    {
        var recipient = await directory.FindAsync(context.Notice.RecipientId, ct);
        if (recipient is not { Enabled: true, Email: { } address } || !EmailComposer.IsSendable(address))
        {
            return (SendStatus.NoAddress, null, null);
        }

        var hash = RecipientHashes.OfEmail(address);
        if (await suppression.IsSuppressedAsync(hash, ct))
        {
            return (SendStatus.Suppressed, hash, null);
        }

        var images = new List<InlineImage>();
        var contentIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ticket in context.Notice.Details.Tickets ?? [])
        {
            if (ticket.QrToken is { Length: > 0 } token && QrPng(token) is { } png)
            {
                // The HTML names it unencoded (cid:…), so only letters, digits and "-" come from the id.
                var contentId = $"qr-{new string([.. ticket.TicketId.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')])}@bitcoin-events";
                images.Add(new InlineImage(contentId, $"ticket-{ticket.TicketId}.png", png));
                contentIds[ticket.TicketId] = contentId;
            }
        }

        Uri? unsubscribe = null;
        if (!NotificationKinds.IsTransactional(context.Kind))
        {
            var token = await unsubscribeTokens.CreateAsync(new UnsubscribeScope(context.Notice.RecipientId, context.Kind, NotificationChannel.Email), ct);
            unsubscribe = new Uri(settings.ApiBaseUrl, "notifications/unsubscribe?token=" + Uri.EscapeDataString(token));
        }

        var rendered = await RenderAsync(context, unsubscribe, contentIds, ct);
        var request = EmailComposer.Compose(
            NotificationTemplates.Email(rendered, images),
            settings.MailFrom,
            address,
            settings.ConfigurationSet,
            unsubscribe,
            [new SesMessageTag(SendIdTag, key.Id), new SesMessageTag(KindTag, context.Notice.Kind)]);
        var messageId = await ses.SendAsync(request, ct);
        return (SendStatus.Sent, hash, messageId);
    }

    private async Task<(SendStatus, string?, string?)> SendSmsAsync(NoticeContext context, CancellationToken ct)
    {
        var phone = context.Preferences.PhoneNumber!;
        var rendered = await RenderAsync(context, null, new Dictionary<string, string>(), ct);
        var messageId = await mobile.SendSmsAsync(phone, rendered.Short, ct);
        return (SendStatus.Sent, RecipientHashes.OfPhone(phone), messageId);
    }

    private async Task<(SendStatus, string?, string?)> PushAsync(NoticeContext context, CancellationToken ct)
    {
        var rendered = await RenderAsync(context, null, new Dictionary<string, string>(), ct);
        string? first = null;
        string? hash = null;
        Exception? failure = null;
        foreach (var device in context.Preferences.PushDevices)
        {
            try
            {
                var id = await mobile.PushAsync(device.EndpointArn, rendered.Subject, rendered.Short, ct);
                first ??= id;
                hash ??= RecipientHashes.OfEndpoint(device.EndpointArn);
            }
            catch (Infrastructure.Messaging.SnsException exception)
            {
                // A device that uninstalled the app (EndpointDisabled) must not keep the others from getting it.
                failure = exception;
            }
        }

        return first is not null ? (SendStatus.Sent, hash, first) : throw failure ?? new InvalidOperationException("No push device.");
    }

    private async Task<RenderedNotice> RenderAsync(NoticeContext context, Uri? unsubscribe, IReadOnlyDictionary<string, string> contentIds, CancellationToken ct)
    {
        var @event = await context.EventAsync(catalog, ct);
        var links = new NoticeLinks(settings.FrontendOrigin, unsubscribe);
        return NotificationTemplates.Render(
            NoticeView.Build(context.Kind, context.Notice, @event, links, contentIds, html: false),
            NoticeView.Build(context.Kind, context.Notice, @event, links, contentIds, html: true),
            context.Kind);
    }

    private static byte[]? QrPng(string token)
    {
        try
        {
            return TicketQrCode.RenderPng(token, QrPixelsPerModule);
        }
        catch (ArgumentException)
        {
            // Not a token a QR code can carry: the email links to the ticket instead.
            return null;
        }
    }

    private static string ErrorCode(Exception exception) => exception switch
    {
        SesException ses => "ses:" + ses.Code,
        Infrastructure.Messaging.SnsException sns => "sns:" + sns.Code,
        _ => exception.GetType().Name,
    };

    /// <summary>A notice and what its channels share (the event, read once).</summary>
    private sealed class NoticeContext(NotificationRequestV1 notice, NotificationKind kind, NotificationPreferences preferences)
    {
        private Event? _event;
        private bool _loaded;

        public NotificationRequestV1 Notice => notice;

        public NotificationKind Kind => kind;

        public NotificationPreferences Preferences => preferences;

        public async Task<Event?> EventAsync(EventCatalog catalog, CancellationToken ct)
        {
            if (!_loaded)
            {
                _event = await catalog.GetAsync(notice.EventId, consistent: false, ct);
                _loaded = true;
            }

            return _event;
        }
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Send {SendId} of {Kind} by {Channel}: {Status} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string sendId, string kind, string channel, string status, int attempt);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "Send {SendId} was handled before ({Status}): a duplicate delivery, nothing sent")]
    private static partial void LogDuplicate(ILogger logger, string sendId, string status);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Warning, Message = "Send {SendId} of {Kind} by {Channel} failed with {Error} (attempt {Attempt}); it is retried")]
    private static partial void LogFailed(ILogger logger, string error, string sendId, string kind, string channel, int attempt);
}
