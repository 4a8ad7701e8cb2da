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
}
