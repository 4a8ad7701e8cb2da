using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.SQS.Model;
using BitcoinEvents.DevHost;
using BitcoinEvents.LocalAws;

// Baseline, per order, after its chain is done: the bare SNS → SQS hop (a message published to
// the domain events topic, received on a subscribed queue), the floor every area's consumer pays.
// What is measured, per order, from the moment Ticketing's checkout has committed the free order
// (its TransactWriteItems wrote the paid order, its tickets and OrderPaid in the outbox; the HTTP
// answer comes after that commit, so the clock starts a little late, never early):
//   bus  — OrderPaid arrives on a plain queue subscribed to the domain events topic (outbox stream
//          → DispatchOutbox → SNS → SQS): the event bus alone, the baseline;
//   mail — the confirmation is in the SES emulator's store (… → OnOrderPaid → deliveries queue →
//          DeliverNotification → user pool → SES).
// Orders go one at a time, so each latency is the chain's, not a queue's backlog.
// Bounded: every server and the platform listen on 127.0.0.1 only; at most 1000 orders, each
// waited for at most 30 s, and the whole measuring loop stops at --max-seconds (default 600,
// at most 3600), reporting the orders measured so far and saying so.
if (args.Contains("--help"))
{
    Console.WriteLine("NotificationLatency [--orders N (1-1000, 200)] [--warmup N (0-50, 5)] [--max-seconds S (10-3600, 600)] [--output report.md]");
    return 0;
}

var orders = Option("--orders", 200, 1, 1000);
var warmup = Option("--warmup", 5, 0, 50);
var maxSeconds = Option("--max-seconds", 600, 10, 3600);
var output = OptionText("--output");
var perOrderLimit = TimeSpan.FromSeconds(30);
Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");

var started = Stopwatch.StartNew();
await using var local = await LocalAwsEnvironment.StartAsync(LocalAwsOptions.ForTests(LocalServer.All));
var port = FreePort();
var settings = local.Resources.AllConfiguration();
settings["API_BASE_URL"] = $"http://127.0.0.1:{port}";
settings["UNSUBSCRIBE_LOCAL_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
await using var app = await DevHostApp.BuildAsync(new DevHostAppSettings
{
    Areas = Areas.Of(local.Template),
    Template = local.Template,
    Port = port,
    Configuration = settings,
    Resources = local.Resources,
});
await app.StartAsync();
var api = new HttpClient { BaseAddress = DevHostApp.BaseUrl(app), Timeout = TimeSpan.FromSeconds(30) };
Console.Error.WriteLine($"Local platform up in {started.Elapsed.TotalSeconds:F1} s; {orders} orders after {warmup} warm-up orders.");

using var cognito = local.Servers.CreateCognito();
const string Password = "Bench-Passw0rd-2030";
async Task<(string Token, string Email)> UserAsync(string email, string group)
{
    await cognito.EnsureUserAsync(local.Resources.UserPoolId!, email, Password, group);
    return ((await cognito.SignInAsync(local.Resources.UserPoolClientId!, email, Password)).AccessToken, email);
}

var organizer = await UserAsync("organizer@bench.test", "organizer");
var buyer = await UserAsync("buyer@bench.test", "attendee");
var eventId = (await SendAsync(organizer.Token, HttpMethod.Post, "/events", new JsonObject
{
    ["title"] = "Latency Night",
    ["venue"] = new JsonObject { ["name"] = "Bench Hall", ["addressLines"] = new JsonArray("1 Loop Street"), ["city"] = "Porto", ["country"] = "PT", ["timeZone"] = "Europe/Lisbon" },
    ["startsAt"] = "2031-03-01T19:00:00Z",
    ["endsAt"] = "2031-03-01T22:00:00Z",
    ["capacity"] = 5000,
}))["id"]!.GetValue<string>();
await SendAsync(organizer.Token, HttpMethod.Post, $"/events/{eventId}/publish", null);
var typeId = (await SendAsync(organizer.Token, HttpMethod.Post, $"/events/{eventId}/ticket-types", new JsonObject
{
    ["name"] = "Free",
    ["price"] = new JsonObject { ["amount"] = 0, ["currency"] = "EUR" },
}))["id"]!.GetValue<string>();

// The baseline's queue: subscribed to the topic as an area's queue is (raw, filtered on OrderPaid).
using var sqs = local.Servers.CreateSqsClient();
var probeUrl = (await sqs.CreateQueueAsync("bench-order-paid-probe")).QueueUrl;
var probeArn = (await sqs.GetQueueAttributesAsync(probeUrl, ["QueueArn"])).QueueARN;
// The hop's queue: the same subscription, filtered on a type no area consumes.
var hopUrl = (await sqs.CreateQueueAsync("bench-hop-probe")).QueueUrl;
var hopArn = (await sqs.GetQueueAttributesAsync(hopUrl, ["QueueArn"])).QueueARN;
var topicArn = local.Resources.TopicArn("DomainEventsTopic");
using var sns = local.Servers.CreateSns();
await sns.SubscribeAsync(topicArn, "sqs", probeArn, new Dictionary<string, string>
{
    ["RawMessageDelivery"] = "true",
    ["FilterPolicy"] = """{"type":["OrderPaid"],"version":[1]}""",
});
await sns.SubscribeAsync(topicArn, "sqs", hopArn, new Dictionary<string, string>
{
    ["RawMessageDelivery"] = "true",
    ["FilterPolicy"] = """{"type":["BenchHop"],"version":[1]}""",
});

using var mailbox = local.Servers.CreateSesMailbox();
var hop = new List<double>();
var bus = new List<double>();
var mail = new List<double>();
var measuring = Stopwatch.StartNew();
var stoppedEarly = false;
for (var i = 0; i < warmup + orders; i++)
{
    if (measuring.Elapsed > TimeSpan.FromSeconds(maxSeconds))
    {
        stoppedEarly = true;
        Console.Error.WriteLine($"  --max-seconds {maxSeconds} reached: stopping after {bus.Count} measured orders.");
        break;
    }

    var hold = await SendAsync(buyer.Token, HttpMethod.Post, $"/events/{eventId}/holds", new JsonObject
    {
        ["lines"] = new JsonArray(new JsonObject { ["ticketTypeId"] = typeId, ["quantity"] = 1 }),
    });
    var checkout = await SendAsync(buyer.Token, HttpMethod.Post, $"/holds/{hold["id"]!.GetValue<string>()}/checkout", new JsonObject
    {
        ["attendees"] = new JsonArray(new JsonObject { ["ticketTypeId"] = typeId, ["name"] = "Bench Buyer" }),
    });
    var committed = Stopwatch.StartNew();
    var orderId = checkout["id"]!.GetValue<string>();
    var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
    var busTask = WaitOnProbeAsync(orderId, committed);
    var mailTask = WaitForMailAsync(orderId, since, committed);
    var (busMs, mailMs) = (await busTask, await mailTask);
    var hopMs = await HopAsync(i);
    if (i >= warmup)
    {
        hop.Add(hopMs);
        bus.Add(busMs);
        mail.Add(mailMs);
    }

    // Keep the emulator's store (and so each poll of it) small: one confirmation at a time.
    await mailbox.ClearAsync();

    if ((i + 1) % 25 == 0)
    {
        Console.Error.WriteLine($"  {i + 1 - Math.Min(i + 1, warmup)} orders measured");
    }
}

if (bus.Count == 0)
{
    Console.Error.WriteLine("No order measured.");
    return 1;
}

var report = Report(hop, bus, mail, bus.Count, stoppedEarly ? $" (stopped by --max-seconds {maxSeconds}; {orders} asked)" : "")
    + string.Create(CultureInfo.InvariantCulture, $"\n{warmup} warm-up orders not counted; measuring took {measuring.Elapsed.TotalSeconds:F0} s; load average at the end: {LoadAverage()}.\n");
Console.WriteLine(report);
if (output is not null)
{
    await File.WriteAllTextAsync(output, report);
}

await app.StopAsync();
return 0;

async Task<double> HopAsync(int n)
{
    var marker = string.Create(CultureInfo.InvariantCulture, $"hop-{n}-{Guid.NewGuid():N}");
    var clock = Stopwatch.StartNew();
    await sns.PublishAsync(topicArn, $$"""{"type":"BenchHop","version":1,"marker":"{{marker}}"}""", new Dictionary<string, string> { ["type"] = "BenchHop", ["version"] = "1" });
    return await WaitOnQueueAsync(hopUrl, marker, clock, "The hop message");
}

Task<double> WaitOnProbeAsync(string orderId, Stopwatch clock) => WaitOnQueueAsync(probeUrl, orderId, clock, $"OrderPaid of {orderId}");

async Task<double> WaitOnQueueAsync(string queueUrl, string marker, Stopwatch clock, string what)
{
    while (true)
    {
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 2, MaxNumberOfMessages = 10 });
        double? at = null;
        foreach (var message in received.Messages ?? [])
        {
            if (message.Body.Contains(marker, StringComparison.Ordinal))
            {
                at = clock.Elapsed.TotalMilliseconds;
            }

            await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
        }

        if (at is { } ms)
        {
            return ms;
        }

        if (clock.Elapsed > perOrderLimit)
        {
            throw new TimeoutException($"{what} did not reach its queue within {perOrderLimit.TotalSeconds} s.");
        }
    }
}

async Task<double> WaitForMailAsync(string orderId, long since, Stopwatch clock)
{
    while (true)
    {
        var emails = await mailbox.GetEmailsAsync(since);
        if (emails.Any(e => e.Text?.Contains(orderId, StringComparison.Ordinal) == true))
        {
            return clock.Elapsed.TotalMilliseconds;
        }

        if (clock.Elapsed > perOrderLimit)
        {
            throw new TimeoutException($"The confirmation of {orderId} did not reach the mailbox within {perOrderLimit.TotalSeconds} s.");
        }

        await Task.Delay(10);
    }
}

async Task<JsonObject> SendAsync(string token, HttpMethod method, string path, JsonNode? body)
{
    using var request = new HttpRequestMessage(method, path);
    request.Headers.Authorization = new("Bearer", token);
    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
    if (body is not null)
    {
        request.Content = JsonContent.Create(body);
    }

    using var response = await api.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
    }

    return string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text)!.AsObject();
}

static string Report(List<double> hop, List<double> bus, List<double> mail, int orders, string note)
{
    static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    static string Row(string label, List<double> values, string format, string unit, bool bold)
    {
        string At(double p) => values.Count == 0 ? "" : (p > 100 ? values.Max() : Percentile(values, p)).ToString(format, CultureInfo.InvariantCulture) + unit;
        var (open, close) = bold ? ("**", "**") : ("", "");
        return $"| {open}{label}{close} | {open}{At(50)}{close} | {At(90)} | {open}{At(99)}{close} | {At(101)} |";
    }

    var mailOverBus = bus.Zip(mail, (b, m) => m / b).ToList();
    var mailOverHop = hop.Zip(mail, (h, m) => m / h).ToList();
    var busOverHop = hop.Zip(bus, (h, b) => b / h).ToList();
    var text = new StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"| {orders} orders, one at a time{note} | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |");
    text.AppendLine("|---|---:|---:|---:|---:|");
    text.AppendLine(Row("SNS publish → on a subscribed queue (the bare hop, baseline)", hop, "F1", "", bold: false));
    text.AppendLine(Row("committed → OrderPaid on a subscribed queue (outbox stream → DispatchOutbox → hop)", bus, "F0", "", bold: false));
    text.AppendLine(Row("committed → confirmation in the SES mailbox (the whole chain)", mail, "F0", "", bold: true));
    text.AppendLine(Row("whole chain ÷ bare hop, per order", mailOverHop, "F1", "×", bold: true));
    text.AppendLine(Row("whole chain ÷ bus, per order", mailOverBus, "F2", "×", bold: false));
    text.AppendLine(Row("bus ÷ bare hop, per order", busOverHop, "F1", "×", bold: false));
    return text.ToString();
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

int Option(string name, int fallback, int min, int max)
{
    var text = OptionText(name);
    var value = text is null ? fallback : int.Parse(text, CultureInfo.InvariantCulture);
    return value >= min && value <= max
        ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

string? OptionText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
