using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Lambda.Tests;

/// <summary>
/// An area's HTTP operations listed one by one (<see cref="AreaDefinition.HttpOperations"/>): every
/// host but a Lambda function maps them all, next to endpoints mapped the older way.
/// </summary>
public sealed class HttpOperationTests
{
    private static readonly string[] Args = ["--Logging:LogLevel:Default=None"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Build_WithoutOwnOperation_MapsEveryListedOperation(bool lambda)
    {
        var recorder = new Recorder();
        await using var app = LambdaApplication.Build(Args, TestArea.Create(recorder, listed: true), TestArea.Defaults, lambda);

        Assert.Equal(TestArea.EndpointNames.Order(StringComparer.Ordinal), LambdaApplication.HttpOperationNames(app).Order(StringComparer.Ordinal));
        Assert.Equal(TestArea.EndpointNames, recorder.MappedOperations);
    }

    [Fact]
    public void MapEndpoints_OfListedArea_MapsEveryOperationForHostsThatCallIt()
    {
        // DevHost, the route check and the tests call MapEndpoints: a listed area needs no change there.
        var area = TestArea.Create(listed: true);
        var builder = WebApplication.CreateSlimBuilder();
        area.AddServices(builder);
        using var app = builder.Build();

        area.MapEndpoints(app);

        Assert.Equal(TestArea.EndpointNames.Order(StringComparer.Ordinal), LambdaApplication.HttpOperationNames(app).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Build_ForLambda_MapsEndpointsMappedTheOlderWayAndOnlyTheOwnListedOperation()
    {
        var area = new AreaDefinition
        {
            Name = "Mixed",
            MapEndpoints = routes => routes.MapGet("/legacy", () => "legacy").WithName("GetLegacy"),
            HttpOperations =
            [
                new("GetOne", routes => routes.MapGet("/one", () => "one").WithName("GetOne")),
                new("GetTwo", routes => routes.MapGet("/two", () => "two").WithName("GetTwo")),
            ],
        };

        await using var own = LambdaApplication.Build(Args, area, HostDefaults.None, lambda: true, ownOperation: "GetTwo");
        await using var older = LambdaApplication.Build(Args, area, HostDefaults.None, lambda: true, ownOperation: "GetLegacy");
        await using var all = LambdaApplication.Build(Args, area, HostDefaults.None, lambda: false);

        Assert.Equal(["GetLegacy", "GetTwo"], LambdaApplication.HttpOperationNames(own).Order(StringComparer.Ordinal));
        Assert.Equal(["GetLegacy"], LambdaApplication.HttpOperationNames(older));
        Assert.Equal(["GetLegacy", "GetOne", "GetTwo"], LambdaApplication.HttpOperationNames(all).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListedOperation_WhoseEndpointHasAnotherName_FailsWhenItsEndpointIsBuilt()
    {
        var area = new AreaDefinition
        {
            Name = "Misnamed",
            HttpOperations = [new("GetThing", routes => routes.MapGet("/things/{id}", (string id) => id).WithName("GetThings"))],
        };
        await using var app = LambdaApplication.Build(Args, area, HostDefaults.None, lambda: false);

        var error = Assert.Throws<InvalidOperationException>(() => LambdaApplication.HttpOperationNames(app));

        Assert.Contains("'GetThing'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'GetThings'", error.Message, StringComparison.Ordinal);
        Assert.Contains(".WithName(\"GetThing\")", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListedOperations_WithTheSameNameTwice_FailToMap()
    {
        var area = new AreaDefinition
        {
            Name = "Twice",
            HttpOperations =
            [
                new("GetThing", routes => routes.MapGet("/a", () => "a").WithName("GetThing")),
                new("GetThing", routes => routes.MapGet("/b", () => "b").WithName("GetThing")),
            ],
        };

        var error = Assert.Throws<InvalidOperationException>(() => LambdaApplication.Build(Args, area, HostDefaults.None, lambda: false));

        Assert.Contains("Twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("GetThing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void HttpOperation_WithoutName_IsRefused(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => new HttpOperation(name, routes => routes.MapGet("/", () => Results.Ok())));
}
