using System.Globalization;
using System.Text;
using BitcoinEvents.DevHost.Queues;
using BitcoinEvents.DevHost.Scheduling;
using BitcoinEvents.DevHost.Streams;

namespace BitcoinEvents.DevHost;

/// <summary>What a developer needs once the platform is up: URLs, demo users, how to get a token.</summary>
internal static class StartupBanner
{
    public static void Write(TextWriter output, DevHostOptions options, LocalPlatform platform, WebApplication app, Uri baseUrl, TimeSpan startTime, FakeProviders.FakeProviderServer? fakes = null, Uri? webUrl = null)
    {
        var api = baseUrl.ToString().TrimEnd('/');
        var servers = platform.Servers;
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line();
        Line(Invariant($"Bitcoin Event Platform is up on {api} (started in {startTime.TotalSeconds:F1} s)"));
        if (webUrl is not null)
        {
            Line($"  web app  {webUrl} (open it in a browser; hot reload: cd web && npm run dev)");
        }

        Line($"  health   {api}/health");
        Line($"  openapi  {api}/openapi/v1.json");
        Line($"  cognito  {api}/local/cognito (user pool, app client id, issuer)");
        if (app.Services.GetRequiredService<TimeProvider>() is LocalClock clock)
        {
            Line($"  clock    {api}{LocalEndpoints.ClockPath} (local only: every area and job reads this clock; {ClockNote(clock)})");
            Line($"           move it forward: curl -s -X POST {api}{LocalEndpoints.ClockPath} -d '{{\"{LocalEndpoints.AdvanceField}\":\"PT6M\"}}'");
        }

        Line(options.InMemory
            ? "  data     in memory (gone when this stops)"
            : $"  data     {options.DataDirectory ?? LocalAws.RepositoryPaths.DefaultDataDirectory} (kept between runs; --in-memory keeps nothing)");
        Line($"  servers  DynamoDB {servers.DynamoDbUrl}  SQS/SNS/S3 {servers.SqsUrl}  SES {servers.SesUrl}  Cognito {servers.CognitoUrl}");
        Line($"  mail     {servers.SesUrl}store (every email sent; JSON)");
        Line($"  where    {api}{LocalEndpoints.ServersPath} (the mailbox, the fake payment providers and every local server's URL; JSON)");
        if (servers.IsRunning(LocalAws.LocalServer.SnsMobile))
        {
            Line($"  sms/push {servers.SnsMobileUrl}messages (every SMS and push sent; JSON)");
        }

        Line($"  preview  {api}/local/notifications/preview/orderConfirmation?part=html (any kind: {api}/local/notifications/preview)");
        Line($"  logs     {servers.LogDirectory}");
        if (fakes is not null)
        {
            Line($"  payments fake providers {string.Join(", ", fakes.Fakes.Select(f => f.Id))} at {fakes.BaseUrl} (dev secrets: tools/FakeProviders/dev-secrets.json)");
            Line($"           make a payment pay: curl -s -X POST {fakes.ControlUrl}<provider>/payments/<reference>/pay   (docs/payments.md)");
        }

        var clientId = platform.Resources.UserPoolClientId;
        if (options.DemoData && clientId is not null)
        {
            Line();
            Line("Demo users (local-only credentials: they exist only in this machine's cognito-local):");
            foreach (var user in DemoData.Users)
            {
                Line($"  {user.Email,-24} {user.Password,-18} {user.Group}");
            }

            Line();
            Line("Get a token (the access token; cognito-local speaks the Cognito API):");
            Line(TokenCommand(servers.CognitoUrl, clientId, DemoData.Organizer));
            Line("Then:");
            Line($"  curl -s {api}/events");
            Line($"  curl -s {api}/organizer/events -H \"Authorization: Bearer $TOKEN\"");
        }

        var jobs = app.Services.GetRequiredService<Scheduler>().Jobs;
        if (jobs.Count > 0)
        {
            Line();
            Line("Scheduled jobs (UTC):");
            foreach (var job in jobs)
            {
                Line($"  {job.Operation.Name,-24} {job.Expression}{(job.Enabled ? "" : " (disabled)")}   run now: curl -s -X POST {api}/local/schedules/{job.Operation.Name}/run");
            }
        }

        var pollers = app.Services.GetService<QueuePollers>()?.Pollers ?? [];
        if (pollers.Count > 0)
        {
            Line();
            Line("Queue consumers:");
            foreach (var poller in pollers)
            {
                Line($"  {poller.Subscription.Operation.Name,-24} {poller.Subscription.QueueUrl}");
            }
        }

        var streamPollers = app.Services.GetService<StreamPollers>()?.Pollers ?? [];
        if (streamPollers.Count > 0)
        {
            Line();
            Line("Stream consumers (DynamoDB Local's streams, polled as Lambda's event source mapping would):");
            foreach (var poller in streamPollers)
            {
                var subscription = poller.Subscription;
                Line($"  {subscription.Operation.Name,-24} {subscription.TableLogicalId} stream from {subscription.StartingPosition}, batches of up to {subscription.BatchSize}");
            }
        }

        Line();
        Line("Ctrl-C stops the platform and every local server.");
        output.Write(text.ToString());
        output.Flush();
    }

    /// <summary>
    /// The InitiateAuth call that returns a demo user's tokens, with the access token into $TOKEN;
    /// a failed sign-in prints Cognito's answer and leaves $TOKEN unset (as the README's steps do).
    /// </summary>
    public static string TokenCommand(Uri cognitoUrl, string clientId, DemoUser user) =>
        $$$"""
          TOKEN=$(curl -sS --fail-with-body {{{cognitoUrl}}} \
            -H 'Content-Type: application/x-amz-json-1.1' \
            -H 'X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth' \
            -d '{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"{{{clientId}}}","AuthParameters":{"USERNAME":"{{{user.Email}}}","PASSWORD":"{{{user.Password}}}"}}' \
            | jq -er '.AuthenticationResult.AccessToken') || { unset TOKEN; echo 'Sign-in failed: see the answer above.' >&2; }
        """;

    private static string ClockNote(LocalClock clock) =>
        clock.Offset == TimeSpan.Zero ? "real time until moved; a restart resets it" : $"{LocalClock.Iso(clock.Offset)} ahead of real time";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
