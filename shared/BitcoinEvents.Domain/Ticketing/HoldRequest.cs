namespace BitcoinEvents.Domain.Ticketing;

/// <summary>A reservation as the client sent it: how many seats of which types, and a voucher code.</summary>
public sealed record HoldRequest
{
    public IReadOnlyList<HoldLineInput>? Lines { get; init; }

    public string? VoucherCode { get; init; }
}

/// <summary>One line of a reservation request.</summary>
public sealed record HoldLineInput
{
    public string? TicketTypeId { get; init; }

    public int? Quantity { get; init; }
}
