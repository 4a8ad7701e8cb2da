using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost;

/// <summary>
/// The OpenAPI document every area serves, as the web app keeps it (<c>web/openapi.json</c>): the
/// web build generates its API types from that file, so an API change the web app does not
/// follow fails its type check. <c>dotnet run --project tools/DevHost -- --openapi-out
/// web/openapi.json</c> refreshes it; tests/Web.Tests fails while the file differs from
/// <see cref="RenderAsync"/>. Built without local servers, so it is the same on every machine.
/// </summary>
internal static class OpenApiSnapshot
{
    /// <summary>The snapshot's path in the repository.</summary>
    public static string DefaultPath => Path.Combine(RepositoryPaths.Root, "web", "openapi.json");

    public const string RefreshCommand = "dotnet run --project tools/DevHost -- --openapi-out web/openapi.json";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document as DevHost serves it at /openapi/v1.json, without <c>servers</c> (the serving port), indented, with a final newline.</summary>
    public static async Task<string> RenderAsync(CancellationToken cancellationToken = default)
    {
        var template = SamTemplate.LoadDefault();
        await using var app = await DevHostApp.BuildAsync(new DevHostAppSettings { Areas = Areas.Of(template), Template = template, Port = 0 });
        await app.StartAsync(cancellationToken);
        try
        {
            using var http = new HttpClient { BaseAddress = DevHostApp.BaseUrl(app) };
            var document = await http.GetFromJsonAsync<JsonObject>("openapi/v1.json", cancellationToken)
                ?? throw new InvalidOperationException("/openapi/v1.json answered null.");
            document.Remove("servers");
            return document.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Writes the document to <paramref name="path"/> (relative to the repository root: <c>dotnet
    /// run</c> starts in the project's folder); returns the process exit code.
    /// </summary>
    public static async Task<int> WriteAsync(string path, TextWriter output)
    {
        try
        {
            var text = await RenderAsync();
            var full = Path.GetFullPath(path, RepositoryPaths.Root);
            await File.WriteAllTextAsync(full, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await output.WriteLineAsync($"Wrote the OpenAPI document ({text.Length:N0} characters) to {full}.");
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException or Routing.RouteContractException)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 1;
        }
    }
}
