global using static BitcoinEvents.Tickets.Tests.Support.TestCancellation;

namespace BitcoinEvents.Tickets.Tests.Support;

internal static class TestCancellation
{
    /// <summary>The running test's token, for every call that takes one.</summary>
    public static CancellationToken Ct => TestContext.Current.CancellationToken;
}
