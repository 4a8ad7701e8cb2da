using BitcoinEvents.DevHost;
using BitcoinEvents.DevHost.Routing;
using BitcoinEvents.Lambda;
using BitcoinEvents.LocalAws;
using DevHost.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Patterns;

namespace DevHost.Tests.Routing;

/// <summary>
/// The route contract as the host enforces it at start: the real areas against the real
/// template.yaml, and against modified copies of it (each disagreement stops the start).
/// </summary>
public sealed class RouteContractTemplateTests
{
    [Fact]
    public async Task TheRealAreas_MatchTheRealTemplate()
    {
        await using var app = await BuildAsync(Templates.Real());

        var endpoints = RouteContract.EndpointsOf(((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)app).DataSources, hasFallbackPolicy: false);
        var routes = TemplateBindings.Routes(Templates.Real());
        Assert.NotEmpty(routes);
        Assert.Equal(
            routes.Select(r => $"{r.Method} {r.Path} {r.Handler}").Order(),
            endpoints.Select(e => $"{e.Method} {e.Path} {e.Operation}").Order());
    }

    [Fact]
    public async Task AnEndpointWhoseRouteTheTemplateLacks_StopsTheStart()
    {
        var template = Templates.RealWith(Templates.EventsArea, ("PublishEvent, CancelEvent, ListOrganizerEvents", "PublishEvent, ListOrganizerEvents"));

        var error = await Assert.ThrowsAsync<RouteContractException>(() => BuildAsync(template));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("Operation CancelEvent:", problem, StringComparison.Ordinal);
        Assert.Contains("POST /events/{eventId}/cancel is not a route in template.yaml", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATemplateRouteNoAreaMaps_StopsTheStart()
    {
        var template = Templates.RealWith(Templates.EventsArea, ("\"POST /events/{eventId}/cancel\"", "\"POST /events/{eventId}/cancellation\""));

        var error = await Assert.ThrowsAsync<RouteContractException>(() => BuildAsync(template));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("Operation CancelEvent: template.yaml route POST /events/{eventId}/cancellation (CancelEventFunction) has no endpoint", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Operation CancelEvent: endpoint POST /events/{eventId}/cancel is not a route", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExtraEndpoint_StopsTheStart()
    {
        var extra = new AreaDefinition
        {
            Name = "Extra",
            MapEndpoints = app => app.MapGet("/events/{eventId}/attendees", () => Results.Ok()).WithName("ListAttendees").RequireAuthorization(),
        };

        var error = await Assert.ThrowsAsync<RouteContractException>(() => BuildAsync(Templates.Real(), extra));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("Operation ListAttendees: endpoint GET /events/{eventId}/attendees is not a route in template.yaml", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEndpointNamedOtherThanItsHandler_StopsTheStart()
    {
        var template = Templates.RealWith(Templates.EventsArea, ("Handler: GetOrganizerEvent", "Handler: ReadOrganizerEvent"));

        var error = await Assert.ThrowsAsync<RouteContractException>(() => BuildAsync(template));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("endpoint GET /organizer/events/{eventId} is named 'GetOrganizerEvent'", problem, StringComparison.Ordinal);
        Assert.Contains("GetOrganizerEventFunction owns that route with Handler 'ReadOrganizerEvent'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnonymousEndpointBehindTheAuthorizer_StopsTheStart()
    {
        var template = Templates.RealWith(
            Templates.EventsArea,
            ("- [GetEvent, ListEvents]", "- [ListEvents]"),
            ("GetOrganizerEvent, CreateCoverImageUpload]", "GetOrganizerEvent, CreateCoverImageUpload, GetEvent]"));

        var error = await Assert.ThrowsAsync<RouteContractException>(() => BuildAsync(template));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("Operation GetEvent: endpoint GET /events/{eventId} allows anonymous access", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProtectedEndpointTheTemplateMakesPublic_StopsTheStart()
    {
        var template = Templates.RealWith(
            Templates.EventsArea,
            ("- [GetEvent, ListEvents]", "- [GetEvent, ListEvents, ListOrganizerEvents]"),
            ("CancelEvent, ListOrganizerEvents, GetOrganizerEvent", "CancelEvent, GetOrganizerEvent"));

        var error = await Assert.ThrowsAsync<RouteContractException>(() => BuildAsync(template));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("Operation ListOrganizerEvents: endpoint GET /organizer/events requires authorization but template.yaml's ListOrganizerEventsFunction route has no authorizer", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScheduleWithoutItsOperation_StopsTheStart()
    {
        var template = Templates.RealWith(Templates.EventsArea, ("Handler: CompleteEndedEvents", "Handler: CloseEndedEvents"));

        var error = await Assert.ThrowsAsync<RouteContractException>(() => BuildAsync(template));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("Operation CloseEndedEvents: template.yaml's CompleteEndedEventsFunction (Schedule) has no background operation", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Operation CompleteEndedEvents: an area defines this background operation but no function", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/events/{eventId}", "/events/{eventId}")]
    [InlineData("/events/{eventId:minlength(1)}", "/events/{eventId}")]
    [InlineData("events/{eventId?}", "/events/{eventId}")]
    [InlineData("/files/{**path}", "/files/{path+}")]
    [InlineData("/files/{*path}", "/files/{path+}")]
    [InlineData("/", "/")]
    public void PathOf_WritesRoutePatternsAsTemplatePaths(string pattern, string expected)
    {
        Assert.Equal(expected, RouteContract.PathOf(RoutePatternFactory.Parse(pattern)));
    }

    private static async Task<WebApplication> BuildAsync(SamTemplate template, params AreaDefinition[] extraAreas) =>
        await DevHostApp.BuildAsync(new DevHostAppSettings
        {
            Areas = [.. Areas.Of(Templates.Real()), .. extraAreas],
            Template = template,
            Port = 0,
        });
}
