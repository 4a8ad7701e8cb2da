using Template.Tests.Support;

namespace Template.Tests;

/// <summary>
/// template.yaml against the build: Handlers are operations of the area whose template declares
/// them. (Routes against endpoints: DevHost.Tests, Routing/RouteContract*Tests.)
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

    private static async Task<(TemplateDocument Template, Func<string, string?> AreaOf, IReadOnlyDictionary<string, AreaOperations> Areas)> LoadAsync()
    {
        var model = BitcoinEvents.LocalAws.SamTemplate.LoadDefault();
        var areas = await AreaCatalog.OperationsAsync();
        return (TemplateDocument.Flatten(model), id => model.Functions.FirstOrDefault(f => f.LogicalId == id)?.Area, areas);
    }
}
