using Microsoft.Extensions.Time.Testing;

namespace BitcoinEvents.Lambda.Tests;

public sealed class LambdaInvocationTests
{
    [Fact]
    public void CancellationToken_FiresAtTheDeadline()
    {
        var time = new FakeTimeProvider();
        using var invocation = new LambdaInvocation("id", time.GetUtcNow().AddSeconds(3), timeProvider: time);

        time.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.False(invocation.CancellationToken.IsCancellationRequested);
        Assert.Equal(TimeSpan.FromMilliseconds(1), invocation.RemainingTime);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(invocation.CancellationToken.IsCancellationRequested);
        Assert.Equal(TimeSpan.Zero, invocation.RemainingTime);

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, invocation.RemainingTime);
    }

    [Fact]
    public void CancellationToken_WhenDeadlineHasPassed_IsAlreadyCancelled()
    {
        var time = new FakeTimeProvider();
        using var invocation = new LambdaInvocation("id", time.GetUtcNow().AddSeconds(-1), timeProvider: time);

        Assert.True(invocation.CancellationToken.IsCancellationRequested);
    }

    [Fact]
    public void CancellationToken_WithoutDeadline_NeverFires()
    {
        var time = new FakeTimeProvider();
        using var invocation = new LambdaInvocation("id", DateTimeOffset.MaxValue, timeProvider: time);

        time.Advance(TimeSpan.FromDays(365));

        Assert.False(invocation.CancellationToken.IsCancellationRequested);
    }
}
