namespace BitcoinEvents.Ticketing.Contracts;

// Request bodies that are not the domain's own inputs (TicketTypeInput, QuotaInput, SessionInput,
// VoucherInput, VoucherUpdate, TicketingSettingsInput, HoldRequest, CheckoutRequest are used as sent).

/// <summary>
/// Body of POST /orders/{orderId}/cancel and of the organizer's cancel: an optional reason. Members it
/// does not have are refused (400), not ignored: a misspelt reason must not cancel an order silently.
/// </summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record CancelOrderRequest
{
    public string? Reason { get; init; }
}

/// <summary>Body of POST /tickets/{ticketId}/reassign: the new holder's name.</summary>
public sealed record ReassignTicketRequest
{
    public string? HolderName { get; init; }
}

/// <summary>Body of POST /events/{eventId}/waiting-list.</summary>
public sealed record JoinWaitingListRequest
{
    public string? TicketTypeId { get; init; }

    public int? Quantity { get; init; }
}

/// <summary>Body of POST /events/{eventId}/complimentary-orders: who gets the tickets, and each seat's holder.</summary>
public sealed record ComplimentaryOrderRequest
{
    /// <summary>The user the order belongs to (their tickets); default: the organizer.</summary>
    public string? BuyerId { get; init; }

    public IReadOnlyList<Domain.Ticketing.AttendeeInput>? Attendees { get; init; }
}
