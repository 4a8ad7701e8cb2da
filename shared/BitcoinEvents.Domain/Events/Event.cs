using System.Diagnostics.CodeAnalysis;
using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Events;

/// <summary>
/// An event in the catalog. A caller's change goes through <see cref="ManagedEvent"/> (who asks is
/// checked once, by <see cref="EventAccess.Manage"/>), then a method that checks the state machine
/// and the field rules and returns the next version of the event or why not.
/// </summary>
[SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "The domain's word; C# is the only consumer.")]
public sealed record Event
{
    public required string Id { get; init; }

    /// <summary>The organizer's subject id (Cognito <c>sub</c>).</summary>
    public required string OrganizerId { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public required Venue Venue { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public required DateTimeOffset EndsAt { get; init; }

    public required int Capacity { get; init; }

    public string? CoverImageKey { get; init; }

    public required EventStatus Status { get; init; }

    public string? CancellationReason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>1 when created, one more on every change; writes are conditional on it.</summary>
    public required long Version { get; init; }

    /// <summary>Anyone may read it: everything but a draft.</summary>
    public bool IsPublic => Status != EventStatus.Draft;

    /// <summary>Shown in the public listings: published, whatever its dates.</summary>
    public bool IsListed => Status == EventStatus.Published;

    public static Result<Event> Create(string id, Caller caller, EventInput input, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(clock);
        if (!EventIds.IsWellFormed(id))
        {
            throw new ArgumentException("Not an event id.", nameof(id));
        }

        if (!EventAccess.CanCreate(caller))
        {
            return new Forbidden("Only organizers and admins may create events.");
        }

        var now = clock.GetUtcNow();
        return EventValidation.Validate(id, input, now, requireFutureStart: false).Then<Event>(details => new Event
        {
            Id = id,
            OrganizerId = caller.Id,
            Title = details.Title,
            Description = details.Description,
            Venue = details.Venue,
            StartsAt = details.StartsAt,
            EndsAt = details.EndsAt,
            Capacity = details.Capacity,
            CoverImageKey = details.CoverImageKey,
            Status = EventStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        });
    }

    /// <summary>
    /// Applies an edit: present fields replace, missing ones stay. Drafts and published events may be
    /// edited; a published event moved to another start must still start in the future. An edit that
    /// changes nothing returns this same version. Reached through <see cref="ManagedEvent"/> only.
    /// </summary>
    internal Result<Event> Update(EventInput patch, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(clock);
        if (Status is not (EventStatus.Draft or EventStatus.Published))
        {
            return new InvalidStateTransition(Status.ToName(), "edit the event");
        }

        var merged = new EventInput
        {
            Title = patch.Title ?? Title,
            Description = patch.Description ?? Description,
            Venue = patch.Venue ?? VenueInput.From(Venue),
            StartsAt = patch.StartsAt ?? StartsAt,
            EndsAt = patch.EndsAt ?? EndsAt,
            Capacity = patch.Capacity ?? Capacity,
            CoverImageKey = patch.CoverImageKey ?? CoverImageKey,
        };
        var moved = patch.StartsAt is { } newStart && newStart != StartsAt;
        var now = clock.GetUtcNow();
        return EventValidation.Validate(Id, merged, now, requireFutureStart: IsListed && moved).Then<Event>(details =>
        {
            var next = this with
            {
                Title = details.Title,
                Description = details.Description,
                Venue = details.Venue,
                StartsAt = details.StartsAt,
                EndsAt = details.EndsAt,
                Capacity = details.Capacity,
                CoverImageKey = details.CoverImageKey,
            };
            return next == this ? this : next with { UpdatedAt = now, Version = Version + 1 };
        });
    }

    /// <summary>Draft → Published; the event must start in the future.</summary>
    internal Result<Event> Publish(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Status != EventStatus.Draft)
        {
            return new InvalidStateTransition(Status.ToName(), "publish the event");
        }

        var now = clock.GetUtcNow();
        if (EventValidation.CheckStartsInFuture(StartsAt, now) is { } error)
        {
            return new ValidationFailed([error]);
        }

        return this with { Status = EventStatus.Published, PublishedAt = now, UpdatedAt = now, Version = Version + 1 };
    }

    /// <summary>Draft or Published → Cancelled, with the reason attendees will read.</summary>
    internal Result<Event> Cancel(string? reason, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var validReason = EventValidation.ValidateCancellationReason(reason);
        if (!validReason.IsSuccess)
        {
            return validReason.Error;
        }

        if (Status is not (EventStatus.Draft or EventStatus.Published))
        {
            return new InvalidStateTransition(Status.ToName(), "cancel the event");
        }

        var now = clock.GetUtcNow();
        return this with
        {
            Status = EventStatus.Cancelled,
            CancellationReason = validReason.Value,
            CancelledAt = now,
            UpdatedAt = now,
            Version = Version + 1,
        };
    }

    /// <summary>Published → Completed once the event has ended (the scheduled job does this).</summary>
    public Result<Event> Complete(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Status != EventStatus.Published)
        {
            return new InvalidStateTransition(Status.ToName(), "complete the event");
        }

        var now = clock.GetUtcNow();
        if (EndsAt > now)
        {
            return new InvalidStateTransition("not yet ended", "complete the event");
        }

        return this with { Status = EventStatus.Completed, CompletedAt = now, UpdatedAt = now, Version = Version + 1 };
    }

    /// <summary>
    /// Where a new cover image of <paramref name="contentType"/> goes: a fresh key under the event's
    /// cover prefix. The organizer then sets it as <c>coverImageKey</c>.
    /// </summary>
    internal Result<string> PlanCoverImageUpload(string? contentType, string uniqueName)
    {
        ArgumentException.ThrowIfNullOrEmpty(uniqueName);
        if (string.IsNullOrEmpty(contentType))
        {
            return new ValidationFailed(CoverImages.ContentTypeField, EventValidation.Required);
        }

        if (!CoverImages.ContentTypes.TryGetValue(contentType, out var extension))
        {
            return new ValidationFailed(CoverImages.ContentTypeField, $"must be one of {string.Join(", ", CoverImages.ContentTypes.Keys)}.");
        }

        if (Status is not (EventStatus.Draft or EventStatus.Published))
        {
            return new InvalidStateTransition(Status.ToName(), "change the cover image");
        }

        return CoverImages.NewKey(Id, uniqueName, extension);
    }
}
