using System.Net;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Amazon.SQS.Model;
using Microsoft.Extensions.Configuration;
using BitcoinEvents.Infrastructure.Messaging;
using Outbox.Tests.Support;

namespace Outbox.Tests.Messaging;

/// <summary>The SNS query client: its request as sent (captured under the real signer) and against fauxqs.</summary>
public sealed class SnsClientTests(LocalServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publish_SendsASigV4SignedFormOfTheQueryApi()
    {
        var capture = new CapturingHandler("""
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>
            """);
        using var client = new SnsClient(
            new HttpClient(new SigV4SigningHandler(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), RegionEndpoint.EUWest1, "sns", capture)),
            new Uri("https://sns.eu-west-1.amazonaws.com/"));

        var messageId = await client.PublishAsync(
            new SnsPublishRequest
            {
                TopicArn = "arn:aws:sns:eu-west-1:111122223333:events",
                Message = "{\"id\":\"e 1&2\"}",
                MessageAttributes = new Dictionary<string, SnsAttributeValue>
                {
                    ["version"] = SnsAttributeValue.Number(1),
                    ["type"] = SnsAttributeValue.Text("OrderPaid"),
                },
            },
            Ct);

        Assert.Equal("m-1", messageId);
        var request = Assert.Single(capture.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://sns.eu-west-1.amazonaws.com/", request.Uri);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        var authorization = request.Headers["Authorization"];
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", authorization, StringComparison.Ordinal);
        Assert.Contains("/eu-west-1/sns/aws4_request", authorization, StringComparison.Ordinal);
        Assert.Matches("SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*;x-amz-date", authorization);
        Assert.Matches("Signature=[0-9a-f]{64}$", authorization);
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", request.Headers["X-Amz-Date"]);
        Assert.Equal(
            [
                ("Action", "Publish"), ("Version", "2010-03-31"),
                ("TopicArn", "arn:aws:sns:eu-west-1:111122223333:events"), ("Message", "{\"id\":\"e 1&2\"}"),
                ("MessageAttributes.entry.1.Name", "type"), ("MessageAttributes.entry.1.Value.DataType", "String"), ("MessageAttributes.entry.1.Value.StringValue", "OrderPaid"),
                ("MessageAttributes.entry.2.Name", "version"), ("MessageAttributes.entry.2.Value.DataType", "Number"), ("MessageAttributes.entry.2.Value.StringValue", "1"),
            ],
            request.Form);
    }

    [Fact]
    public async Task AnErrorResponse_BecomesAnSnsExceptionWithItsCode()
    {
        var capture = new CapturingHandler(
            """<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>not allowed</Message></Error></ErrorResponse>""",
            HttpStatusCode.Forbidden);
        using var client = new SnsClient(new HttpClient(capture), new Uri("https://sns.eu-west-1.amazonaws.com/"));

        var error = await Assert.ThrowsAsync<SnsException>(() => client.PublishAsync(new SnsPublishRequest { PhoneNumber = "+351910000000", Message = "hi" }, Ct));

        Assert.Equal("AuthorizationError", error.Code);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains(("PhoneNumber", "+351910000000"), capture.Requests.Single().Form);
        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync(new SnsPublishRequest { Message = "no target" }, Ct));
    }

    [Fact]
    public async Task Publish_ToFauxqs_ReachesASubscribedQueueRaw_WithItsAttributes()
    {
        var queue = await servers.SubscribeQueueAsync("sns-client", """{"type":["SnsClientTest"]}""", Ct);
        using var client = SnsClient.Create(Configuration());
        var body = "{\"hello\":\"wörld\"}";

        var messageId = await client.PublishAsync(
            new SnsPublishRequest
            {
                TopicArn = servers.Local.Resources.TopicArn("DomainEventsTopic"),
                Message = body,
                MessageAttributes = new Dictionary<string, SnsAttributeValue> { ["type"] = SnsAttributeValue.Text("SnsClientTest"), ["version"] = SnsAttributeValue.Number(3) },
            },
            Ct);

        Assert.False(string.IsNullOrEmpty(messageId));
        var message = Assert.Single(await ReceiveAsync(queue.Url, 1));
        Assert.Equal(body, message.Body);
        Assert.Equal("SnsClientTest", message.MessageAttributes["type"].StringValue);
        Assert.Equal(("Number", "3"), (message.MessageAttributes["version"].DataType, message.MessageAttributes["version"].StringValue));
    }

    [Fact]
    public async Task PublishBatch_ToFauxqs_DeliversEveryEntry_AndReportsThemById()
    {
        var queue = await servers.SubscribeQueueAsync("sns-batch", """{"type":["SnsBatchTest"]}""", Ct);
        using var client = SnsClient.Create(Configuration());
        var attributes = new Dictionary<string, SnsAttributeValue> { ["type"] = SnsAttributeValue.Text("SnsBatchTest") };

        var result = await client.PublishBatchAsync(
            servers.Local.Resources.TopicArn("DomainEventsTopic"),
            [new("a", new SnsPublishRequest { Message = "first", MessageAttributes = attributes }), new("b", new SnsPublishRequest { Message = "second", MessageAttributes = attributes })],
            Ct);

        Assert.Equal(["a", "b"], result.Successful.Select(s => s.Id).Order());
        Assert.Empty(result.Failed);
        Assert.Equal(["first", "second"], (await ReceiveAsync(queue.Url, 2)).Select(m => m.Body).Order());
    }

    [Fact]
    public async Task Publish_ToATopicThatDoesNotExist_IsRefused()
    {
        using var client = SnsClient.Create(Configuration());

        var error = await Assert.ThrowsAsync<SnsException>(() => client.PublishAsync(
            new SnsPublishRequest { TopicArn = "arn:aws:sns:us-east-1:000000000000:no-such-topic", Message = "x" }, Ct));

        Assert.Equal("NotFound", error.Code);
    }

    private IConfiguration Configuration() =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(servers.Local.Servers.EndpointConfiguration().Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value)))
            .Build();

    /// <summary>Receives until <paramref name="count"/> messages arrived or a deadline passed.</summary>
    private async Task<List<Message>> ReceiveAsync(string queueUrl, int count)
    {
        using var sqs = servers.Local.Servers.CreateSqsClient();
        var messages = new List<Message>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (messages.Count < count && DateTime.UtcNow < deadline)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageAttributeNames = ["All"] }, Ct);
            messages.AddRange(received.Messages ?? []);
        }

        return messages;
    }

    private sealed record CapturedRequest(HttpMethod Method, string Uri, string? ContentType, Dictionary<string, string> Headers, List<(string, string)> Form);

    /// <summary>The transport under the signer: keeps each request as it would go on the wire and answers with a canned body.</summary>
    private sealed class CapturingHandler(string responseBody, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
    {
        public List<CapturedRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .Select(kv => (Decode(kv[0]), Decode(kv.Length > 1 ? kv[1] : "")))
                .ToList();
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            Requests.Add(new CapturedRequest(request.Method, request.RequestUri!.ToString(), request.Content?.Headers.ContentType?.MediaType, headers, form));
            return new HttpResponseMessage(status) { Content = new StringContent(responseBody, Encoding.UTF8, "text/xml") };
        }

        private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
    }
}
