using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Ticketing.Storage;

namespace BitcoinEvents.Ticketing.Selling;

/// <summary>An event the caller manages, with its ticketing setup.</summary>
internal sealed record ManagedSetup(Event Event, EventSetup Setup);

/// <summary>
/// The first step of every organizer operation: the event (read consistently), checked once
/// against the caller (its organizer or an admin; anyone else 404), and its ticketing setup.
/// </summary>
internal sealed class Organizing(EventCatalog catalog, SetupStore setups)
{
    public async Task<Result<ManagedSetup>> ForOrganizerAsync(string eventId, Caller caller, CancellationToken ct)
    {
        var e = await catalog.GetAsync(eventId, consistent: true, ct);
        var managed = TicketingAccess.ForOrganizer(e, eventId, caller);
        if (!managed.IsSuccess)
        {
            return managed.Error;
        }

        return new ManagedSetup(managed.Value, await setups.LoadAsync(eventId, consistent: true, ct));
    }

    /// <summary>A public event (not a draft) with its setup, for anyone; a draft answers 404.</summary>
    public async Task<Result<ManagedSetup>> ForPublicAsync(string eventId, CancellationToken ct)
    {
        var visible = await PublicEventAsync(eventId, ct);
        return visible.IsSuccess ? new ManagedSetup(visible.Value, await setups.LoadAsync(eventId, consistent: false, ct)) : visible.Error;
    }

    /// <summary>A public event's ticketing settings (its item alone, not the whole setup); a draft answers 404.</summary>
    public async Task<Result<TicketingSettings>> SettingsForPublicAsync(string eventId, CancellationToken ct)
    {
        var visible = await PublicEventAsync(eventId, ct);
        return visible.IsSuccess ? await setups.LoadSettingsAsync(eventId, consistent: false, ct) : visible.Error;
    }

    private async Task<Result<Event>> PublicEventAsync(string eventId, CancellationToken ct) =>
        EventAccess.ForPublic(await catalog.GetAsync(eventId, consistent: false, ct), eventId);

    /// <summary>
    /// The event's total-capacity quota, created from the event's capacity the first time the event
    /// gets ticketing (however many requests race to do it).
    /// </summary>
    public async Task<EventSetup> EnsureTotalQuotaAsync(ManagedSetup managed, CancellationToken ct)
    {
        var setup = managed.Setup;
        if (setup.Quotas.ContainsKey(setup.TotalQuotaId))
        {
            return setup;
        }

        var total = Quota.Create(setup.TotalQuotaId, setup.EventId, new QuotaInput { Capacity = managed.Event.Capacity }, isEventTotal: true).Value;
        await setups.CreateQuotaAsync(total, ct);
        return await setups.LoadAsync(setup.EventId, consistent: true, ct);
    }
}
