using BitcoinEvents.DevHost.Routing;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost.Web;

/// <summary>The web app's parts of DevHost's API app: CORS for its origins, and <c>GET /local/web-config</c>.</summary>
internal static class WebEndpoints
{
    /// <summary>Answers CORS as API Gateway does with template.yaml's CorsConfiguration, for <paramref name="origins"/>.</summary>
    public static void UseCors(WebApplication app, IReadOnlyList<string> origins, SamTemplate template)
    {
        if (origins.Count == 0)
        {
            return;
        }

        var cors = new LocalCors(origins, WebTemplate.From(template));
        app.Use(cors.InvokeAsync);
    }

    /// <summary><c>GET /local/web-config</c>: the config.json a web app on this machine uses (<c>npm run dev</c> writes it to web/public).</summary>
    public static void Map(WebApplication app, Func<WebConfig?> config) =>
        app.MapGet("/local/web-config", () => config() is { } current
                ? Results.Text(current.ToJson(), "application/json")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No local web config", detail: "This host runs without cognito-local."))
            .WithMetadata(LocalOnlyEndpoint.Instance)
            .ExcludeFromDescription();
}
