using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.DevHost.Web;
using BitcoinEvents.LocalAws;

namespace Web.Tests;

/// <summary>
/// Deep links work the same in AWS and locally: template.yaml's CloudFront function (run in
/// node, as CloudFront's JavaScript runtime would) and DevHost's web server map each request path
/// to the same exported file.
/// </summary>
public sealed class RoutingTests
{
    private static readonly (string Path, string File)[] Cases =
    [
        ("/", "/index.html"),
        ("/event", "/event.html"),
        ("/organizer", "/organizer.html"),
        ("/organizer/event", "/organizer/event.html"),
        ("/organizer/", "/organizer/index.html"),
        ("/_next/static/chunks/main-708ae485881437c3.js", "/_next/static/chunks/main-708ae485881437c3.js"),
        ("/config.json", "/config.json"),
        ("/favicon.svg", "/favicon.svg"),
        ("/v1.2/page", "/v1.2/page.html"),
    ];

    public static TheoryData<string, string> Paths
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (path, file) in Cases)
            {
                data.Add(path, file);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void DevHost_ServesThePageFile(string path, string file) =>
        Assert.Equal(file, WebServer.FileFor(path));

    [Fact]
    public async Task TheTemplatesCloudFrontFunction_MapsPathsAsDevHostDoes()
    {
        var code = SamTemplate.LoadDefault().Resources["WebRewriteFunction"].Properties["FunctionCode"]!.GetValue<string>();
        var paths = Cases.Select(c => c.Path).ToList();
        var script = code + "\nconst paths = " + JsonSerializer.Serialize(paths) + ";\n"
            + "console.log(JSON.stringify(paths.map(uri => handler({ request: { uri, querystring: { id: { value: 'x' } } } }).uri)));\n";

        var mapped = JsonNode.Parse(await RunNodeAsync(script))!.AsArray().Select(n => n!.GetValue<string>()).ToList();

        Assert.Equal(paths.Select(WebServer.FileFor), mapped);
    }

    private static async Task<string> RunNodeAsync(string script)
    {
        using var node = Process.Start(new ProcessStartInfo("node", ["-"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        await node.StandardInput.WriteAsync(script);
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, errors);
        return output;
    }
}
