using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;
using Microsoft.Extensions.Time.Testing;

namespace BitcoinEvents.Domain.Tests.Events;

/// <summary>A valid event input, the usual callers and a clock parked at a known instant.</summary>
internal static class EventFixtures
{
    public static readonly DateTimeOffset Now = new(2030, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public const string EventId = "0190a1b2c3d4e5f60718293a4b5c6d7e";

    public static readonly Caller Organizer = new("organizer-sub", CallerGroups.Organizer);
    public static readonly Caller OtherOrganizer = new("other-organizer-sub", CallerGroups.Organizer);
    public static readonly Caller Attendee = new("attendee-sub", CallerGroups.Attendee);
    public static readonly Caller Admin = new("admin-sub", CallerGroups.Admin);

    public static FakeTimeProvider Clock() => new(Now);

    public static VenueInput Venue() => new()
    {
        Name = "Bitcoin Embassy",
        AddressLines = ["Rua Augusta 1"],
        City = "Lisbon",
        Region = "Lisboa",
        PostalCode = "1100-048",
        Country = "PT",
        TimeZone = "Europe/Lisbon",
    };

    public static EventInput Input() => new()
    {
        Title = "Lisbon Bitcoin Meetup",
        Description = "Talks and beers.",
        Venue = Venue(),
        StartsAt = Now.AddDays(30),
        EndsAt = Now.AddDays(30).AddHours(3),
        Capacity = 120,
    };

    public static Event Draft(Caller? organizer = null, TimeProvider? clock = null) =>
        Event.Create(EventId, organizer ?? Organizer, Input(), clock ?? Clock()).Value;

    public static Event Published(Caller? organizer = null, TimeProvider? clock = null) =>
        Draft(organizer, clock).Publish(organizer ?? Organizer, clock ?? Clock()).Value;

    /// <summary>The field errors of a failed result, as (field, reason) pairs; fails the test on anything else.</summary>
    public static IReadOnlyList<FieldError> FieldErrors<T>(Result<T> result)
    {
        Assert.False(result.IsSuccess, $"Expected a validation failure, got {result}.");
        var failed = Assert.IsType<ValidationFailed>(result.Error);
        return failed.Errors;
    }

    public static string SingleFieldInError<T>(Result<T> result) => Assert.Single(FieldErrors(result)).Field;
}

/// <summary>
/// A caller's change as the API makes it: <see cref="EventAccess.Manage"/> (who asks, checked
/// once), then the change on the managed event.
/// </summary>
internal static class CallerChanges
{
    public static Result<Event> Update(this Event e, Caller caller, EventInput patch, TimeProvider clock) =>
        EventAccess.Manage(e, e.Id, caller).Then(managed => managed.Update(patch, clock));

    public static Result<Event> Publish(this Event e, Caller caller, TimeProvider clock) =>
        EventAccess.Manage(e, e.Id, caller).Then(managed => managed.Publish(clock));

    public static Result<Event> Cancel(this Event e, Caller caller, string? reason, TimeProvider clock) =>
        EventAccess.Manage(e, e.Id, caller).Then(managed => managed.Cancel(reason, clock));

    public static Result<string> PlanCoverImageUpload(this Event e, Caller caller, string? contentType, string uniqueName) =>
        EventAccess.Manage(e, e.Id, caller).Then(managed => managed.PlanCoverImageUpload(contentType, uniqueName));
}
