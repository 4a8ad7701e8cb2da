using System.Net;
using Events.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Events.Tests.Operations;

/// <summary>
/// ListEvents and ListOrganizerEvents, each test on tables of its own (the public listing is
/// global) and on a fake clock, so that events can start and be published in other years.
/// </summary>
public sealed class ListingTests(LocalAwsFixture aws)
{
    private static readonly DateTimeOffset Now = new(2031, 6, 15, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListEvents_Soonest_WalksYearBucketsInStartOrderAcrossPages()
    {
        var clock = new FakeTimeProvider(Now);
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync(), clock);
        using var api = app.Api(aws.Organizer);
        var starts = new[]
        {
            new DateTimeOffset(2036, 6, 1, 18, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2031, 6, 25, 18, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2033, 7, 1, 18, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2031, 12, 30, 18, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2032, 3, 1, 18, 0, 0, TimeSpan.Zero),
        };
        foreach (var start in starts)
        {
            await api.CreatePublishedAsync(start, $"Starts {start:yyyy-MM-dd}");
        }

        await api.CreateDraftAsync(new DateTimeOffset(2031, 7, 1, 18, 0, 0, TimeSpan.Zero), "Draft");
        var cancelled = await api.CreatePublishedAsync(new DateTimeOffset(2031, 8, 1, 18, 0, 0, TimeSpan.Zero), "Cancelled");
        using (var cancel = await api.CancelAsync(cancelled.Id, "Off"))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        var pages = await ReadAllPagesAsync(app.Api(null), "/events?sort=soonest&limit=2");

        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal(starts.Order(), pages.SelectMany(p => p).Select(e => e.StartsAt));
    }

    [Fact]
    public async Task ListEvents_DefaultSortIsSoonest_AndEndedEventsDisappear()
    {
        var clock = new FakeTimeProvider(Now);
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync(), clock);
        using var api = app.Api(aws.Organizer);
        var first = await api.CreatePublishedAsync(Now.AddDays(1), "Tomorrow");
        var second = await api.CreatePublishedAsync(Now.AddDays(2), "Day after");

        clock.SetUtcNow(first.EndsAt.AddMinutes(1));
        using var response = await app.Api(null).GetAsync("/events");

        var page = await EventsApi.ReadPageAsync(response);
        Assert.Equal([second.Id], page.Items.Select(e => e.Id));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task ListEvents_Newest_OrdersByPublicationAcrossYears()
    {
        var clock = new FakeTimeProvider(Now);
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync(), clock);
        using var api = app.Api(aws.Organizer);
        var a = await api.CreatePublishedAsync(new DateTimeOffset(2034, 1, 10, 18, 0, 0, TimeSpan.Zero), "Published 2031");
        clock.SetUtcNow(Now.AddYears(1));
        var b = await api.CreatePublishedAsync(new DateTimeOffset(2034, 2, 10, 18, 0, 0, TimeSpan.Zero), "Published 2032");
        clock.SetUtcNow(Now.AddYears(2));
        var c = await api.CreatePublishedAsync(new DateTimeOffset(2034, 3, 10, 18, 0, 0, TimeSpan.Zero), "Published 2033");
        clock.Advance(TimeSpan.FromMinutes(1));
        var d = await api.CreatePublishedAsync(new DateTimeOffset(2034, 1, 1, 18, 0, 0, TimeSpan.Zero), "Published 2033, later");

        var pages = await ReadAllPagesAsync(app.Api(null), "/events?sort=newest&limit=2");

        Assert.Equal([2, 2], pages.Select(p => p.Count));
        Assert.Equal([d.Id, c.Id, b.Id, a.Id], pages.SelectMany(p => p).Select(e => e.Id));
    }

    [Fact]
    public async Task ListEvents_WithEmptyCatalog_ReturnsAnEmptyLastPage()
    {
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync(), new FakeTimeProvider(Now));

        using var response = await app.Api(null).GetAsync("/events?sort=newest");

        var page = await EventsApi.ReadPageAsync(response);
        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task ListOrganizerEvents_ListsOwnEventsIncludingDraftsNewestFirst()
    {
        var clock = new FakeTimeProvider(Now);
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync(), clock);
        using var organizer = app.Api(aws.Organizer);
        using var other = app.Api(aws.OtherOrganizer);
        var draft = await organizer.CreateDraftAsync(Now.AddDays(10), "Draft");
        clock.Advance(TimeSpan.FromMinutes(1));
        var published = await organizer.CreatePublishedAsync(Now.AddDays(20), "Published");
        clock.Advance(TimeSpan.FromMinutes(1));
        var cancelled = await organizer.CreateDraftAsync(Now.AddDays(30), "Cancelled");
        using (var cancel = await organizer.CancelAsync(cancelled.Id, "Off"))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        await other.CreateDraftAsync(Now.AddDays(5), "Someone else's");

        var pages = await ReadAllPagesAsync(organizer, "/organizer/events?limit=2");

        Assert.Equal([2, 1], pages.Select(p => p.Count));
        Assert.Equal([cancelled.Id, published.Id, draft.Id], pages.SelectMany(p => p).Select(e => e.Id));
        Assert.Equal(["cancelled", "published", "draft"], pages.SelectMany(p => p).Select(e => e.Status));
    }

    [Fact]
    public async Task ListOrganizerEvents_AdminMayListAnotherOrganizers_OthersMayNot()
    {
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync(), new FakeTimeProvider(Now));
        using var organizer = app.Api(aws.Organizer);
        var draft = await organizer.CreateDraftAsync(Now.AddDays(10));

        using var asAdmin = await app.Api(aws.Admin).GetAsync($"/organizer/events?organizerId={aws.Organizer.Sub}");
        using var asOther = await app.Api(aws.OtherOrganizer).GetAsync($"/organizer/events?organizerId={aws.Organizer.Sub}");
        using var asSelf = await organizer.GetAsync($"/organizer/events?organizerId={aws.Organizer.Sub}");

        Assert.Equal([draft.Id], (await EventsApi.ReadPageAsync(asAdmin)).Items.Select(e => e.Id));
        await EventsApi.ReadProblemAsync(asOther, HttpStatusCode.Forbidden);
        Assert.Equal([draft.Id], (await EventsApi.ReadPageAsync(asSelf)).Items.Select(e => e.Id));
    }

    [Fact]
    public async Task ListOrganizerEvents_Anonymous_Returns401()
    {
        using var response = await aws.App.Api(null).GetAsync("/organizer/events");

        await EventsApi.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/events?limit=0", "limit")]
    [InlineData("/events?limit=101", "limit")]
    [InlineData("/events?limit=ten", "limit")]
    [InlineData("/events?limit=-1", "limit")]
    [InlineData("/events?sort=popular", "sort")]
    [InlineData("/events?cursor=garbage", "cursor")]
    [InlineData("/events?cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "cursor")]
    public async Task ListEvents_WithInvalidQuery_Returns400NamingTheParameter(string path, string field)
    {
        using var response = await aws.App.Api(null).GetAsync(path);

        await EventsApi.AssertValidationErrorAsync(response, field);
    }

    [Fact]
    public async Task ListOrganizerEvents_WithInvalidLimit_Returns400NamingLimit()
    {
        using var response = await aws.App.Api(aws.Organizer).GetAsync("/organizer/events?limit=1000");

        await EventsApi.AssertValidationErrorAsync(response, "limit");
    }

    [Fact]
    public async Task ListEvents_WithTamperedCursor_Returns400NamingCursor()
    {
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync(), new FakeTimeProvider(Now));
        using var api = app.Api(aws.Organizer);
        await api.CreatePublishedAsync(Now.AddDays(1));
        await api.CreatePublishedAsync(Now.AddDays(2));
        var cursor = await FirstCursorAsync(api, "/events?limit=1");
        var tampered = (cursor[^2] == 'A' ? cursor[..^2] + "B" : cursor[..^2] + "A") + cursor[^1];

        using var response = await api.GetAsync($"/events?limit=1&cursor={tampered}");

        await EventsApi.AssertValidationErrorAsync(response, "cursor");
    }

    [Fact]
    public async Task ListEvents_WithCursorOfAnotherSort_Returns400NamingCursor()
    {
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync(), new FakeTimeProvider(Now));
        using var api = app.Api(aws.Organizer);
        await api.CreatePublishedAsync(Now.AddDays(1));
        await api.CreatePublishedAsync(Now.AddDays(2));
        var cursor = await FirstCursorAsync(api, "/events?sort=soonest&limit=1");

        using var response = await api.GetAsync($"/events?sort=newest&limit=1&cursor={cursor}");

        await EventsApi.AssertValidationErrorAsync(response, "cursor");
    }

    [Fact]
    public async Task ListOrganizerEvents_WithAnotherOrganizersCursor_Returns400NamingCursor()
    {
        await using var app = new EventsApp(await aws.IsolatedConfigurationAsync(), new FakeTimeProvider(Now));
        using var organizer = app.Api(aws.Organizer);
        await organizer.CreateDraftAsync(Now.AddDays(1));
        await organizer.CreateDraftAsync(Now.AddDays(2));
        var cursor = await FirstCursorAsync(organizer, "/organizer/events?limit=1");

        using var response = await app.Api(aws.OtherOrganizer).GetAsync($"/organizer/events?limit=1&cursor={cursor}");

        await EventsApi.AssertValidationErrorAsync(response, "cursor");
    }

    private static async Task<string> FirstCursorAsync(EventsApi api, string path)
    {
        using var response = await api.GetAsync(path);
        var page = await EventsApi.ReadPageAsync(response);
        return page.NextCursor ?? throw new Xunit.Sdk.XunitException("Expected a next page.");
    }

    private static async Task<List<List<BitcoinEvents.Events.Contracts.EventResponse>>> ReadAllPagesAsync(EventsApi api, string firstPath)
    {
        var pages = new List<List<BitcoinEvents.Events.Contracts.EventResponse>>();
        string? cursor = null;
        do
        {
            var path = cursor is null ? firstPath : $"{firstPath}&cursor={Uri.EscapeDataString(cursor)}";
            using var response = await api.GetAsync(path);
            var page = await EventsApi.ReadPageAsync(response);
            pages.Add([.. page.Items]);
            cursor = page.NextCursor;
            Assert.True(pages.Count < 20, "Paging does not end.");
        }
        while (cursor is not null);

        return pages;
    }
}
