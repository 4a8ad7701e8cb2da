namespace BitcoinEvents.Lambda.Tests;

internal static class Wait
{
    /// <summary>How long a test waits for something the runtime should do at once.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Task<T> Within<T>(this Task<T> task) =>
        task.WaitAsync(Timeout, TestContext.Current.CancellationToken);

    public static Task Within(this Task task) =>
        task.WaitAsync(Timeout, TestContext.Current.CancellationToken);
}
