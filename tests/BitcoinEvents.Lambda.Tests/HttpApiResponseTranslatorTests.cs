namespace BitcoinEvents.Lambda.Tests;

public sealed class HttpApiResponseTranslatorTests
{
    [Fact]
    public void ToResponse_WhenTextTypedBodyIsNotUtf8_ReturnsItBase64Encoded()
    {
        var response = new LambdaResponseFeature();
        response.Headers.ContentType = "text/plain";
        using var buffer = new MemoryStream([0x68, 0xE9, 0x6C, 0x6C, 0x6F]); // "héllo" in Latin-1

        var result = HttpApiResponseTranslator.ToResponse(response, buffer, isHead: false);

        Assert.True(result.IsBase64Encoded);
        Assert.Equal(buffer.ToArray(), Convert.FromBase64String(result.Body));
    }

    [Fact]
    public void ToResponse_WithEmptyBody_ReturnsEmptyPlainBody()
    {
        var response = new LambdaResponseFeature { StatusCode = 204 };
        using var buffer = new MemoryStream();

        var result = HttpApiResponseTranslator.ToResponse(response, buffer, isHead: false);

        Assert.Equal(204, result.StatusCode);
        Assert.Equal("", result.Body);
        Assert.False(result.IsBase64Encoded);
        Assert.Null(result.Cookies);
    }
}
