using BitcoinEvents.Infrastructure.Http;

namespace BitcoinEvents.Infrastructure.Tests.Http;

public sealed class ETagsTests
{
    [Fact]
    public void ForVersion_IsAStrongQuotedTag()
    {
        Assert.Equal("\"v7\"", ETags.ForVersion(7));
    }

    [Theory]
    [InlineData(null, IfMatchResult.Absent)]
    [InlineData("", IfMatchResult.Absent)]
    [InlineData("\"v3\"", IfMatchResult.Matches)]
    [InlineData("*", IfMatchResult.Matches)]
    [InlineData("\"v1\", \"v3\"", IfMatchResult.Matches)]
    [InlineData("\"v2\"", IfMatchResult.DoesNotMatch)]
    [InlineData("W/\"v3\"", IfMatchResult.DoesNotMatch)]
    [InlineData("v3", IfMatchResult.Malformed)]
    [InlineData("\"v3", IfMatchResult.Malformed)]
    public void EvaluateIfMatch_UsesStrongComparison(string? header, IfMatchResult expected)
    {
        Assert.Equal(expected, ETags.EvaluateIfMatch(header, ETags.ForVersion(3)));
    }
}
