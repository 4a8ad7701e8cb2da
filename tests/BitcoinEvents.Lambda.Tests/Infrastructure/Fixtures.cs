using System.Text.Json.Nodes;

namespace BitcoinEvents.Lambda.Tests;

/// <summary>The JSON events under Fixtures/, shaped after AWS's documented examples.</summary>
internal static class Fixtures
{
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>An HTTP API event fixture, optionally sent to another path or with another method.</summary>
    public static string HttpEvent(string name, string? rawPath = null, string? method = null, string? rawQueryString = null)
    {
        var root = JsonNode.Parse(Read(name))!.AsObject();
        var http = root["requestContext"]!["http"]!.AsObject();
        if (rawPath is not null)
        {
            // Another path than the fixture's route: delivered as a $default route would be.
            root["rawPath"] = rawPath;
            http["path"] = rawPath;
            root["routeKey"] = "$default";
            root["requestContext"]!["routeKey"] = "$default";
            root.Remove("pathParameters");
        }

        if (method is not null)
        {
            http["method"] = method;
        }

        if (rawQueryString is not null)
        {
            root["rawQueryString"] = rawQueryString;
        }

        return root.ToJsonString();
    }
}
