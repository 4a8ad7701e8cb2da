using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Tickets.Signing;

namespace BitcoinEvents.Ticketing.Selling;

/// <summary>A paid order with its tickets and the events its payment causes, ready to write in one transaction.</summary>
internal sealed record IssuedOrder(Order Order, IReadOnlyList<Ticket> Tickets, IReadOnlyList<TransactWriteItem> Outbox);

/// <summary>
/// What paying an order causes: one ticket per seat (ids derived from the order and seat, so a
/// retried write can't issue twice), each signed (its QR token, stored with it) before anything is
/// written, and OrderPaid in the outbox (id derived from the order: once) carrying the tokens.
/// Signing first is safe to repeat: a retry signs the same tickets again, and its write finds them
/// written (the first tokens stay).
/// </summary>
internal sealed class Issuing(Outbox outbox, Lazy<ITicketSigner> signer)
{
    public const string Source = "ticketing";

    public async Task<IssuedOrder> IssueAsync(Order paid, IReadOnlyDictionary<string, TicketType> types, DateTimeOffset now, CancellationToken ct)
    {
        var tickets = await Task.WhenAll(Ticket.IssueFor(paid, types, now).Select(t => SignAsync(t, ct)));
        var order = paid with { TicketIds = [.. tickets.Select(t => t.Id)] };
        var message = new OrderPaidV1(
            order.Id,
            order.EventId,
            order.BuyerId,
            MoneyDto.From(order.Total),
            [.. tickets.Select(t => new IssuedTicketV1(t.Id, t.TicketTypeId, t.TypeName, t.HolderName, t.QrToken))],
            order.PaidAt ?? now);
        return new IssuedOrder(order, tickets, [Event(message, MessagesJsonContext.Default.OrderPaidV1, order.Id, now, "OrderPaid", order.Id)]);
    }

    /// <summary>The ticket with its QR token: the compact JWS of its id, event, sessions and revision, in its holder's name.</summary>
    public async Task<Ticket> SignAsync(Ticket ticket, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var token = new TicketToken(ticket.Id, ticket.EventId, ticket.SessionIds, ticket.Revision);
        return ticket with { QrToken = await signer.Value.SignAsync(token, ticket.HolderName, ct) };
    }

    /// <summary>The outbox Put of a message about <paramref name="subject"/>, its id derived from <paramref name="idParts"/>.</summary>
    public TransactWriteItem Event<T>(T message, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string subject, DateTimeOffset now, params string[] idParts)
        where T : IDomainEvent =>
        outbox.Put(DomainEventEnvelope.Create(message, type, DomainEventIds.From([Source, .. idParts]), Source, subject, now));
}
