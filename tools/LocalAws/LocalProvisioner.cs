using System.Diagnostics;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace BitcoinEvents.LocalAws;

/// <summary>How <see cref="LocalProvisioner"/> names and configures the local resources.</summary>
public sealed record ProvisionOptions
{
    /// <summary>Physical names are <c>&lt;Prefix&gt;&lt;LogicalId&gt;</c> (bucket names lower-cased). Default "local-".</summary>
    public string Prefix { get; init; } = "local-";

    /// <summary>Template parameter values overriding the defaults (e.g. Stage).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Add ALLOW_USER_PASSWORD_AUTH (and ALLOW_ADMIN_USER_PASSWORD_AUTH) to the client's auth flows so that
    /// tests and the dev host can sign in with a password. Default: true.
    /// </summary>
    public bool AllowPasswordSignIn { get; init; } = true;

    /// <summary>Provision tables (needs DynamoDB). Default: true when the server runs.</summary>
    public bool Tables { get; init; } = true;

    /// <summary>Provision queues (needs fauxqs). Default: true when the server runs.</summary>
    public bool Queues { get; init; } = true;

    /// <summary>Provision SNS topics and their SQS subscriptions (needs fauxqs). Default: true when the server runs.</summary>
    public bool Topics { get; init; } = true;

    /// <summary>Provision buckets (needs fauxqs). Default: true when the server runs.</summary>
    public bool Buckets { get; init; } = true;

    /// <summary>Provision the user pool (needs cognito-local). Default: true when the server runs.</summary>
    public bool UserPool { get; init; } = true;

    /// <summary>Options for one test run: a unique prefix (<c>t&lt;8 hex&gt;-</c>) isolates its resources.</summary>
    public static ProvisionOptions ForTestRun() => new() { Prefix = "t" + Guid.NewGuid().ToString("N")[..8] + "-" };
}

/// <summary>
/// Creates the template's resources on the local servers: tables (keys, GSIs, LSIs, TTL, stream),
/// queues with their DLQs and redrive policies, SNS topics and their subscriptions of queues (raw
/// delivery, filter policy and scope), buckets (CORS when the emulator supports it), the Cognito
/// pool, client and groups; for a KMS ticket signing key, a local key set (<see cref="LocalTicketKeyStore"/>).
/// Existing ones are reused, so a second start is fast and
/// persistent data survives.
/// </summary>
public static class LocalProvisioner
{
    /// <summary>Provisions everything the template declares on the servers that run.</summary>
    public static async Task<LocalResources> ProvisionAsync(LocalAwsServers servers, SamTemplate template, ProvisionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(template);
        options ??= new ProvisionOptions();
        var stopwatch = Stopwatch.StartNew();
        var resources = new LocalResources(servers, template, options);

        var work = new List<Task>();
        if (options.Tables && servers.IsRunning(LocalServer.DynamoDb) && template.Tables.Count > 0)
        {
            work.Add(ProvisionTablesAsync(servers, template, resources, cancellationToken));
        }

        if (servers.IsRunning(LocalServer.Fauxqs))
        {
            var queues = options.Queues && template.Queues.Count > 0
                ? ProvisionQueuesAsync(servers, template, resources, cancellationToken)
                : Task.CompletedTask;
            work.Add(queues);
            if (options.Topics && template.Topics.Count > 0)
            {
                work.Add(ProvisionTopicsAsync(servers, template, resources, queues, cancellationToken));
            }

            if (options.Buckets && template.Buckets.Count > 0)
            {
                work.Add(ProvisionBucketsAsync(servers, template, resources, cancellationToken));
            }
        }

        if (options.UserPool && servers.IsRunning(LocalServer.Cognito) && template.UserPool is not null)
        {
            work.Add(ProvisionUserPoolAsync(servers, template.UserPool, resources, options, cancellationToken));
        }

        await Task.WhenAll(work);
        if (template.Resources.Values.Any(LocalTicketKeyStore.IsTicketSigningKey))
        {
            resources.TicketSigningKeys = LocalTicketKeyStore.Load(servers.DataDirectory);
        }

        resources.ProvisionTime = stopwatch.Elapsed;
        return resources;
    }

    private static async Task ProvisionTablesAsync(LocalAwsServers servers, SamTemplate template, LocalResources resources, CancellationToken cancellationToken)
    {
        using var dynamo = servers.CreateDynamoDbClient();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        string? start = null;
        do
        {
            var page = await dynamo.ListTablesAsync(new ListTablesRequest { ExclusiveStartTableName = start, Limit = 100 }, cancellationToken);
            existing.UnionWith(page.TableNames ?? []);
            start = page.LastEvaluatedTableName;
        }
        while (!string.IsNullOrEmpty(start));

        await Task.WhenAll(template.Tables.Select(table => ProvisionTableAsync(dynamo, table, resources, existing.Contains(resources.PhysicalName(table.LogicalId)), cancellationToken)));
    }

    private static async Task ProvisionTableAsync(AmazonDynamoDBClient dynamo, TemplateTable table, LocalResources resources, bool exists, CancellationToken cancellationToken)
    {
        var name = resources.PhysicalName(table.LogicalId);
        TableDescription description;
        if (!exists)
        {
            var request = new CreateTableRequest
            {
                TableName = name,
                KeySchema = table.KeySchema.Select(ToKey).ToList(),
                AttributeDefinitions = table.AttributeDefinitions.Select(a => new AttributeDefinition(a.AttributeName, new ScalarAttributeType(a.AttributeType))).ToList(),
                BillingMode = BillingMode.PAY_PER_REQUEST,
            };
            if (table.GlobalSecondaryIndexes.Count > 0)
            {
                request.GlobalSecondaryIndexes = table.GlobalSecondaryIndexes.Select(ToGsi).ToList();
            }

            if (table.LocalSecondaryIndexes.Count > 0)
            {
                request.LocalSecondaryIndexes = table.LocalSecondaryIndexes.Select(i => new LocalSecondaryIndex
                {
                    IndexName = i.IndexName,
                    KeySchema = i.KeySchema.Select(ToKey).ToList(),
                    Projection = ToProjection(i),
                }).ToList();
            }

            if (table.StreamViewType is not null)
            {
                request.StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = new StreamViewType(table.StreamViewType) };
            }

            try
            {
                description = (await dynamo.CreateTableAsync(request, cancellationToken)).TableDescription;
            }
            catch (ResourceInUseException)
            {
                // Created by a concurrent provisioner with the same prefix.
                description = (await dynamo.DescribeTableAsync(name, cancellationToken)).Table;
            }
        }
        else
        {
            description = (await dynamo.DescribeTableAsync(name, cancellationToken)).Table;
            await AddMissingIndexesAsync(dynamo, table, description, cancellationToken);
        }

        if (table.TtlAttribute is not null)
        {
            var ttl = exists ? (await dynamo.DescribeTimeToLiveAsync(name, cancellationToken)).TimeToLiveDescription : null;
            if (ttl is null || ttl.TimeToLiveStatus != TimeToLiveStatus.ENABLED || ttl.AttributeName != table.TtlAttribute)
            {
                await dynamo.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
                {
                    TableName = name,
                    TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = table.TtlAttribute, Enabled = true },
                }, cancellationToken);
            }
        }

        resources.SetTable(table.LogicalId, name, description.TableArn, description.LatestStreamArn);
    }

    private static async Task AddMissingIndexesAsync(AmazonDynamoDBClient dynamo, TemplateTable table, TableDescription description, CancellationToken cancellationToken)
    {
        // A persistent table from an older template: add GSIs the template gained since (one per call, as DynamoDB requires).
        var present = new HashSet<string>((description.GlobalSecondaryIndexes ?? []).Select(i => i.IndexName), StringComparer.Ordinal);
        foreach (var index in table.GlobalSecondaryIndexes.Where(i => !present.Contains(i.IndexName)))
        {
            var keyNames = index.KeySchema.Select(k => k.AttributeName).ToHashSet(StringComparer.Ordinal);
            await dynamo.UpdateTableAsync(new UpdateTableRequest
            {
                TableName = description.TableName,
                AttributeDefinitions = table.AttributeDefinitions.Where(a => keyNames.Contains(a.AttributeName))
                    .Select(a => new AttributeDefinition(a.AttributeName, new ScalarAttributeType(a.AttributeType))).ToList(),
                GlobalSecondaryIndexUpdates = [new GlobalSecondaryIndexUpdate { Create = new CreateGlobalSecondaryIndexAction { IndexName = index.IndexName, KeySchema = index.KeySchema.Select(ToKey).ToList(), Projection = ToProjection(index) } }],
            }, cancellationToken);
        }
    }

    private static KeySchemaElement ToKey(TemplateKey key) => new(key.AttributeName, new KeyType(key.KeyType));

    private static GlobalSecondaryIndex ToGsi(TemplateIndex index) => new()
    {
        IndexName = index.IndexName,
        KeySchema = index.KeySchema.Select(ToKey).ToList(),
        Projection = ToProjection(index),
    };

    private static Projection ToProjection(TemplateIndex index)
    {
        var projection = new Projection { ProjectionType = new ProjectionType(index.ProjectionType) };
        if (index.NonKeyAttributes.Count > 0)
        {
            projection.NonKeyAttributes = index.NonKeyAttributes.ToList();
        }

        return projection;
    }

    private static async Task ProvisionQueuesAsync(LocalAwsServers servers, SamTemplate template, LocalResources resources, CancellationToken cancellationToken)
    {
        using var sqs = servers.CreateSqsClient();
        var byId = template.Queues.ToDictionary(q => q.LogicalId, StringComparer.Ordinal);
        var done = new Dictionary<string, Task>(StringComparer.Ordinal);

        Task Ensure(TemplateQueue queue)
        {
            lock (done)
            {
                if (!done.TryGetValue(queue.LogicalId, out var task))
                {
                    task = CreateQueueAsync(queue);
                    done[queue.LogicalId] = task;
                }

                return task;
            }
        }

        async Task CreateQueueAsync(TemplateQueue queue)
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["VisibilityTimeout"] = queue.VisibilityTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (queue.Fifo)
            {
                attributes["FifoQueue"] = "true";
                attributes["ContentBasedDeduplication"] = queue.ContentBasedDeduplication ? "true" : "false";
            }

            if (queue.MessageRetentionPeriod is { } retention)
            {
                attributes["MessageRetentionPeriod"] = retention.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (queue.DelaySeconds is { } delay)
            {
                attributes["DelaySeconds"] = delay.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (queue.ReceiveMessageWaitTimeSeconds is { } wait)
            {
                attributes["ReceiveMessageWaitTimeSeconds"] = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (queue.RedriveTarget is not null)
            {
                if (!byId.TryGetValue(queue.RedriveTarget, out var deadLetter))
                {
                    throw new InvalidOperationException($"Queue {queue.LogicalId}'s RedrivePolicy names {queue.RedriveTarget}, which is not an AWS::SQS::Queue of the template.");
                }

                await Ensure(deadLetter);
                var redrive = new JsonObject
                {
                    ["deadLetterTargetArn"] = resources.QueueArn(deadLetter.LogicalId),
                    ["maxReceiveCount"] = queue.MaxReceiveCount ?? 10,
                };
                attributes["RedrivePolicy"] = redrive.ToJsonString();
            }

            var name = resources.QueueName(queue);
            string url;
            try
            {
                url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = attributes }, cancellationToken)).QueueUrl;
            }
            catch (QueueNameExistsException)
            {
                // Exists with other attributes (an earlier template): bring them up to date.
                url = (await sqs.GetQueueUrlAsync(name, cancellationToken)).QueueUrl;
                attributes.Remove("FifoQueue");
                await sqs.SetQueueAttributesAsync(url, attributes, cancellationToken);
            }

            var arn = (await sqs.GetQueueAttributesAsync(url, ["QueueArn"], cancellationToken)).QueueARN;
            resources.SetQueue(queue.LogicalId, name, url, arn);
        }

        await Task.WhenAll(template.Queues.Select(Ensure));
    }

    private static async Task ProvisionTopicsAsync(LocalAwsServers servers, SamTemplate template, LocalResources resources, Task queues, CancellationToken cancellationToken)
    {
        using var sns = servers.CreateSns();
        foreach (var topic in template.Topics)
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            if (topic.Fifo)
            {
                attributes["FifoTopic"] = "true";
                attributes["ContentBasedDeduplication"] = topic.ContentBasedDeduplication ? "true" : "false";
            }

            var name = resources.TopicName(topic);
            resources.SetTopic(topic.LogicalId, name, await sns.CreateTopicAsync(name, attributes, cancellationToken));
        }

        // Subscriptions of queues need the queues' ARNs. Other protocols (email, ...) have nowhere to go locally.
        await queues;
        foreach (var subscription in template.TopicSubscriptions)
        {
            if (subscription.TopicLogicalId is null
                || subscription.QueueLogicalId is null
                || !resources.QueueArns.ContainsKey(subscription.QueueLogicalId)
                || (subscription.Condition is { } condition && resources.ResolveCondition(condition) != true))
            {
                continue;
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            if (subscription.RawMessageDelivery)
            {
                attributes["RawMessageDelivery"] = "true";
            }

            if (subscription.FilterPolicy is not null)
            {
                attributes["FilterPolicy"] = subscription.FilterPolicy;
                attributes["FilterPolicyScope"] = subscription.FilterPolicyScope ?? "MessageAttributes";
            }

            var arn = await sns.SubscribeAsync(resources.TopicArn(subscription.TopicLogicalId), "sqs", resources.QueueArn(subscription.QueueLogicalId), attributes, cancellationToken);
            resources.SetSubscription(subscription.LogicalId, arn);
        }
    }

    private static async Task ProvisionBucketsAsync(LocalAwsServers servers, SamTemplate template, LocalResources resources, CancellationToken cancellationToken)
    {
        using var s3 = servers.CreateS3Client();
        var existing = (await s3.ListBucketsAsync(cancellationToken)).Buckets?.Select(b => b.BucketName).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var bucket in template.Buckets)
        {
            var name = resources.BucketName(bucket);
            if (!existing.Contains(name))
            {
                try
                {
                    await s3.PutBucketAsync(new PutBucketRequest { BucketName = name, UseClientRegion = true }, cancellationToken);
                }
                catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
                {
                    // Created concurrently.
                }
            }

            resources.SetBucket(bucket.LogicalId, name);
            if (bucket.CorsRules.Count > 0)
            {
                await TryPutCorsAsync(s3, name, bucket, resources, cancellationToken);
            }
        }
    }

    private static async Task TryPutCorsAsync(AmazonS3Client s3, string name, TemplateBucket bucket, LocalResources resources, CancellationToken cancellationToken)
    {
        var configuration = new CORSConfiguration
        {
            Rules = bucket.CorsRules.Select(rule => new CORSRule
            {
                AllowedOrigins = rule.AllowedOrigins.SelectMany(o => o.ResolveItems(resources)).ToList(),
                AllowedMethods = rule.AllowedMethods.ToList(),
                AllowedHeaders = rule.AllowedHeaders.ToList(),
                ExposeHeaders = rule.ExposedHeaders.ToList(),
                MaxAgeSeconds = rule.MaxAge,
            }).ToList(),
        };
        try
        {
            await s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = name, Configuration = configuration }, cancellationToken);

            // fauxqs 1.9.2 answers PUT ?cors as a bucket creation (200) and keeps nothing: check it stuck.
            var stored = await s3.GetCORSConfigurationAsync(name, cancellationToken);
            if (stored.Configuration?.Rules?.Count == configuration.Rules.Count)
            {
                resources.MarkCorsApplied(bucket.LogicalId);
            }
        }
        catch (AmazonS3Exception)
        {
            // No bucket CORS API on this emulator (see LocalResources.BucketCorsApplied).
        }
        catch (Amazon.Runtime.Internal.HttpErrorResponseException)
        {
            // Same, answered in a shape the SDK cannot read.
        }
        catch (System.Xml.XmlException)
        {
            // Same.
        }
    }

    private static async Task ProvisionUserPoolAsync(LocalAwsServers servers, TemplateUserPool pool, LocalResources resources, ProvisionOptions options, CancellationToken cancellationToken)
    {
        using var cognito = servers.CreateCognito();
        var poolName = resources.PhysicalName(pool.PoolLogicalId);
        var poolId = await cognito.EnsureUserPoolAsync(poolName, pool.UsernameAttributes, pool.AutoVerifiedAttributes, pool.Policies, cancellationToken);

        string? clientId = null;
        if (pool.ClientLogicalId is not null)
        {
            var flows = pool.ExplicitAuthFlows.ToList();
            if (options.AllowPasswordSignIn)
            {
                flows.AddRange(["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"]);
            }

            var settings = pool.ClientSettings.DeepClone().AsObject();
            settings["ExplicitAuthFlows"] = new JsonArray(flows.Distinct(StringComparer.Ordinal).Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
            settings["GenerateSecret"] = false;
            clientId = await cognito.EnsureUserPoolClientAsync(poolId, resources.PhysicalName(pool.ClientLogicalId), settings, cancellationToken);
        }

        var groups = await cognito.ListGroupsAsync(poolId, cancellationToken);
        foreach (var group in pool.Groups.Where(g => !groups.Contains(g.GroupName, StringComparer.Ordinal)))
        {
            await cognito.CreateGroupAsync(poolId, group.GroupName, group.Description, cancellationToken);
        }

        resources.SetUserPool(pool, poolId, clientId, servers.CognitoIssuerDomain);
    }
}
