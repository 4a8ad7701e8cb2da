using BitcoinEvents.DevHost.Routing;

namespace DevHost.Tests.Routing;

/// <summary>The comparison itself, on synthetic route and endpoint lists.</summary>
public sealed class RouteContractSyntheticTests
{
    private static readonly TemplateRoute[] Template =
    [
        new("POST", "/events", "CreateEventFunction", "CreateEvent", RequiresAuthorization: true),
        new("GET", "/events/{eventId}", "GetEventFunction", "GetEvent", RequiresAuthorization: false),
    ];

    private static readonly AreaEndpoint[] Endpoints =
    [
        new("CreateEvent", "POST", "/events", AllowsAnonymous: false),
        new("GetEvent", "GET", "/events/{eventId}", AllowsAnonymous: true),
    ];

    [Fact]
    public void Compare_WhenTheyAgree_FindsNothing()
    {
        Assert.Empty(RouteContract.Compare(Template, Endpoints));
    }

    [Fact]
    public void Compare_WhenAnEndpointIsMissing_NamesTheTemplateRouteAndHandler()
    {
        var problem = Assert.Single(RouteContract.Compare(Template, Endpoints[..1]));

        Assert.Contains("GET /events/{eventId}", problem, StringComparison.Ordinal);
        Assert.Contains("GetEvent", problem, StringComparison.Ordinal);
        Assert.Contains("no endpoint", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_WhenAnEndpointIsNotInTheTemplate_NamesTheOperation()
    {
        AreaEndpoint[] endpoints = [.. Endpoints, new("DeleteEvent", "DELETE", "/events/{eventId}", false)];

        var problem = Assert.Single(RouteContract.Compare(Template, endpoints));

        Assert.Contains("DeleteEvent", problem, StringComparison.Ordinal);
        Assert.Contains("DELETE /events/{eventId}", problem, StringComparison.Ordinal);
        Assert.Contains("not a route in template.yaml", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_WhenTheNameIsNotTheHandler_NamesBoth()
    {
        AreaEndpoint[] endpoints = [new("NewEvent", "POST", "/events", false), Endpoints[1]];

        var problem = Assert.Single(RouteContract.Compare(Template, endpoints));

        Assert.Contains("'NewEvent'", problem, StringComparison.Ordinal);
        Assert.Contains("Handler 'CreateEvent'", problem, StringComparison.Ordinal);
        Assert.Contains("CreateEventFunction", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_WhenAnEndpointIsUnnamed_SaysSo()
    {
        AreaEndpoint[] endpoints = [new(null, "POST", "/events", false), Endpoints[1]];

        var problems = RouteContract.Compare(Template, endpoints);

        Assert.Contains(problems, p => p.Contains("POST /events has no operation name", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_WhenAnonymousButTheTemplateRequiresTheAuthorizer_NamesTheOperation()
    {
        AreaEndpoint[] endpoints = [Endpoints[0] with { AllowsAnonymous = true }, Endpoints[1]];

        var problem = Assert.Single(RouteContract.Compare(Template, endpoints));

        Assert.StartsWith("Operation CreateEvent:", problem, StringComparison.Ordinal);
        Assert.Contains("allows anonymous access", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_WhenProtectedButTheTemplateRouteHasNoAuthorizer_NamesTheOperation()
    {
        AreaEndpoint[] endpoints = [Endpoints[0], Endpoints[1] with { AllowsAnonymous = false }];

        var problem = Assert.Single(RouteContract.Compare(Template, endpoints));

        Assert.StartsWith("Operation GetEvent:", problem, StringComparison.Ordinal);
        Assert.Contains("has no authorizer", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MethodsCompareCaseInsensitively_PathsExactly()
    {
        AreaEndpoint[] endpoints = [Endpoints[0] with { Method = "post" }, Endpoints[1] with { Path = "/events/{id}" }];

        var problems = RouteContract.Compare(Template, endpoints);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("GET /events/{id} is not a route", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("GET /events/{eventId} (GetEventFunction) has no endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_BackgroundOperations_MustMatchTheTemplatesQueueAndScheduleFunctions()
    {
        TemplateBackgroundFunction[] functions =
        [
            new("CompleteEndedEventsFunction", "CompleteEndedEvents", "Schedule"),
            new("OnOrderPaidFunction", "OnOrderPaid", "Queue"),
            new("SettleRewardsFunction", "SettleRewards", "Schedule"),
        ];
        AreaBackgroundOperation[] operations =
        [
            new("CompleteEndedEvents", "Schedule"),
            new("OnOrderPaid", "Schedule"),
            new("ExpireHolds", "Schedule"),
        ];

        var problems = RouteContract.Compare(Template, Endpoints, functions, operations);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Operation OnOrderPaid:", StringComparison.Ordinal) && p.Contains("Queue function", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Operation SettleRewards:", StringComparison.Ordinal) && p.Contains("no background operation", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Operation ExpireHolds:", StringComparison.Ordinal) && p.Contains("no function in template.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Enforce_ThrowsWithEveryProblemInTheMessage()
    {
        var error = Assert.Throws<RouteContractException>(() => RouteContract.Enforce(Template, Endpoints[..1]));

        Assert.Single(error.Problems);
        Assert.Contains("GET /events/{eventId}", error.Message, StringComparison.Ordinal);
    }
}
