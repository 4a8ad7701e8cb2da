namespace BitcoinEvents.Lambda.Tests;

public sealed class HttpApiRequestTranslatorTests
{
    [Theory]
    [InlineData("gzip, br", new[] { "gzip", "br" })]
    [InlineData("text/html;q=0.9,application/json", new[] { "text/html;q=0.9", "application/json" })]
    [InlineData("\"a,b\", \"c\"", new[] { "\"a,b\"", "\"c\"" })]
    [InlineData("\"x\\\",y\",z", new[] { "\"x\\\",y\"", "z" })]
    [InlineData("a,,b", new[] { "a", "b" })]
    [InlineData("single", new[] { "single" })]
    public void SplitList_SplitsOnCommasOutsideQuotes(string value, string[] expected) =>
        Assert.Equal(expected, HttpApiRequestTranslator.SplitList(value).ToArray());

    [Theory]
    [InlineData("/events/abc", "/events/abc")]
    [InlineData("/a%2Fb/c%20d", "/a%2Fb/c%20d")]
    [InlineData("/a b/c?d#e", "/a%20b/c%3Fd%23e")]
    [InlineData("/100%/x", "/100%25/x")]
    [InlineData("/caf\u00e9/\ud83d\ude00", "/caf%C3%A9/%F0%9F%98%80")]
    public void EscapeDecodedPath_EscapesOnlyWhatCannotStandInAPath(string rawPath, string expected) =>
        Assert.Equal(expected, HttpApiRequestTranslator.EscapeDecodedPath(System.Text.RegularExpressions.Regex.Unescape(rawPath)));

    [Fact]
    public void PathFromRoute_EncodesEachParameterAndKeepsGreedySlashes()
    {
        var request = new HttpApiRequest
        {
            RouteKey = "GET /files/{owner}/{path+}",
            PathParameters = new Dictionary<string, string> { ["owner"] = "a/b", ["path"] = "x y/z+1" },
        };

        Assert.Equal("/files/a%2Fb/x%20y/z%2B1", HttpApiRequestTranslator.PathFromRoute(request));
    }

    [Fact]
    public void PathFromRoute_ForDefaultRoute_IsNull() =>
        Assert.Null(HttpApiRequestTranslator.PathFromRoute(new HttpApiRequest { RouteKey = "$default" }));
}
