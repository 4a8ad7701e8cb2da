using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.LocalAws.Tests;

public sealed class ProvisioningTests(LocalAwsFixture fixture)
{
    [Fact]
    public async Task Tables_match_the_template()
    {
        using var dynamo = fixture.Servers.CreateDynamoDbClient();
        foreach (var table in fixture.Template.Tables.Concat(fixture.SampleTemplate.Tables))
        {
            var resources = fixture.Template.Tables.Contains(table) ? fixture.Resources : fixture.SampleResources;
            var name = resources.TableName(table.LogicalId);
            Assert.StartsWith(resources.Prefix, name, StringComparison.Ordinal);
            var description = (await dynamo.DescribeTableAsync(name, TestContext.Current.CancellationToken)).Table;

            Assert.Equal(
                table.KeySchema.Select(k => (k.AttributeName, k.KeyType)),
                description.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)));
            Assert.Equal(
                table.GlobalSecondaryIndexes.Select(i => i.IndexName).Order(),
                (description.GlobalSecondaryIndexes ?? []).Select(i => i.IndexName).Order());
            foreach (var index in table.GlobalSecondaryIndexes)
            {
                var actual = description.GlobalSecondaryIndexes!.Single(i => i.IndexName == index.IndexName);
                Assert.Equal(index.KeySchema.Select(k => (k.AttributeName, k.KeyType)), actual.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)));
                Assert.Equal(index.ProjectionType, actual.Projection.ProjectionType.Value);
            }

            Assert.Equal(table.LocalSecondaryIndexes.Select(i => i.IndexName), (description.LocalSecondaryIndexes ?? []).Select(i => i.IndexName));
            Assert.Equal(table.StreamViewType, description.StreamSpecification?.StreamEnabled == true ? description.StreamSpecification.StreamViewType.Value : null);

            var ttl = (await dynamo.DescribeTimeToLiveAsync(name, TestContext.Current.CancellationToken)).TimeToLiveDescription;
            if (table.TtlAttribute is null)
            {
                Assert.NotEqual(TimeToLiveStatus.ENABLED, ttl.TimeToLiveStatus);
            }
            else
            {
                Assert.Equal(TimeToLiveStatus.ENABLED, ttl.TimeToLiveStatus);
                Assert.Equal(table.TtlAttribute, ttl.AttributeName);
            }
        }
    }

    [Fact]
    public async Task Provisioning_again_reuses_everything()
    {
        var again = await LocalProvisioner.ProvisionAsync(
            fixture.Servers,
            fixture.Template,
            new ProvisionOptions { Prefix = fixture.Resources.Prefix },
            TestContext.Current.CancellationToken);

        Assert.Equal(fixture.Resources.TableNames.OrderBy(kv => kv.Key), again.TableNames.OrderBy(kv => kv.Key));
        Assert.Equal(fixture.Resources.BucketNames.OrderBy(kv => kv.Key), again.BucketNames.OrderBy(kv => kv.Key));
        Assert.Equal(fixture.Resources.UserPoolId, again.UserPoolId);
        Assert.Equal(fixture.Resources.UserPoolClientId, again.UserPoolClientId);

        using var cognito = fixture.Servers.CreateCognito();
        Assert.Equal(
            ["admin", "attendee", "organizer", "staff"],
            (await cognito.ListGroupsAsync(again.UserPoolId!, TestContext.Current.CancellationToken)).Order());
    }

    [Fact]
    public void Configuration_resolves_the_functions_environment()
    {
        var resources = fixture.Resources;
        var config = resources.ConfigurationFor(fixture.Template.Function("CreateCoverImageUploadFunction"));

        Assert.Equal(resources.Prefix + "EventsTable", config["EVENTS_TABLE"]);
        Assert.Equal(resources.Prefix + "IdempotencyTable", config["IDEMPOTENCY_TABLE"]);
        Assert.Equal((resources.Prefix + "MediaBucket").ToLowerInvariant(), config["MEDIA_BUCKET"]);
        Assert.Equal("dev", config["STAGE"]);
        Assert.Equal("us-east-1", config["AWS_REGION"]);
        Assert.Equal(LocalAwsServers.Endpoint(fixture.Servers.DynamoDbUrl), config["AWS_ENDPOINT_URL_DYNAMODB"]);
        Assert.Equal(LocalAwsServers.Endpoint(fixture.Servers.SqsUrl), config["AWS_ENDPOINT_URL_SQS"]);
        Assert.Equal(LocalAwsServers.Endpoint(fixture.Servers.S3Url), config["AWS_ENDPOINT_URL_S3"]);
        Assert.Equal(LocalAwsServers.Endpoint(fixture.Servers.SesUrl), config["AWS_ENDPOINT_URL_SES"]);
        Assert.Equal($"http://localhost:{fixture.Servers.CognitoUrl.Port}/{resources.UserPoolId}", config["AUTH_ISSUER"]);
        Assert.Equal(resources.UserPoolClientId, config["AUTH_AUDIENCE"]);
        Assert.Equal("CreateCoverImageUpload", config["_HANDLER"]);

        var all = resources.AllConfiguration();
        Assert.Equal(config["EVENTS_TABLE"], all["EVENTS_TABLE"]);
        Assert.Equal(config["MEDIA_BUCKET"], all["MEDIA_BUCKET"]);
        Assert.False(all.ContainsKey("_HANDLER"));
    }

    [Fact]
    public void Sample_values_resolve_against_provisioned_resources()
    {
        var resources = fixture.SampleResources;
        var env = resources.ConfigurationFor(fixture.SampleTemplate.Function("WorkerFunction"));

        Assert.Equal(resources.QueueUrl("WorkQueue"), env["WORK_QUEUE_URL"]);
        Assert.StartsWith("http://127.0.0.1:", env["WORK_QUEUE_URL"], StringComparison.Ordinal);
        Assert.Equal($"arn:aws:sqs:us-east-1:000000000000:{resources.Prefix}WorkQueue", env["WORK_QUEUE_ARN"]);
        Assert.Equal(resources.Prefix + "LedgerTable", env["LEDGER_TABLE"]);
        Assert.Contains(":table/" + resources.Prefix + "LedgerTable/stream/", env["LEDGER_STREAM"], StringComparison.Ordinal);
        Assert.Equal("overridden", env["SHARED"]);
        Assert.Equal("hello-dev-us-east-1-${Literal}", env["GREETING"]);
        Assert.Equal($"dev/{resources.Prefix}LedgerTable", env["WITH_VARS"]);
        Assert.Equal("a|dev|c", env["JOINED"]);
        Assert.Equal("b", env["SECOND"]);
        Assert.Equal("sandbox", env["CHOSEN"]);
        Assert.Equal("yes-always", env["CHOSEN_ALWAYS"]);
        Assert.EndsWith($":table/{resources.Prefix}LedgerTable/index/ByAmount", env["LONG_SUB"], StringComparison.Ordinal);
        Assert.EndsWith(".fifo", resources.QueueUrl("OrderedQueue"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resources_whose_server_is_not_used_resolve_to_deterministic_names_or_fail_clearly()
    {
        var partial = await LocalProvisioner.ProvisionAsync(
            fixture.Servers,
            fixture.SampleTemplate,
            ProvisionOptions.ForTestRun() with { Queues = false, Buckets = false, UserPool = false },
            TestContext.Current.CancellationToken);

        Assert.Equal($"arn:aws:sqs:us-east-1:000000000000:{partial.Prefix}OrderedQueue.fifo", partial.Resolve(new TemplateGetAtt("OrderedQueue", "Arn")));
        Assert.Null(partial.TryResolve(new TemplateRef("WorkQueue")));
        var error = Assert.Throws<InvalidOperationException>(() => partial.ConfigurationFor(fixture.SampleTemplate.Function("WorkerFunction")));
        Assert.Contains("!Ref WorkQueue", error.Message, StringComparison.Ordinal);

        // The union for a whole platform leaves out what is not provisioned instead of failing:
        // DevHost and the tests start without some servers, and only the functions needing them fail.
        var union = partial.AllConfiguration();
        Assert.False(union.ContainsKey("WORK_QUEUE_URL"));
        Assert.Equal(partial.Prefix + "LedgerTable", union["LEDGER_TABLE"]);

        var mainWithoutBuckets = await LocalProvisioner.ProvisionAsync(
            fixture.Servers,
            fixture.Template,
            ProvisionOptions.ForTestRun() with { Buckets = false, UserPool = false },
            TestContext.Current.CancellationToken);
        var config = mainWithoutBuckets.ConfigurationFor(fixture.Template.Function("CreateCoverImageUploadFunction"));
        Assert.Equal((mainWithoutBuckets.Prefix + "MediaBucket").ToLowerInvariant(), config["MEDIA_BUCKET"]);
        Assert.False(config.ContainsKey("AUTH_ISSUER"));
    }

    [Fact]
    public async Task Topics_fan_out_to_the_subscribed_queues_by_their_filter_policies()
    {
        var resources = fixture.SampleResources;
        var topicArn = resources.TopicArn("EventsTopic");
        Assert.Equal($"arn:aws:sns:us-east-1:000000000000:{resources.Prefix}EventsTopic", topicArn);
        Assert.Equal(topicArn, resources.Resolve(new TemplateRef("EventsTopic")));
        Assert.Equal(["PaidSubscription", "RefundedSubscription"], resources.SubscriptionArns.Keys.Order());
        using var sns = fixture.Servers.CreateSns();
        using var sqs = fixture.Servers.CreateSqsClient();
        var ct = TestContext.Current.CancellationToken;

        // Publish is synchronous fan-out: once the second call returns, the first was delivered or dropped.
        await sns.PublishAsync(topicArn, "{\"type\":\"Refunded\",\"n\":1}", new Dictionary<string, string> { ["type"] = "Paid" }, ct);
        await sns.PublishAsync(topicArn, "{\"type\":\"Paid\",\"n\":2}", new Dictionary<string, string> { ["type"] = "Refunded" }, ct);

        var paid = await ReceiveAllAsync(sqs, resources.QueueUrl("PaidQueue"), ct);
        var refunded = await ReceiveAllAsync(sqs, resources.QueueUrl("RefundedQueue"), ct);
        var byAttribute = Assert.Single(paid);
        Assert.Equal("{\"type\":\"Refunded\",\"n\":1}", byAttribute.Body);
        Assert.Equal("Paid", byAttribute.MessageAttributes["type"].StringValue);
        var byBody = Assert.Single(refunded);
        Assert.Equal("{\"type\":\"Refunded\",\"n\":1}", byBody.Body);
    }

    [Fact]
    public async Task The_stream_client_reads_a_tables_changes_as_dynamodb_streams_records()
    {
        var resources = fixture.SampleResources;
        var ct = TestContext.Current.CancellationToken;
        var streamArn = resources.TableStreamArn("LedgerTable");
        using var dynamo = fixture.Servers.CreateDynamoDbClient();
        using var streams = fixture.Servers.CreateDynamoDbStreams();
        var key = "stream-" + Guid.NewGuid().ToString("N");

        await dynamo.PutItemAsync(resources.TableName("LedgerTable"), new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = key },
            ["sk"] = new() { S = "entry" },
            ["amount"] = new() { N = "42" },
        }, ct);

        var shards = await streams.DescribeStreamAsync(streamArn, ct);
        Assert.NotEmpty(shards);
        System.Text.Json.Nodes.JsonObject? found = null;
        foreach (var shard in shards)
        {
            var iterator = await streams.GetShardIteratorAsync(streamArn, shard.ShardId, "TRIM_HORIZON", cancellationToken: ct);
            while (found is null && iterator is not null)
            {
                var page = await streams.GetRecordsAsync(iterator, 100, ct);
                found = page.Records.FirstOrDefault(r => r["dynamodb"]?["Keys"]?["pk"]?["S"]?.GetValue<string>() == key);
                iterator = page.Records.Count == 0 ? null : page.NextShardIterator;
            }
        }

        Assert.NotNull(found);
        Assert.Equal("INSERT", found["eventName"]!.GetValue<string>());
        Assert.Equal("aws:dynamodb", found["eventSource"]!.GetValue<string>());
        Assert.Equal("42", found["dynamodb"]!["NewImage"]!["amount"]!["N"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(found["dynamodb"]!["SequenceNumber"]!.GetValue<string>()));
        Assert.Equal("NEW_AND_OLD_IMAGES", found["dynamodb"]!["StreamViewType"]!.GetValue<string>());
    }

    private static async Task<List<Amazon.SQS.Model.Message>> ReceiveAllAsync(Amazon.SQS.AmazonSQSClient sqs, string queueUrl, CancellationToken ct)
    {
        var messages = new List<Amazon.SQS.Model.Message>();
        while (true)
        {
            var response = await sqs.ReceiveMessageAsync(new Amazon.SQS.Model.ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 0,
                MessageAttributeNames = ["All"],
            }, ct);
            if (response.Messages is not { Count: > 0 })
            {
                return messages;
            }

            messages.AddRange(response.Messages);
        }
    }
}
