using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.TestSupport;
using Ticketing.Tests.Support;

[assembly: AssemblyFixture(typeof(TicketingFixture))]

namespace Ticketing.Tests.Support;

/// <summary>
/// Once per test run: the local servers, the template's resources (with the local ticket keys
/// standing in for the KMS key), the signed-in test users, and the Ticketing app most tests share.
/// Events are written straight into the EventsTable (the Events area's records, as its app would).
/// Tests that move a clock or run the expiry job take tables of their own
/// (<see cref="LocalPlatformFixture.IsolatedConfigurationAsync"/>).
/// </summary>
public sealed class TicketingFixture : LocalPlatformFixture
{
    private Lazy<TicketingApp> _app = null!;

    /// <summary>The app most tests share: real clock, the run's tables.</summary>
    public TicketingApp App => _app.Value;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _app = new Lazy<TicketingApp>(() => new TicketingApp(Configuration));
    }

    /// <summary>A published event of <paramref name="organizer"/>'s starting in 30 days; its id.</summary>
    public async Task<string> SeedPublishedEventAsync(TestUser organizer, int capacity = 100)
    {
        var clock = TimeProvider.System;
        var start = clock.GetUtcNow().AddDays(30);
        var draft = Event.Create(EventIds.New(clock), new Caller(organizer.Sub, CallerGroups.Organizer), new EventInput
        {
            Title = "Ticketing test night",
            Description = "An event for the Ticketing tests.",
            Venue = new VenueInput { Name = "Hall", AddressLines = ["Street 1"], City = "Porto", Country = "PT", TimeZone = "Europe/Lisbon" },
            StartsAt = start,
            EndsAt = start.AddHours(3),
            Capacity = capacity,
        }, clock).Value;
        var published = draft with { Status = EventStatus.Published, PublishedAt = clock.GetUtcNow(), Version = draft.Version + 1 };
        using var dynamo = Servers.CreateDynamoDbClient();
        await dynamo.PutItemAsync(new PutItemRequest { TableName = Configuration[EventCatalog.TableSetting], Item = EventItems.ToItem(published) }, TestContext.Current.CancellationToken);
        return published.Id;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_app is { IsValueCreated: true })
        {
            await _app.Value.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
