using BitcoinEvents.DevHost;

namespace DevHost.Tests;

public sealed class DevHostOptionsTests
{
    [Fact]
    public void Parse_WithNothing_GivesTheDocumentedDefaults()
    {
        var options = DevHostOptions.Parse([], _ => null);

        Assert.Equal(5080, options.Port);
        Assert.False(options.InMemory);
        Assert.Null(options.DataDirectory);
        Assert.Equal((8000, 4566, 8005, 9229), (options.DynamoDbPort, options.FauxqsPort, options.SesPort, options.CognitoPort));
        Assert.True(options.DemoData);
    }

    [Fact]
    public void Parse_TheCommandLineWinsOverTheEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["DEVHOST_PORT"] = "6000",
            ["DEVHOST_IN_MEMORY"] = "true",
            ["DEVHOST_COGNITO_PORT"] = "9300",
        };

        var options = DevHostOptions.Parse(["--port", "7000", "--dynamodb-port", "0", "--no-demo-data"], environment.GetValueOrDefault);

        Assert.Equal(7000, options.Port);
        Assert.True(options.InMemory);
        Assert.Equal(0, options.DynamoDbPort);
        Assert.Equal(9300, options.CognitoPort);
        Assert.False(options.DemoData);
    }

    [Fact]
    public void Parse_TheWebAppOptions()
    {
        var defaults = DevHostOptions.Parse([], _ => null);
        var environment = new Dictionary<string, string> { ["DEVHOST_WEB_PORT"] = "6081" };
        var fromEnvironment = DevHostOptions.Parse([], environment.GetValueOrDefault);
        var fromArgs = DevHostOptions.Parse(["--web-port", "0", "--no-web", "--openapi-out", "web/openapi.json"], environment.GetValueOrDefault);

        Assert.Equal((5081, true, null), (defaults.WebPort, defaults.Web, defaults.OpenApiOut));
        Assert.Equal(6081, fromEnvironment.WebPort);
        Assert.Equal((0, false, "web/openapi.json"), (fromArgs.WebPort, fromArgs.Web, fromArgs.OpenApiOut));
        Assert.False(DevHostOptions.Parse([], new Dictionary<string, string> { ["DEVHOST_NO_WEB"] = "true" }.GetValueOrDefault).Web);
    }

    [Theory]
    [InlineData("--port")]
    [InlineData("--port", "http")]
    [InlineData("--port", "70000")]
    [InlineData("--verbose")]
    public void Parse_RejectsBadOptions_WithTheUsage(params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => DevHostOptions.Parse(args, _ => null));

        Assert.Contains("--port", error.Message, StringComparison.Ordinal);
    }
}
