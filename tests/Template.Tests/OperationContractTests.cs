using System.Text.Json.Nodes;
using Template.Tests.Support;

namespace Template.Tests;

/// <summary>
/// template.yaml against the code: Handlers are operations of their area, HttpApi routes are the
/// area's endpoints one to one (same method, path and name), anonymous exactly where the
/// template says <c>Authorizer: NONE</c>.
/// </summary>
public sealed class OperationContractTests
{
    [Fact]
    public async Task EveryHandler_IsAnOperationOfItsArea_AndEveryOperationHasAFunction()
    {
        var (template, areaOf, areas) = await LoadAsync();

        var problems = OperationContract.HandlerProblems(template, areaOf, areas);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Areas_HaveOperations()
    {
        var areas = await AreaCatalog.OperationsAsync();

        Assert.All(areas.Values, area => Assert.NotEmpty(area.Names));
        Assert.Contains("GetEvent", areas["Events"].Names);
        Assert.Contains("CompleteEndedEvents", areas["Events"].BackgroundOperations);
    }

    [Fact]
    public async Task HandlerProblems_WhenAHandlerIsMisspelled_AreReported()
    {
        var (template, areaOf, areas) = await LoadAsync();
        var copy = template.Clone();
        copy.Resources["GetEventFunction"]!["Properties"]!.AsObject()["Handler"] = "GetEvents";

        var problems = OperationContract.HandlerProblems(copy, areaOf, areas);

        Assert.Contains(problems, p => p.StartsWith("GetEventFunction: Handler GetEvents is not an operation", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Operation GetEvent of area Events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandlerProblems_WhenAScheduleFunctionIsRemoved_AreReported()
    {
        var (template, areaOf, areas) = await LoadAsync();
        var copy = template.Clone();
        copy.Resources.Remove("CompleteEndedEventsFunction");

        Assert.Contains(OperationContract.HandlerProblems(copy, areaOf, areas), p => p.Contains("CompleteEndedEvents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryRoute_IsAnEndpointWithTheSameMethodPathAndName_AndTheReverse()
    {
        var (template, _, areas) = await LoadAsync();

        var problems = OperationContract.RouteProblems(template.HttpRoutes, areas.Values.SelectMany(a => a.Endpoints));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task AnonymousEndpoints_AreExactlyTheRoutesWithAuthorizerNone()
    {
        var (template, _, areas) = await LoadAsync();
        var anonymousEndpoints = areas.Values.SelectMany(a => a.Endpoints).Where(e => e.AllowsAnonymous).Select(e => $"{e.Method} {e.Path}").Order(StringComparer.Ordinal);
        var openRoutes = template.HttpRoutes.Where(r => !r.RequiresAuthorization).Select(r => $"{r.Method} {r.Path}").Order(StringComparer.Ordinal);

        Assert.Equal(openRoutes, anonymousEndpoints);
    }

    [Fact]
    public async Task RouteProblems_WhenTheTemplateDiffersFromTheCode_AreReported()
    {
        var (template, _, areas) = await LoadAsync();
        var copy = template.Clone();
        var getEvent = copy.Resources["GetEventFunction"]!["Properties"]!["Events"]!["Api"]!["Properties"]!.AsObject();
        getEvent.Remove("Auth");                                    // now behind the JWT authorizer
        var listEvents = copy.Resources["ListEventsFunction"]!["Properties"]!["Events"]!["Api"]!["Properties"]!.AsObject();
        listEvents["Path"] = "/events/all";                         // route without endpoint, endpoint without route
        var cancel = copy.Resources["CancelEventFunction"]!["Properties"]!["Events"]!["Api"]!["Properties"]!.AsObject();
        cancel["Auth"] = JsonNode.Parse("""{"Authorizer": "NONE"}"""); // open route, protected endpoint
        copy.Resources["PublishEventFunction"]!["Properties"]!.AsObject()["Handler"] = "Publish"; // name ≠ Handler

        var problems = OperationContract.RouteProblems(copy.HttpRoutes, areas.Values.SelectMany(a => a.Endpoints));

        Assert.Contains(problems, p => p.StartsWith("Endpoint GET /events/{eventId} allows anonymous callers", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Route GET /events/all", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Endpoint GET /events (ListEvents) is not an HttpApi route", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Endpoint POST /events/{eventId}/cancel requires authorization", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Endpoint POST /events/{eventId}/publish is named 'PublishEvent'", StringComparison.Ordinal));
    }

    private static async Task<(TemplateDocument Template, Func<string, string?> AreaOf, IReadOnlyDictionary<string, AreaOperations> Areas)> LoadAsync()
    {
        var rules = await MakeTool.RulesAsync(RepositoryPaths.Makefile, TestContext.Current.CancellationToken);
        var areas = await AreaCatalog.OperationsAsync();
        return (TemplateDocument.Load(), id => MakeTool.AreaOf(rules, id), areas);
    }
}
