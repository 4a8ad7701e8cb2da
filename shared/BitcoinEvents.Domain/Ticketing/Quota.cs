using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>
/// A capacity one or more ticket types draw from. Every event has one quota for its total capacity
/// (<see cref="IsEventTotal"/>), which every type draws from; organizers add others (a venue room,
/// an early-bird allotment). Its seats live in <see cref="Buckets"/> bucket items.
/// </summary>
public sealed record Quota
{
    public required string Id { get; init; }

    public required string EventId { get; init; }

    public required string Name { get; init; }

    public required int Capacity { get; init; }

    public required int Buckets { get; init; }

    public bool IsEventTotal { get; init; }

    public required long Version { get; init; }

    /// <summary>The id of an event's total-capacity quota (derived: one per event, however often it is asked for).</summary>
    public static string EventTotalId(string eventId) => TicketingIds.Derive("quota", "event-total", eventId);

    public static Result<Quota> Create(string id, string eventId, QuotaInput input, bool isEventTotal = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        var name = Text.Required(input.Name ?? (isEventTotal ? "Event capacity" : null), "name", TicketingRules.NameMaxLength, errors);
        var capacity = input.Capacity;
        if (capacity is null)
        {
            errors.Add(new("capacity", TicketingErrors.Required));
        }
        else if (capacity is < 1 or > 1_000_000)
        {
            errors.Add(new("capacity", "must be from 1 to 1,000,000."));
        }

        var buckets = input.Buckets ?? (capacity is { } c and >= 1 ? QuotaBuckets.For(c) : 1);
        if (buckets is < 1 or > TicketingRules.MaxBucketsPerQuota)
        {
            errors.Add(new("buckets", $"must be from 1 to {TicketingRules.MaxBucketsPerQuota}."));
        }
        else if (capacity is { } cap && buckets > cap)
        {
            errors.Add(new("buckets", "must be at most the capacity (every bucket holds a seat)."));
        }

        return errors.Count > 0
            ? new ValidationFailed(errors)
            : new Quota { Id = id, EventId = eventId, Name = name!, Capacity = capacity!.Value, Buckets = buckets, IsEventTotal = isEventTotal, Version = 1 };
    }

    /// <summary>A renamed or resized quota (the bucket count stays: buckets are items already written).</summary>
    public Result<Quota> Update(QuotaInput patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var errors = new List<FieldError>();
        var name = Text.Required(patch.Name ?? Name, "name", TicketingRules.NameMaxLength, errors);
        var capacity = patch.Capacity ?? Capacity;
        if (capacity is < 1 or > 1_000_000)
        {
            errors.Add(new("capacity", "must be from 1 to 1,000,000."));
        }

        if (patch.Buckets is { } b && b != Buckets)
        {
            errors.Add(new("buckets", "can't change after the quota is created."));
        }

        if (errors.Count > 0)
        {
            return new ValidationFailed(errors);
        }

        return name == Name && capacity == Capacity ? this : this with { Name = name!, Capacity = capacity, Version = Version + 1 };
    }
}

/// <summary>A quota as the client sent it.</summary>
public sealed record QuotaInput
{
    public string? Name { get; init; }

    public int? Capacity { get; init; }

    /// <summary>How many buckets to spread the seats over; default from the capacity (docs/ticketing.md).</summary>
    public int? Buckets { get; init; }
}
