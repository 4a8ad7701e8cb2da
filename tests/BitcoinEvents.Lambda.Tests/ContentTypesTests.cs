namespace BitcoinEvents.Lambda.Tests;

public sealed class ContentTypesTests
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/html; charset=utf-8")]
    [InlineData("text/csv")]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/problem+json")]
    [InlineData("application/vnd.api+json")]
    [InlineData("application/xml")]
    [InlineData("image/svg+xml")]
    [InlineData("application/javascript")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/octet-stream; charset=UTF-8")]
    public void IsText_ForUtf8TextTypes_IsTrue(string contentType) =>
        Assert.True(ContentTypes.IsText(contentType));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("image/png")]
    [InlineData("application/octet-stream")]
    [InlineData("application/pdf")]
    [InlineData("application/zip")]
    [InlineData("text/plain; charset=iso-8859-1")]
    [InlineData("not a media type")]
    public void IsText_ForBinaryOrOtherCharsets_IsFalse(string? contentType) =>
        Assert.False(ContentTypes.IsText(contentType));
}
