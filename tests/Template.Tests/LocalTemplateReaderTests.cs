using Template.Tests.Support;
using Local = BitcoinEvents.LocalAws;

namespace Template.Tests;

/// <summary>
/// tools/LocalAws reads template.yaml for the local host and the integration tests: it must see
/// the same functions, handlers and routes as these tests (and as SAM) do.
/// </summary>
public sealed class LocalTemplateReaderTests
{
    [Fact]
    public void LocalAwsReader_SeesTheSameFunctionsHandlersAndRoutes()
    {
        var local = Local.SamTemplate.Load(RepositoryPaths.Template);
        var template = TemplateDocument.Load();

        Assert.Equal(
            template.Functions.Select(f => $"{f.LogicalId} {f.Handler}").Order(StringComparer.Ordinal),
            local.Functions.Select(f => $"{f.LogicalId} {f.Handler}").Order(StringComparer.Ordinal));
        Assert.Equal(
            template.HttpRoutes.Select(r => $"{r.FunctionLogicalId} {r.Method} {r.Path} auth={r.RequiresAuthorization}").Order(StringComparer.Ordinal),
            local.Functions.SelectMany(f => f.HttpRoutes.Select(r => $"{f.LogicalId} {r.Method} {r.Path} auth={r.RequiresAuthorization}")).Order(StringComparer.Ordinal));
    }
}
