using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace BitcoinEvents.LocalAws;

/// <summary>An <c>AWS::Serverless::Function</c> with <c>Globals.Function</c> merged in.</summary>
/// <param name="LogicalId">Logical id.</param>
/// <param name="Handler">The Handler (the operation the area's bootstrap serves).</param>
/// <param name="Environment">Environment variables (globals merged, the function's own win).</param>
/// <param name="HttpRoutes">Its HttpApi events.</param>
/// <param name="QueueSubscriptions">Its SQS events.</param>
/// <param name="Schedules">Its Schedule (EventBridge rule) events.</param>
public sealed record TemplateFunction(
    string LogicalId,
    string Handler,
    IReadOnlyDictionary<string, TemplateValue> Environment,
    IReadOnlyList<TemplateHttpRoute> HttpRoutes,
    IReadOnlyList<TemplateQueueSubscription> QueueSubscriptions,
    IReadOnlyList<TemplateSchedule> Schedules)
{
    /// <summary>Timeout in seconds (globals merged; SAM's default 3).</summary>
    public int TimeoutSeconds { get; init; } = 3;

    /// <summary>Memory in MB (globals merged; SAM's default 128).</summary>
    public int MemorySize { get; init; } = 128;

    /// <summary>CodeUri, when a literal.</summary>
    public string? CodeUri { get; init; }
}

/// <summary>An HttpApi event of a function.</summary>
/// <param name="Method">HTTP method, upper case (<c>ANY</c> for any).</param>
/// <param name="Path">Route path as in the template, e.g. <c>/events/{eventId}</c>.</param>
/// <param name="RequiresAuthorization">False when <c>Auth.Authorizer</c> is <c>NONE</c> (or the API has no default authorizer); else the API's JWT authorizer applies.</param>
public sealed record TemplateHttpRoute(string Method, string Path, bool RequiresAuthorization)
{
    /// <summary>The event's name under <c>Events</c>.</summary>
    public string EventName { get; init; } = string.Empty;

    /// <summary>The authorizer's name when one applies.</summary>
    public string? Authorizer { get; init; }

    /// <summary>Logical id of the HttpApi (null: SAM's implicit API).</summary>
    public string? ApiLogicalId { get; init; }
}

/// <summary>An SQS event of a function.</summary>
/// <param name="QueueLogicalId">Logical id of the queue (from <c>!GetAtt Queue.Arn</c>).</param>
/// <param name="BatchSize">Batch size (default 10).</param>
/// <param name="ReportBatchItemFailures">True when <c>FunctionResponseTypes</c> has <c>ReportBatchItemFailures</c>.</param>
public sealed record TemplateQueueSubscription(string QueueLogicalId, int BatchSize, bool ReportBatchItemFailures)
{
    /// <summary>The event's name under <c>Events</c>.</summary>
    public string EventName { get; init; } = string.Empty;

    /// <summary>MaximumBatchingWindowInSeconds (0 when absent).</summary>
    public int MaximumBatchingWindowInSeconds { get; init; }

    /// <summary>False when the event source mapping is disabled.</summary>
    public bool Enabled { get; init; } = true;
}

/// <summary>A Schedule (EventBridge rule) or ScheduleV2 event of a function.</summary>
/// <param name="Expression"><c>rate(...)</c> or <c>cron(...)</c>.</param>
/// <param name="Enabled">False when <c>Enabled: false</c> or <c>State: DISABLED</c>.</param>
public sealed record TemplateSchedule(string Expression, bool Enabled)
{
    /// <summary>The event's name under <c>Events</c>.</summary>
    public string EventName { get; init; } = string.Empty;

    /// <summary>The <c>Input</c> JSON sent instead of the scheduled-event envelope, if any.</summary>
    public string? Input { get; init; }

    /// <summary>Description, if any.</summary>
    public string? Description { get; init; }
}

/// <summary>A key of a table or index.</summary>
public sealed record TemplateKey(string AttributeName, string KeyType);

/// <summary>An attribute definition of a table.</summary>
public sealed record TemplateAttributeDefinition(string AttributeName, string AttributeType);

/// <summary>A global or local secondary index.</summary>
public sealed record TemplateIndex(string IndexName, IReadOnlyList<TemplateKey> KeySchema, string ProjectionType, IReadOnlyList<string> NonKeyAttributes);

/// <summary>An <c>AWS::DynamoDB::Table</c>.</summary>
public sealed record TemplateTable(
    string LogicalId,
    IReadOnlyList<TemplateKey> KeySchema,
    IReadOnlyList<TemplateAttributeDefinition> AttributeDefinitions,
    IReadOnlyList<TemplateIndex> GlobalSecondaryIndexes,
    string? TtlAttribute,
    string? StreamViewType)
{
    /// <summary>Local secondary indexes.</summary>
    public IReadOnlyList<TemplateIndex> LocalSecondaryIndexes { get; init; } = [];

    /// <summary>BillingMode (PAY_PER_REQUEST or PROVISIONED).</summary>
    public string BillingMode { get; init; } = "PAY_PER_REQUEST";
}

/// <summary>An <c>AWS::SQS::Queue</c>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It describes a queue of the template; the name is part of the shared API.")]
public sealed record TemplateQueue(string LogicalId, bool Fifo, int VisibilityTimeout, string? RedriveTarget, int? MaxReceiveCount)
{
    /// <summary>ContentBasedDeduplication (FIFO).</summary>
    public bool ContentBasedDeduplication { get; init; }

    /// <summary>MessageRetentionPeriod in seconds, if set.</summary>
    public int? MessageRetentionPeriod { get; init; }

    /// <summary>DelaySeconds, if set.</summary>
    public int? DelaySeconds { get; init; }

    /// <summary>ReceiveMessageWaitTimeSeconds, if set.</summary>
    public int? ReceiveMessageWaitTimeSeconds { get; init; }
}

/// <summary>A CORS rule of a bucket.</summary>
public sealed record TemplateCorsRule(IReadOnlyList<TemplateValue> AllowedOrigins, IReadOnlyList<string> AllowedMethods, IReadOnlyList<string> AllowedHeaders, IReadOnlyList<string> ExposedHeaders, int? MaxAge);

/// <summary>An <c>AWS::S3::Bucket</c>.</summary>
public sealed record TemplateBucket(string LogicalId)
{
    /// <summary>Its CORS rules.</summary>
    public IReadOnlyList<TemplateCorsRule> CorsRules { get; init; } = [];
}

/// <summary>An <c>AWS::Cognito::UserPoolGroup</c>.</summary>
public sealed record TemplateUserPoolGroup(string LogicalId, string GroupName, string? Description);

/// <summary>The <c>AWS::Cognito::UserPool</c>, its client and groups.</summary>
/// <param name="PoolLogicalId">Logical id of the pool.</param>
/// <param name="ClientLogicalId">Logical id of its (first) client, if any.</param>
/// <param name="GroupNames">Names of its groups.</param>
public sealed record TemplateUserPool(string PoolLogicalId, string? ClientLogicalId, IReadOnlyList<string> GroupNames)
{
    /// <summary>Its groups with descriptions.</summary>
    public IReadOnlyList<TemplateUserPoolGroup> Groups { get; init; } = [];

    /// <summary>UsernameAttributes (e.g. email).</summary>
    public IReadOnlyList<string> UsernameAttributes { get; init; } = [];

    /// <summary>AutoVerifiedAttributes.</summary>
    public IReadOnlyList<string> AutoVerifiedAttributes { get; init; } = [];

    /// <summary>The pool's Policies (password policy) as JSON, if any.</summary>
    public JsonObject? Policies { get; init; }

    /// <summary>The client's ExplicitAuthFlows.</summary>
    public IReadOnlyList<string> ExplicitAuthFlows { get; init; } = [];

    /// <summary>The client's settings that cognito-local understands (token validities and units), as JSON.</summary>
    public JsonObject ClientSettings { get; init; } = [];
}

/// <summary>A template parameter.</summary>
public sealed record TemplateParameter(string Name, string Type, string? Default, IReadOnlyList<string> AllowedValues);

/// <summary>A resource of any type.</summary>
public sealed record TemplateResource(string LogicalId, string Type, YamlMappingNode Properties, string? Condition);

/// <summary>
/// template.yaml, parsed with YamlDotNet (CloudFormation short tags such as <c>!Ref</c> kept as
/// tagged nodes): functions (globals merged), tables, queues, buckets, the Cognito pool.
/// </summary>
public sealed class SamTemplate
{
    private SamTemplate(string path, YamlMappingNode root)
    {
        Path = path;
        Root = root;
        var globals = Child<YamlMappingNode>(root, "Globals");
        GlobalFunction = globals is null ? null : Child<YamlMappingNode>(globals, "Function");
        GlobalHttpApi = globals is null ? null : Child<YamlMappingNode>(globals, "HttpApi");

        Parameters = Entries(Child<YamlMappingNode>(root, "Parameters"))
            .Where(kv => kv.Value is YamlMappingNode)
            .Select(kv => ParseParameter(Key(kv.Key), (YamlMappingNode)kv.Value))
            .ToDictionary(p => p.Name, StringComparer.Ordinal);

        Conditions = Entries(Child<YamlMappingNode>(root, "Conditions"))
            .ToDictionary(kv => Key(kv.Key), kv => TemplateValue.Parse(kv.Value), StringComparer.Ordinal);

        var resources = Child<YamlMappingNode>(root, "Resources") ?? throw new FormatException($"{path} has no Resources.");
        Resources = resources.Children
            .Where(kv => kv.Value is YamlMappingNode)
            .Select(kv =>
            {
                var body = (YamlMappingNode)kv.Value;
                return new TemplateResource(
                    Key(kv.Key),
                    Scalar(body, "Type") ?? string.Empty,
                    Child<YamlMappingNode>(body, "Properties") ?? new YamlMappingNode(),
                    Scalar(body, "Condition"));
            })
            .ToDictionary(r => r.LogicalId, StringComparer.Ordinal);

        Functions = OfType("AWS::Serverless::Function").Select(ParseFunction).ToList();
        Tables = OfType("AWS::DynamoDB::Table").Select(ParseTable).ToList();
        Queues = OfType("AWS::SQS::Queue").Select(ParseQueue).ToList();
        Buckets = OfType("AWS::S3::Bucket").Select(ParseBucket).ToList();
        UserPool = ParseUserPool();
    }

    /// <summary>Where it was loaded from.</summary>
    public string Path { get; }

    /// <summary>The raw YAML (for tests).</summary>
    public YamlMappingNode Root { get; }

    /// <summary>Parameters with their defaults.</summary>
    public IReadOnlyDictionary<string, TemplateParameter> Parameters { get; }

    /// <summary>Conditions (expressions evaluated by <see cref="LocalResources"/>).</summary>
    public IReadOnlyDictionary<string, TemplateValue> Conditions { get; }

    /// <summary>Every resource by logical id.</summary>
    public IReadOnlyDictionary<string, TemplateResource> Resources { get; }

    /// <summary>AWS::Serverless::Function resources, with Globals.Function merged (Environment.Variables merged).</summary>
    public IReadOnlyList<TemplateFunction> Functions { get; }

    /// <summary>AWS::DynamoDB::Table resources.</summary>
    public IReadOnlyList<TemplateTable> Tables { get; }

    /// <summary>AWS::SQS::Queue resources.</summary>
    public IReadOnlyList<TemplateQueue> Queues { get; }

    /// <summary>AWS::S3::Bucket resources.</summary>
    public IReadOnlyList<TemplateBucket> Buckets { get; }

    /// <summary>The Cognito user pool, its client and groups; null when the template has none.</summary>
    public TemplateUserPool? UserPool { get; }

    private YamlMappingNode? GlobalFunction { get; }

    private YamlMappingNode? GlobalHttpApi { get; }

    /// <summary>Loads and parses a template.</summary>
    public static SamTemplate Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException($"{path} is not a YAML mapping.");
        }

        return new SamTemplate(System.IO.Path.GetFullPath(path), root);
    }

    /// <summary>Loads the repository's template.yaml.</summary>
    public static SamTemplate LoadDefault() => Load(RepositoryPaths.TemplateFile);

    /// <summary>The function with this logical id.</summary>
    public TemplateFunction Function(string logicalId) =>
        Functions.FirstOrDefault(f => string.Equals(f.LogicalId, logicalId, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No AWS::Serverless::Function '{logicalId}' in {Path}.");

    private IEnumerable<TemplateResource> OfType(string type) =>
        Resources.Values.Where(r => string.Equals(r.Type, type, StringComparison.Ordinal));

    private TemplateFunction ParseFunction(TemplateResource resource)
    {
        var properties = resource.Properties;
        string? Merged(string key) => Scalar(properties, key) ?? (GlobalFunction is null ? null : Scalar(GlobalFunction, key));

        var environment = new Dictionary<string, TemplateValue>(StringComparer.Ordinal);
        foreach (var source in new[] { GlobalFunction, properties })
        {
            var variables = source is null ? null : Child<YamlMappingNode>(source, "Environment") is { } env ? Child<YamlMappingNode>(env, "Variables") : null;
            foreach (var (key, value) in Entries(variables))
            {
                environment[Key(key)] = TemplateValue.Parse(value);
            }
        }

        var routes = new List<TemplateHttpRoute>();
        var subscriptions = new List<TemplateQueueSubscription>();
        var schedules = new List<TemplateSchedule>();
        foreach (var (eventKey, eventNode) in Entries(Child<YamlMappingNode>(properties, "Events")))
        {
            if (eventNode is not YamlMappingNode eventBody)
            {
                continue;
            }

            var eventName = Key(eventKey);
            var type = Scalar(eventBody, "Type");
            var eventProperties = Child<YamlMappingNode>(eventBody, "Properties") ?? new YamlMappingNode();
            switch (type)
            {
                case "HttpApi":
                    routes.Add(ParseHttpRoute(eventName, eventProperties));
                    break;
                case "SQS":
                    subscriptions.Add(ParseQueueSubscription(resource.LogicalId, eventName, eventProperties));
                    break;
                case "Schedule":
                case "ScheduleV2":
                    schedules.Add(ParseSchedule(eventName, type, eventProperties));
                    break;
                default:
                    break;
            }
        }

        return new TemplateFunction(resource.LogicalId, Merged("Handler") ?? string.Empty, environment, routes, subscriptions, schedules)
        {
            TimeoutSeconds = ParseInt(Merged("Timeout")) ?? 3,
            MemorySize = ParseInt(Merged("MemorySize")) ?? 128,
            CodeUri = Merged("CodeUri"),
        };
    }

    private TemplateHttpRoute ParseHttpRoute(string eventName, YamlMappingNode properties)
    {
        var method = (Scalar(properties, "Method") ?? "ANY").ToUpperInvariant();
        var path = Scalar(properties, "Path") ?? "$default";
        var apiId = properties.Children.TryGetValue(new YamlScalarNode("ApiId"), out var apiNode) ? TemplateValue.Parse(apiNode) : null;
        var apiLogicalId = apiId is TemplateRef reference ? reference.Name : null;

        YamlMappingNode? apiAuth = null;
        if (apiLogicalId is not null && Resources.TryGetValue(apiLogicalId, out var api))
        {
            apiAuth = Child<YamlMappingNode>(api.Properties, "Auth");
        }

        apiAuth ??= GlobalHttpApi is null ? null : Child<YamlMappingNode>(GlobalHttpApi, "Auth");
        var defaultAuthorizer = apiAuth is null ? null : Scalar(apiAuth, "DefaultAuthorizer");

        var eventAuth = Child<YamlMappingNode>(properties, "Auth");
        var authorizer = eventAuth is null ? null : Scalar(eventAuth, "Authorizer");
        authorizer ??= defaultAuthorizer;
        var required = authorizer is not null && !string.Equals(authorizer, "NONE", StringComparison.Ordinal);
        return new TemplateHttpRoute(method, path, required)
        {
            EventName = eventName,
            Authorizer = required ? authorizer : null,
            ApiLogicalId = apiLogicalId,
        };
    }

    private static TemplateQueueSubscription ParseQueueSubscription(string functionId, string eventName, YamlMappingNode properties)
    {
        if (!properties.Children.TryGetValue(new YamlScalarNode("Queue"), out var queueNode))
        {
            throw new FormatException($"{functionId}.Events.{eventName} (SQS) has no Queue.");
        }

        var queue = TemplateValue.Parse(queueNode) switch
        {
            TemplateGetAtt getAtt => getAtt.LogicalId,
            TemplateRef reference => reference.Name,
            TemplateLiteral literal => literal.Value,
            var other => throw new FormatException($"{functionId}.Events.{eventName}: Queue {other} is not !GetAtt Queue.Arn."),
        };
        var responseTypes = Child<YamlSequenceNode>(properties, "FunctionResponseTypes")?.Children.OfType<YamlScalarNode>().Select(s => s.Value) ?? [];
        return new TemplateQueueSubscription(queue, ParseInt(Scalar(properties, "BatchSize")) ?? 10, responseTypes.Contains("ReportBatchItemFailures", StringComparer.Ordinal))
        {
            EventName = eventName,
            MaximumBatchingWindowInSeconds = ParseInt(Scalar(properties, "MaximumBatchingWindowInSeconds")) ?? 0,
            Enabled = ParseBool(Scalar(properties, "Enabled")) ?? true,
        };
    }

    private static TemplateSchedule ParseSchedule(string eventName, string type, YamlMappingNode properties)
    {
        var expression = type == "ScheduleV2" ? Scalar(properties, "ScheduleExpression") : Scalar(properties, "Schedule");
        var enabled = ParseBool(Scalar(properties, "Enabled"));
        var state = Scalar(properties, "State");
        if (state is not null)
        {
            enabled = string.Equals(state, "ENABLED", StringComparison.OrdinalIgnoreCase);
        }

        return new TemplateSchedule(expression ?? string.Empty, enabled ?? true)
        {
            EventName = eventName,
            Input = Scalar(properties, "Input"),
            Description = Scalar(properties, "Description"),
        };
    }

    private static TemplateTable ParseTable(TemplateResource resource)
    {
        var properties = resource.Properties;
        var attributes = Sequence(properties, "AttributeDefinitions")
            .Select(m => new TemplateAttributeDefinition(Scalar(m, "AttributeName") ?? string.Empty, Scalar(m, "AttributeType") ?? "S"))
            .ToList();
        var ttl = Child<YamlMappingNode>(properties, "TimeToLiveSpecification");
        var ttlAttribute = ttl is not null && (ParseBool(Scalar(ttl, "Enabled")) ?? false) ? Scalar(ttl, "AttributeName") : null;
        var stream = Child<YamlMappingNode>(properties, "StreamSpecification");
        return new TemplateTable(
            resource.LogicalId,
            Keys(properties),
            attributes,
            Sequence(properties, "GlobalSecondaryIndexes").Select(ParseIndex).ToList(),
            ttlAttribute,
            stream is null ? null : Scalar(stream, "StreamViewType"))
        {
            LocalSecondaryIndexes = Sequence(properties, "LocalSecondaryIndexes").Select(ParseIndex).ToList(),
            BillingMode = Scalar(properties, "BillingMode") ?? "PROVISIONED",
        };
    }

    private static TemplateIndex ParseIndex(YamlMappingNode index)
    {
        var projection = Child<YamlMappingNode>(index, "Projection");
        var nonKey = projection is null ? [] : Child<YamlSequenceNode>(projection, "NonKeyAttributes")?.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToList() ?? [];
        return new TemplateIndex(Scalar(index, "IndexName") ?? string.Empty, Keys(index), (projection is null ? null : Scalar(projection, "ProjectionType")) ?? "ALL", nonKey);
    }

    private static List<TemplateKey> Keys(YamlMappingNode owner) =>
        Sequence(owner, "KeySchema").Select(k => new TemplateKey(Scalar(k, "AttributeName") ?? string.Empty, Scalar(k, "KeyType") ?? "HASH")).ToList();

    private static TemplateQueue ParseQueue(TemplateResource resource)
    {
        var properties = resource.Properties;
        string? redriveTarget = null;
        int? maxReceiveCount = null;
        if (properties.Children.TryGetValue(new YamlScalarNode("RedrivePolicy"), out var redrive))
        {
            if (redrive is YamlMappingNode redriveMap)
            {
                if (redriveMap.Children.TryGetValue(new YamlScalarNode("deadLetterTargetArn"), out var target))
                {
                    redriveTarget = TemplateValue.Parse(target) switch
                    {
                        TemplateGetAtt getAtt => getAtt.LogicalId,
                        TemplateRef reference => reference.Name,
                        var other => other.Literal,
                    };
                }

                maxReceiveCount = ParseInt(Scalar(redriveMap, "maxReceiveCount"));
            }
            else if (redrive is YamlScalarNode { Value: { } json })
            {
                var node = JsonNode.Parse(json);
                redriveTarget = node?["deadLetterTargetArn"]?.ToString();
                maxReceiveCount = ParseInt(node?["maxReceiveCount"]?.ToString());
            }
        }

        return new TemplateQueue(
            resource.LogicalId,
            ParseBool(Scalar(properties, "FifoQueue")) ?? false,
            ParseInt(Scalar(properties, "VisibilityTimeout")) ?? 30,
            redriveTarget,
            maxReceiveCount)
        {
            ContentBasedDeduplication = ParseBool(Scalar(properties, "ContentBasedDeduplication")) ?? false,
            MessageRetentionPeriod = ParseInt(Scalar(properties, "MessageRetentionPeriod")),
            DelaySeconds = ParseInt(Scalar(properties, "DelaySeconds")),
            ReceiveMessageWaitTimeSeconds = ParseInt(Scalar(properties, "ReceiveMessageWaitTimeSeconds")),
        };
    }

    private static TemplateBucket ParseBucket(TemplateResource resource)
    {
        var cors = Child<YamlMappingNode>(resource.Properties, "CorsConfiguration");
        var rules = cors is null ? [] : Sequence(cors, "CorsRules").Select(rule => new TemplateCorsRule(
            (Child<YamlSequenceNode>(rule, "AllowedOrigins")?.Children ?? []).Select(TemplateValue.Parse).ToList(),
            Strings(rule, "AllowedMethods"),
            Strings(rule, "AllowedHeaders"),
            Strings(rule, "ExposedHeaders"),
            ParseInt(Scalar(rule, "MaxAge")))).ToList();
        return new TemplateBucket(resource.LogicalId) { CorsRules = rules };
    }

    private TemplateUserPool? ParseUserPool()
    {
        var pool = OfType("AWS::Cognito::UserPool").FirstOrDefault();
        if (pool is null)
        {
            return null;
        }

        bool BelongsToPool(TemplateResource r) =>
            r.Properties.Children.TryGetValue(new YamlScalarNode("UserPoolId"), out var id)
            && TemplateValue.Parse(id) is TemplateRef reference
            && string.Equals(reference.Name, pool.LogicalId, StringComparison.Ordinal);

        var client = OfType("AWS::Cognito::UserPoolClient").FirstOrDefault(BelongsToPool);
        var groups = OfType("AWS::Cognito::UserPoolGroup").Where(BelongsToPool)
            .Select(g => new TemplateUserPoolGroup(g.LogicalId, Scalar(g.Properties, "GroupName") ?? g.LogicalId, Scalar(g.Properties, "Description")))
            .ToList();

        var clientSettings = new JsonObject();
        if (client is not null)
        {
            foreach (var key in new[] { "AccessTokenValidity", "IdTokenValidity", "RefreshTokenValidity" })
            {
                if (ParseInt(Scalar(client.Properties, key)) is { } validity)
                {
                    clientSettings[key] = validity;
                }
            }

            if (Child<YamlMappingNode>(client.Properties, "TokenValidityUnits") is { } units)
            {
                clientSettings["TokenValidityUnits"] = ToJson(units);
            }
        }

        var policies = Child<YamlMappingNode>(pool.Properties, "Policies");
        return new TemplateUserPool(pool.LogicalId, client?.LogicalId, groups.Select(g => g.GroupName).ToList())
        {
            Groups = groups,
            UsernameAttributes = Strings(pool.Properties, "UsernameAttributes"),
            AutoVerifiedAttributes = Strings(pool.Properties, "AutoVerifiedAttributes"),
            Policies = policies is null ? null : ToJson(policies) as JsonObject,
            ExplicitAuthFlows = client is null ? [] : Strings(client.Properties, "ExplicitAuthFlows"),
            ClientSettings = clientSettings,
        };
    }

    private static TemplateParameter ParseParameter(string name, YamlMappingNode body) => new(
        name,
        Scalar(body, "Type") ?? "String",
        Scalar(body, "Default"),
        Strings(body, "AllowedValues"));

    /// <summary>Untagged scalars, mappings and sequences to JSON (numbers and booleans typed).</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(kv => KeyValuePair.Create(Key(kv.Key), ToJson(kv.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Value: var value } when node.Tag.IsEmpty && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode { Value: "true" or "false" } scalar when node.Tag.IsEmpty => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Entries(YamlMappingNode? mapping) =>
        mapping?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>();

    private static string Key(YamlNode node) => (node as YamlScalarNode)?.Value ?? string.Empty;

    private static T? Child<T>(YamlMappingNode parent, string key)
        where T : YamlNode =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node as T : null;

    /// <summary>A scalar property's text; null when absent or not a plain scalar (e.g. an intrinsic).</summary>
    private static string? Scalar(YamlMappingNode parent, string key) =>
        Child<YamlScalarNode>(parent, key) is { } scalar && scalar.Tag.IsEmpty ? scalar.Value : null;

    private static IEnumerable<YamlMappingNode> Sequence(YamlMappingNode parent, string key) =>
        Child<YamlSequenceNode>(parent, key)?.Children.OfType<YamlMappingNode>() ?? [];

    private static List<string> Strings(YamlMappingNode parent, string key) =>
        Child<YamlSequenceNode>(parent, key)?.Children.OfType<YamlScalarNode>().Where(s => s.Tag.IsEmpty).Select(s => s.Value ?? string.Empty).ToList() ?? [];

    private static int? ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool? ParseBool(string? text) =>
        text is null ? null : string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) ? true : string.Equals(text, "false", StringComparison.OrdinalIgnoreCase) ? false : null;
}
