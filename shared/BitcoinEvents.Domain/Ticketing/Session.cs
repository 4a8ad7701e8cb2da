using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>A part of a multi-day event with its own door: "Day 1", "Workshop B". Tickets admit to one or more.</summary>
public sealed record Session
{
    public required string Id { get; init; }

    public required string EventId { get; init; }

    public required string Name { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public required DateTimeOffset EndsAt { get; init; }

    public required long Version { get; init; }

    public static Result<Session> Create(string id, string eventId, SessionInput input) => Validate(input, null).Then<Session>(v => new Session
    {
        Id = id,
        EventId = eventId,
        Name = v.Name,
        StartsAt = v.StartsAt,
        EndsAt = v.EndsAt,
        Version = 1,
    });

    public Result<Session> Update(SessionInput patch) => Validate(patch, this).Then<Session>(v =>
        v.Name == Name && v.StartsAt == StartsAt && v.EndsAt == EndsAt
            ? this
            : this with { Name = v.Name, StartsAt = v.StartsAt, EndsAt = v.EndsAt, Version = Version + 1 });

    private static Result<(string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt)> Validate(SessionInput input, Session? current)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        var name = Text.Required(input.Name ?? current?.Name, "name", TicketingRules.NameMaxLength, errors);
        var starts = input.StartsAt ?? current?.StartsAt;
        var ends = input.EndsAt ?? current?.EndsAt;
        if (starts is null)
        {
            errors.Add(new("startsAt", TicketingErrors.Required));
        }

        if (ends is null)
        {
            errors.Add(new("endsAt", TicketingErrors.Required));
        }
        else if (starts is not null && ends <= starts)
        {
            errors.Add(new("endsAt", "must be after startsAt."));
        }

        return errors.Count > 0
            ? new ValidationFailed(errors)
            : (name!, starts!.Value.ToUniversalTime(), ends!.Value.ToUniversalTime());
    }
}

/// <summary>A session as the client sent it.</summary>
public sealed record SessionInput
{
    public string? Name { get; init; }

    public DateTimeOffset? StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }
}
