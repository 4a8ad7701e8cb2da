using BitcoinEvents.Infrastructure.Idempotency;
using Microsoft.Extensions.Primitives;

namespace BitcoinEvents.Infrastructure.Tests.Idempotency;

public sealed class IdempotencyKeysTests
{
    [Theory]
    [InlineData("8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("  padded  ", "padded")]
    [InlineData("a", "a")]
    [InlineData("order:42/retry#1", "order:42/retry#1")]
    public void TryParse_AcceptsStructuredAndBareKeys(string header, string expected)
    {
        Assert.True(IdempotencyKeys.TryParse(new StringValues(header), out var key));
        Assert.Equal(expected, key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("two words")]
    [InlineData("a,b")]
    [InlineData("\"with\\\"escape\"")]
    [InlineData("tab\there")]
    [InlineData("naïve")]
    public void TryParse_RejectsMalformedKeys(string header)
    {
        Assert.False(IdempotencyKeys.TryParse(new StringValues(header), out _));
    }

    [Fact]
    public void TryParse_RejectsMoreThan255Characters()
    {
        Assert.True(IdempotencyKeys.TryParse(new StringValues(new string('k', 255)), out _));
        Assert.False(IdempotencyKeys.TryParse(new StringValues(new string('k', 256)), out _));
    }

    [Fact]
    public void TryParse_RejectsSeveralHeaders()
    {
        Assert.False(IdempotencyKeys.TryParse(new StringValues(["a", "b"]), out _));
        Assert.False(IdempotencyKeys.TryParse(StringValues.Empty, out _));
    }
}
