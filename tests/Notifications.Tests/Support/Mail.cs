using Amazon.SQS;
using BitcoinEvents.LocalAws;

namespace Notifications.Tests.Support;

/// <summary>Reading the local SES mailbox and waiting for the platform to finish what it was given.</summary>
internal static class Mail
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The emails to <paramref name="address"/> so far.</summary>
    public static async Task<IReadOnlyList<SentEmail>> ToAsync(NotificationsPlatform platform, string address)
    {
        using var mailbox = platform.Servers.CreateSesMailbox();
        return [.. (await mailbox.GetEmailsAsync(cancellationToken: Ct)).Where(e => e.To.Any(t => t.Contains(address, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>Waits until <paramref name="address"/> has at least <paramref name="count"/> emails; fails after <paramref name="timeout"/>.</summary>
    public static async Task<IReadOnlyList<SentEmail>> WaitForAsync(NotificationsPlatform platform, string address, int count = 1, TimeSpan? timeout = null, Func<SentEmail, bool>? where = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var emails = (await ToAsync(platform, address)).Where(where ?? (_ => true)).ToList();
            if (emails.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(emails.Count >= count, $"{address} got {emails.Count} emails, expected {count}.");
                return emails;
            }

            await Task.Delay(50, Ct);
        }
    }

    /// <summary>
    /// Waits until every queue of the Notifications area is empty (nothing visible, nothing in
    /// flight): whatever the platform was given has been delivered, so "nothing more came" means something.
    /// </summary>
    public static async Task DrainAsync(NotificationsPlatform platform, TimeSpan? timeout = null)
    {
        using var sqs = platform.Servers.CreateSqsClient();
        var queues = platform.Resources.QueueUrls.Where(q => q.Key.StartsWith("Notifications", StringComparison.Ordinal) && !q.Key.Contains("DeadLetter", StringComparison.Ordinal)).Select(q => q.Value).ToList();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var quietRounds = 0;
        while (quietRounds < 3)
        {
            var busy = 0;
            foreach (var url in queues)
            {
                var attributes = await sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"], Ct);
                busy += attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
            }

            quietRounds = busy == 0 ? quietRounds + 1 : 0;
            Assert.True(DateTime.UtcNow < deadline, $"The Notifications queues still hold {busy} messages.");
            await Task.Delay(100, Ct);
        }
    }

    public static string? Header(SentEmail email, string name) =>
        email.Raw["headers"]?.AsArray().FirstOrDefault(h => string.Equals(h?["name"]?.GetValue<string>(), name, StringComparison.OrdinalIgnoreCase))?["value"]?.GetValue<string>();
}
