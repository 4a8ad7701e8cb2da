using System.Net;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Operations;
using Microsoft.Extensions.Time.Testing;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.SalesSupport;

/// <summary>A domain event as it sits in the outbox: its envelope's members and its data.</summary>
internal sealed record OutboxMessage(string Id, string Type, string Subject, JsonObject Data);

/// <summary>
/// One test class's world for the selling stories: tables of its own (so the expiry job and the
/// fake clock touch nothing else), the Ticketing app on a fake clock, published events seeded in the
/// catalog as the Events area stores them, extra buyers, the outbox as Payments and Notifications
/// would read it, and payments reported as Payments reports them.
/// </summary>
internal sealed class SalesWorld : IAsyncDisposable
{
    private static readonly SemaphoreSlim BuyersGate = new(1, 1);
    private static TestUser[]? s_buyers;

    private readonly TicketingFixture _fixture;
    private readonly IReadOnlyDictionary<string, string> _settings;

    private SalesWorld(TicketingFixture fixture, IReadOnlyDictionary<string, string> settings, SalesApp app)
    {
        _fixture = fixture;
        _settings = settings;
        App = app;
    }

    public SalesApp App { get; }

    public FakeTimeProvider Clock => App.Clock;

    public TestUser Organizer => _fixture.Organizer;

    public TestUser OtherOrganizer => _fixture.OtherOrganizer;

    public TestUser Attendee => _fixture.Attendee;

    public TestUser Admin => _fixture.Admin;

    public static async Task<SalesWorld> StartAsync(TicketingFixture fixture)
    {
        var settings = await fixture.IsolatedConfigurationAsync();
        return new SalesWorld(fixture, settings, new SalesApp(settings, new FakeTimeProvider(DateTimeOffset.UtcNow)));
    }

    public SalesApi Api(TestUser user) => App.Api(user);

    /// <summary>Three more signed-in attendees (created once per test run).</summary>
    public async Task<TestUser[]> BuyersAsync()
    {
        await BuyersGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (s_buyers is null)
            {
                using var cognito = _fixture.Servers.CreateCognito();
                var buyers = new List<TestUser>();
                foreach (var name in new[] { "buyer-b", "buyer-c", "buyer-d" })
                {
                    var email = $"{name}@example.test";
                    var sub = await cognito.EnsureUserAsync(_fixture.Resources.UserPoolId!, email, LocalPlatformFixture.Password, "attendee");
                    var tokens = await cognito.SignInAsync(_fixture.Resources.UserPoolClientId!, email, LocalPlatformFixture.Password);
                    buyers.Add(new TestUser(email, sub, tokens.AccessToken, tokens.IdToken));
                }

                s_buyers = [.. buyers];
            }

            return s_buyers;
        }
        finally
        {
            BuyersGate.Release();
        }
    }

    /// <summary>A published event of the organizer in the catalog, as the Events area stores it.</summary>
    public async Task<string> PublishedEventAsync(int capacity, TimeSpan? startsIn = null, EventStatus status = EventStatus.Published)
    {
        var now = Clock.GetUtcNow();
        var id = Guid.CreateVersion7().ToString("N");
        var e = new Event
        {
            Id = id,
            OrganizerId = Organizer.Sub,
            Title = "Waiting-list night",
            Venue = new Venue("Bitcoin Embassy", ["Rua Augusta 1"], "Lisbon", null, null, "PT", "Europe/Lisbon"),
            StartsAt = now.Add(startsIn ?? TimeSpan.FromDays(10)),
            EndsAt = now.Add(startsIn ?? TimeSpan.FromDays(10)).AddHours(3),
            Capacity = capacity,
            Status = status,
            CreatedAt = now,
            UpdatedAt = now,
            PublishedAt = now,
            Version = 2,
        };
        await PutEventAsync(e);
        return id;
    }

    /// <summary>Marks the event cancelled in the catalog, as CancelEvent does (its EventCancelled is then delivered by the test).</summary>
    public async Task<EventCancelledV1> CancelEventInCatalogAsync(string eventId, string reason)
    {
        using var dynamo = _fixture.Servers.CreateDynamoDbClient();
        var item = await dynamo.GetItemAsync(new GetItemRequest { TableName = _settings[EventCatalog.TableSetting], Key = EventItems.Key(eventId), ConsistentRead = true }, TestContext.Current.CancellationToken);
        var e = EventItems.FromItem(item.Item);
        var now = Clock.GetUtcNow();
        await PutEventAsync(e with { Status = EventStatus.Cancelled, CancellationReason = reason, CancelledAt = now, UpdatedAt = now, Version = e.Version + 1 });
        return new EventCancelledV1(eventId, e.OrganizerId, reason, now);
    }

    /// <summary>A ticket type created by the organizer; its id.</summary>
    public async Task<string> TicketTypeAsync(string eventId, long priceMinor = 0, int maxPerOrder = 4, string name = "General")
    {
        using var organizer = Api(Organizer);
        var created = await SalesApi.ReadAsync(organizer.PostAsync($"/events/{eventId}/ticket-types", new JsonObject
        {
            ["name"] = name,
            ["price"] = new JsonObject { ["amount"] = priceMinor, ["currency"] = "EUR" },
            ["maxPerOrder"] = maxPerOrder,
        }), HttpStatusCode.Created);
        return SalesApi.Id(created);
    }

    public async Task SettingsAsync(string eventId, JsonObject patch)
    {
        using var organizer = Api(Organizer);
        using var response = await organizer.SendAsync(HttpMethod.Patch, $"/events/{eventId}/ticketing-settings", patch, ApiClient.NewKey());
        await SalesApi.ReadAsync(response, HttpStatusCode.OK);
    }

    /// <summary>A hold of <paramref name="user"/>; its id.</summary>
    public async Task<string> HoldAsync(TestUser user, string eventId, string typeId, int quantity)
    {
        using var api = Api(user);
        return SalesApi.Id(await SalesApi.ReadAsync(api.HoldAsync(eventId, typeId, quantity), HttpStatusCode.Created));
    }

    /// <summary>An order of <paramref name="user"/> from a hold of <paramref name="quantity"/> seats (paid at once when free).</summary>
    public async Task<JsonObject> OrderAsync(TestUser user, string eventId, string typeId, int quantity)
    {
        var hold = await HoldAsync(user, eventId, typeId, quantity);
        using var api = Api(user);
        return await SalesApi.ReadAsync(api.CheckoutAsync(hold, typeId, quantity), HttpStatusCode.Created);
    }

    /// <summary>Moves the clock and runs the expiry job, as its schedule would.</summary>
    public Task<int> ExpireAfterAsync(TimeSpan elapsed)
    {
        Clock.Advance(elapsed);
        return App.ExpireHoldsAsync();
    }

    /// <summary>Payments reports that <paramref name="orderId"/> was paid <paramref name="amountMinor"/> EUR.</summary>
    public async Task<string> PayAsync(string orderId, long amountMinor)
    {
        var paymentId = "pay_" + Guid.NewGuid().ToString("N");
        var money = new MoneyDto(amountMinor, "EUR");
        var envelope = DomainEventEnvelope.Create(
            new PaymentSucceededV1(orderId, paymentId, "stripe", money, money, Clock.GetUtcNow()),
            MessagesJsonContext.Default.PaymentSucceededV1,
            DomainEventIds.From("payments", "PaymentSucceeded", paymentId),
            "payments",
            orderId,
            Clock.GetUtcNow());
        Assert.Empty(await App.DeliverAsync(OnPaymentSucceeded.Name, envelope));
        return paymentId;
    }

    /// <summary>Every message in the outbox (the world's own table), optionally only those of <paramref name="type"/>.</summary>
    public async Task<List<OutboxMessage>> OutboxAsync(string? type = null)
    {
        using var dynamo = _fixture.Servers.CreateDynamoDbClient();
        var messages = new List<OutboxMessage>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = _settings[Outbox.TableSetting], ExclusiveStartKey = start, ConsistentRead = true }, TestContext.Current.CancellationToken);
            foreach (var item in page.Items ?? [])
            {
                var envelope = JsonNode.Parse(item[OutboxItems.Envelope].S)!.AsObject();
                messages.Add(new OutboxMessage(
                    envelope["id"]!.GetValue<string>(), envelope["type"]!.GetValue<string>(), envelope["subject"]!.GetValue<string>(), envelope["data"]!.AsObject()));
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return type is null ? messages : [.. messages.Where(m => m.Type == type)];
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    private async Task PutEventAsync(Event e)
    {
        using var dynamo = _fixture.Servers.CreateDynamoDbClient();
        await dynamo.PutItemAsync(new PutItemRequest { TableName = _settings[EventCatalog.TableSetting], Item = EventItems.ToItem(e) }, TestContext.Current.CancellationToken);
    }
}
