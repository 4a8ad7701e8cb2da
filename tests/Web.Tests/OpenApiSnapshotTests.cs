using BitcoinEvents.DevHost;

namespace Web.Tests;

/// <summary>
/// web/openapi.json is what the web build generates its API types from: it must be the document
/// the platform serves now, so an API change reaches the web app's type check (and breaks its
/// build when a page no longer fits).
/// </summary>
public sealed class OpenApiSnapshotTests
{
    [Fact]
    public async Task TheWebAppsSnapshot_IsTheDocumentThePlatformServes()
    {
        var served = await OpenApiSnapshot.RenderAsync(TestContext.Current.CancellationToken);
        var snapshot = await File.ReadAllTextAsync(OpenApiSnapshot.DefaultPath, TestContext.Current.CancellationToken);

        Assert.True(
            string.Equals(served, snapshot.ReplaceLineEndings("\n"), StringComparison.Ordinal),
            $"web/openapi.json differs from the OpenAPI document the platform serves. Refresh it with `{OpenApiSnapshot.RefreshCommand}`, "
            + "then build the web app (cd web && npm run build) and fix the pages its type check names.");
    }
}
