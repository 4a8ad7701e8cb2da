using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Tests.Results;

public sealed class ResultTests
{
    [Fact]
    public void Success_HasValueAndNoError()
    {
        Result<int> result = 42;

        Assert.True(result.IsSuccess);
        Assert.Equal(42, result.Value);
        Assert.True(result.TryGetValue(out var value, out var error));
        Assert.Equal(42, value);
        Assert.Null(error);
    }

    [Fact]
    public void Failure_HasErrorAndThrowsOnValue()
    {
        Result<int> result = new NotFound("event", "x");

        Assert.False(result.IsSuccess);
        Assert.IsType<NotFound>(result.Error);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Fact]
    public void Then_ChainsOnSuccessAndShortCircuitsOnFailure()
    {
        Result<int> ok = 2;
        Result<int> failed = new Forbidden("no");
        var calls = 0;

        var doubled = ok.Then<int>(v => { calls++; return v * 2; });
        var stillFailed = failed.Then<int>(v => { calls++; return v * 2; });

        Assert.Equal(4, doubled.Value);
        Assert.IsType<Forbidden>(stillFailed.Error);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void ValidationFailed_WithOneField_CarriesIt()
    {
        var error = new ValidationFailed("startsAt", "must be in the future.");

        Assert.Equal(new FieldError("startsAt", "must be in the future."), Assert.Single(error.Errors));
    }
}
