using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

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

    /// <summary>The stack (template file) that declares it.</summary>
    public string Stack { get; init; } = TemplateStack.RootName;

    /// <summary>The area whose bootstrap serves it (its template's folder under functions/), or null.</summary>
    public string? Area { get; init; }

    /// <summary>Its DynamoDB (stream) events.</summary>
    public IReadOnlyList<TemplateStreamSubscription> StreamSubscriptions { get; init; } = [];
}

/// <summary>
/// A route of the HTTP API that invokes a function: a SAM <c>HttpApi</c> event, or an
/// <c>AWS::ApiGatewayV2::Route</c> whose integration targets the function (an area's nested stack
/// routes on the platform's API that way).
/// </summary>
/// <param name="Method">HTTP method, upper case (<c>ANY</c> for any).</param>
/// <param name="Path">Route path as in the template, e.g. <c>/events/{eventId}</c>.</param>
/// <param name="RequiresAuthorization">False when <c>Auth.Authorizer</c> is <c>NONE</c> (or the API has no default authorizer); else the API's JWT authorizer applies.</param>
public sealed record TemplateHttpRoute(string Method, string Path, bool RequiresAuthorization)
{
    /// <summary>The event's name under <c>Events</c>, or the route resource's logical id.</summary>
    public string EventName { get; init; } = string.Empty;

    /// <summary>The authorizer's name (or logical id) when one applies.</summary>
    public string? Authorizer { get; init; }

    /// <summary>Logical id of the API (null: SAM's implicit API).</summary>
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

/// <summary>A DynamoDB event of a function: an event source mapping on a table's stream.</summary>
/// <param name="TableLogicalId">The table whose stream it reads (from <c>!GetAtt Table.StreamArn</c>, also through an area's parameter).</param>
/// <param name="StartingPosition">TRIM_HORIZON or LATEST.</param>
/// <param name="BatchSize">Batch size (SAM's default 100).</param>
/// <param name="ReportBatchItemFailures">True when <c>FunctionResponseTypes</c> has <c>ReportBatchItemFailures</c>.</param>
public sealed record TemplateStreamSubscription(string TableLogicalId, string StartingPosition, int BatchSize, bool ReportBatchItemFailures)
{
    /// <summary>The event's name under <c>Events</c>.</summary>
    public string EventName { get; init; } = string.Empty;

    /// <summary>False when the event source mapping is disabled.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>MaximumRetryAttempts; null (Lambda's default): retry until the record expires.</summary>
    public int? MaximumRetryAttempts { get; init; }

    /// <summary>BisectBatchOnFunctionError.</summary>
    public bool BisectBatchOnFunctionError { get; init; }

    /// <summary>FilterCriteria patterns, as written (JSON text).</summary>
    public IReadOnlyList<string> FilterPatterns { get; init; } = [];

    /// <summary><c>DestinationConfig.OnFailure.Destination</c>, if any.</summary>
    public TemplateValue? OnFailureDestination { get; init; }
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

/// <summary>An <c>AWS::SNS::Topic</c>.</summary>
public sealed record TemplateTopic(string LogicalId, bool Fifo)
{
    /// <summary>ContentBasedDeduplication (FIFO).</summary>
    public bool ContentBasedDeduplication { get; init; }
}

/// <summary>An <c>AWS::SNS::Subscription</c>.</summary>
/// <param name="LogicalId">Logical id.</param>
/// <param name="TopicLogicalId">The topic (<c>TopicArn: !Ref Topic</c>, also through an area's parameter), or null when it is not a topic of the template.</param>
/// <param name="Protocol">sqs, email, lambda, ...</param>
/// <param name="Endpoint">The endpoint (for sqs: the queue's ARN).</param>
public sealed record TemplateTopicSubscription(string LogicalId, string? TopicLogicalId, string Protocol, TemplateValue Endpoint)
{
    /// <summary>For protocol sqs with <c>Endpoint: !GetAtt Queue.Arn</c>: the queue.</summary>
    public string? QueueLogicalId { get; init; }

    /// <summary>RawMessageDelivery: the message itself is the queue message's body.</summary>
    public bool RawMessageDelivery { get; init; }

    /// <summary>FilterPolicy as JSON text, if any.</summary>
    public string? FilterPolicy { get; init; }

    /// <summary>FilterPolicyScope: MessageAttributes (SNS's default) or MessageBody.</summary>
    public string? FilterPolicyScope { get; init; }

    /// <summary>The resource's Condition, if any.</summary>
    public string? Condition { get; init; }

    /// <summary>The stack that declares it.</summary>
    public string Stack { get; init; } = TemplateStack.RootName;
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

/// <summary>A resource of any type, as its stack declares it (language extensions applied, Globals and parameters resolved).</summary>
public sealed record TemplateResource(string LogicalId, string Type, JsonObject Properties, string? Condition)
{
    /// <summary>The stack that declares it.</summary>
    public string Stack { get; init; } = TemplateStack.RootName;
}

/// <summary>
/// The template, read once by <see cref="CloudFormationYaml"/>: the root template.yaml and every
/// nested stack it declares with a local file (<c>AWS::Serverless::Application</c> Location, such
/// as an area's functions/&lt;Area&gt;/template.yaml), each expanded (language extensions), with
/// Globals merged into its functions and its parameters replaced by what its parent passes. The
/// typed views (functions, routes, tables, queues, buckets, the user pool) span every stack:
/// logical ids are unique across them, so a reference means the same thing everywhere.
/// </summary>
public sealed class SamTemplate
{
    private static readonly string[] NestedStackTypes = ["AWS::Serverless::Application", "AWS::CloudFormation::Stack"];

    private SamTemplate(IReadOnlyList<TemplateStack> stacks)
    {
        Stacks = stacks;
        var root = stacks[0];
        Path = root.Path;

        Parameters = Entries(root.Resolved["Parameters"])
            .Where(kv => kv.Value is JsonObject)
            .Select(kv => ParseParameter(kv.Key, (JsonObject)kv.Value!))
            .ToDictionary(p => p.Name, StringComparer.Ordinal);

        var conditions = new Dictionary<string, TemplateValue>(StringComparer.Ordinal);
        var resources = new Dictionary<string, TemplateResource>(StringComparer.Ordinal);
        foreach (var stack in stacks)
        {
            foreach (var (name, expression) in Entries(stack.Resolved["Conditions"]))
            {
                var value = TemplateValue.FromJson(expression);
                if (conditions.TryGetValue(name, out var existing) && existing != value)
                {
                    throw new FormatException($"Condition {name} is declared differently in two stacks ({stack.Path}).");
                }

                conditions[name] = value;
            }

            foreach (var (id, node) in Entries(stack.Resolved["Resources"]))
            {
                if (node is not JsonObject body)
                {
                    continue;
                }

                if (resources.TryGetValue(id, out var clash))
                {
                    throw new FormatException(
                        $"Logical id {id} is declared in stack {clash.Stack} and in stack {stack.Name} ({stack.Path}): logical ids must be unique across the platform's stacks.");
                }

                resources[id] = new TemplateResource(id, Text(body["Type"]) ?? string.Empty, body["Properties"] as JsonObject ?? [], Text(body["Condition"]))
                {
                    Stack = stack.Name,
                };
            }
        }

        Conditions = conditions;
        Resources = resources;
        Functions = stacks.SelectMany(stack => OfType(stack, "AWS::Serverless::Function").Select(f => ParseFunction(stack, f))).ToList();
        Tables = OfType("AWS::DynamoDB::Table").Select(ParseTable).ToList();
        Queues = OfType("AWS::SQS::Queue").Select(ParseQueue).ToList();
        Buckets = OfType("AWS::S3::Bucket").Select(ParseBucket).ToList();
        Topics = OfType("AWS::SNS::Topic").Select(ParseTopic).ToList();
        TopicSubscriptions = OfType("AWS::SNS::Subscription").Select(ParseTopicSubscription).ToList();
        UserPool = ParseUserPool();
    }

    /// <summary>Where the root template was loaded from.</summary>
    public string Path { get; }

    /// <summary>The root stack, then every nested stack (depth first).</summary>
    public IReadOnlyList<TemplateStack> Stacks { get; }

    /// <summary>The root stack (template.yaml).</summary>
    public TemplateStack Root => Stacks[0];

    /// <summary>The areas: nested stacks whose template is functions/&lt;Area&gt;/template.yaml, in template order.</summary>
    public IReadOnlyList<string> Areas => [.. Stacks.Select(s => s.Area).OfType<string>()];

    /// <summary>The root template's parameters with their defaults.</summary>
    public IReadOnlyDictionary<string, TemplateParameter> Parameters { get; }

    /// <summary>Conditions of every stack (expressions evaluated by <see cref="LocalResources"/>).</summary>
    public IReadOnlyDictionary<string, TemplateValue> Conditions { get; }

    /// <summary>Every resource of every stack by logical id.</summary>
    public IReadOnlyDictionary<string, TemplateResource> Resources { get; }

    /// <summary>AWS::Serverless::Function resources of every stack, Globals merged, with their routes, queues and schedules.</summary>
    public IReadOnlyList<TemplateFunction> Functions { get; }

    /// <summary>AWS::DynamoDB::Table resources.</summary>
    public IReadOnlyList<TemplateTable> Tables { get; }

    /// <summary>AWS::SQS::Queue resources.</summary>
    public IReadOnlyList<TemplateQueue> Queues { get; }

    /// <summary>AWS::S3::Bucket resources.</summary>
    public IReadOnlyList<TemplateBucket> Buckets { get; }

    /// <summary>AWS::SNS::Topic resources.</summary>
    public IReadOnlyList<TemplateTopic> Topics { get; }

    /// <summary>AWS::SNS::Subscription resources of every stack.</summary>
    public IReadOnlyList<TemplateTopicSubscription> TopicSubscriptions { get; }

    /// <summary>The Cognito user pool, its client and groups; null when the template has none.</summary>
    public TemplateUserPool? UserPool { get; }

    /// <summary>Loads and parses a template and the nested stacks it declares with local files.</summary>
    public static SamTemplate Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stacks = new List<TemplateStack>();
        LoadStack(System.IO.Path.GetFullPath(path), TemplateStack.RootName, parent: null, passed: null, stacks);
        return new SamTemplate(stacks);
    }

    /// <summary>Loads the repository's template.yaml.</summary>
    public static SamTemplate LoadDefault() => Load(RepositoryPaths.TemplateFile);

    /// <summary>The function with this logical id.</summary>
    public TemplateFunction Function(string logicalId) =>
        Functions.FirstOrDefault(f => string.Equals(f.LogicalId, logicalId, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No AWS::Serverless::Function '{logicalId}' in {Path} or its nested stacks.");

    /// <summary>The stack of this name (the root's is <see cref="TemplateStack.RootName"/>).</summary>
    public TemplateStack Stack(string name) =>
        Stacks.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No stack '{name}' in {Path}.");

    private static void LoadStack(string path, string name, TemplateStack? parent, JsonObject? passed, List<TemplateStack> stacks)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Stack {name}: template {path} does not exist.", path);
        }

        var source = CloudFormationYaml.LoadFile(path);
        var expanded = TemplateLanguageExtensions.Expand(source);
        var resolved = expanded.DeepClone().AsObject();
        MergeFunctionGlobals(resolved);
        if (parent is not null)
        {
            SubstituteParameters(resolved, name, passed);
        }

        var stack = new TemplateStack(name, path, parent, source, expanded, resolved);
        stacks.Add(stack);
        foreach (var (id, node) in Entries(resolved["Resources"]))
        {
            if (node is not JsonObject body || !NestedStackTypes.Contains(Text(body["Type"])))
            {
                continue;
            }

            var properties = body["Properties"] as JsonObject;
            var location = Text(properties?["Location"]) ?? Text(properties?["TemplateURL"]);
            if (location is null || location.Contains("://", StringComparison.Ordinal))
            {
                continue; // a serverless application from the repository, or an uploaded template: not ours to read
            }

            var childPath = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, location));
            LoadStack(childPath, id, stack, properties?["Parameters"] as JsonObject, stacks);
        }
    }

    /// <summary>SAM's Globals merge: maps merge key by key (the function's value wins), lists concatenate, anything else is replaced.</summary>
    private static void MergeFunctionGlobals(JsonObject template)
    {
        if (template["Globals"]?["Function"] is not JsonObject globals)
        {
            return;
        }

        foreach (var (_, node) in Entries(template["Resources"]))
        {
            if (node is JsonObject body && Text(body["Type"]) == "AWS::Serverless::Function")
            {
                body["Properties"] = Merge(globals, body["Properties"] as JsonObject ?? []);
            }
        }
    }

    private static JsonObject Merge(JsonObject globals, JsonObject own)
    {
        var merged = globals.DeepClone().AsObject();
        foreach (var (key, value) in own)
        {
            merged[key] = (merged[key], value) switch
            {
                (JsonObject g, JsonObject o) when !IsIntrinsic(g) && !IsIntrinsic(o) => Merge(g, o),
                (JsonArray g, JsonArray o) => new JsonArray([.. g.Select(x => x?.DeepClone()), .. o.Select(x => x?.DeepClone())]),
                _ => value?.DeepClone(),
            };
        }

        return merged;
    }

    private static bool IsIntrinsic(JsonObject obj) =>
        obj.Count == 1 && obj.First().Key is var key && (key == "Ref" || key == "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal));

    /// <summary>
    /// Replaces the nested stack's parameters by the values its parent passes (or their defaults):
    /// <c>Ref P</c> becomes the passed value, and <c>${P}</c> in a Sub becomes a Sub variable.
    /// </summary>
    private static void SubstituteParameters(JsonObject template, string stackName, JsonObject? passed)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, declaration) in Entries(template["Parameters"]))
        {
            if (passed is not null && passed.TryGetPropertyValue(name, out var value))
            {
                values[name] = value;
            }
            else if (declaration?["Default"] is JsonNode defaultValue)
            {
                values[name] = JsonValue.Create(defaultValue is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : defaultValue.ToJsonString());
            }
        }

        foreach (var name in passed?.Select(kv => kv.Key) ?? [])
        {
            if (template["Parameters"]?[name] is null)
            {
                throw new FormatException($"Stack {stackName} is passed parameter {name}, which its template does not declare (CloudFormation would refuse it).");
            }
        }

        foreach (var section in new[] { "Resources", "Conditions", "Outputs" })
        {
            if (template[section] is JsonNode node)
            {
                template[section] = Substitute(node, values);
            }
        }
    }

    private static JsonNode? Substitute(JsonNode? node, IReadOnlyDictionary<string, JsonNode?> values)
    {
        switch (node)
        {
            case JsonObject { Count: 1 } obj when obj["Ref"] is JsonValue r && r.TryGetValue<string>(out var name) && values.TryGetValue(name, out var value):
                return value?.DeepClone();
            case JsonObject { Count: 1 } obj when obj.ContainsKey("Fn::Sub"):
                {
                    var (format, variables) = obj["Fn::Sub"] switch
                    {
                        JsonValue text when text.TryGetValue<string>(out var f) => (f, new JsonObject()),
                        JsonArray { Count: 2 } pair when pair[0] is JsonValue t && t.TryGetValue<string>(out var f) && pair[1] is JsonObject vars
                            => (f, (JsonObject)Substitute(vars, values)!),
                        _ => (null, null),
                    };
                    if (format is null)
                    {
                        return obj.DeepClone();
                    }

                    foreach (var placeholder in SubPlaceholders(format))
                    {
                        if (!variables!.ContainsKey(placeholder) && values.TryGetValue(placeholder, out var passed))
                        {
                            variables[placeholder] = passed?.DeepClone();
                        }
                    }

                    return variables!.Count == 0
                        ? new JsonObject { ["Fn::Sub"] = format }
                        : new JsonObject { ["Fn::Sub"] = new JsonArray(JsonValue.Create(format), variables) };
                }

            case JsonObject obj:
                return new JsonObject(obj.Select(kv => KeyValuePair.Create(kv.Key, Substitute(kv.Value, values))));
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Substitute(item, values))]);
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>The plain <c>${Name}</c> placeholders of a Sub string (not <c>${!Literal}</c>, not <c>${X.Attr}</c>).</summary>
    private static IEnumerable<string> SubPlaceholders(string format)
    {
        var i = 0;
        while ((i = format.IndexOf("${", i, StringComparison.Ordinal)) >= 0)
        {
            var end = format.IndexOf('}', i + 2);
            if (end < 0)
            {
                yield break;
            }

            var name = format[(i + 2)..end];
            if (!name.StartsWith('!') && !name.Contains('.', StringComparison.Ordinal))
            {
                yield return name;
            }

            i = end + 1;
        }
    }

    private IEnumerable<TemplateResource> OfType(string type) =>
        Resources.Values.Where(r => string.Equals(r.Type, type, StringComparison.Ordinal));

    private IEnumerable<TemplateResource> OfType(TemplateStack stack, string type) =>
        OfType(type).Where(r => string.Equals(r.Stack, stack.Name, StringComparison.Ordinal));

    private TemplateFunction ParseFunction(TemplateStack stack, TemplateResource resource)
    {
        var properties = resource.Properties;
        var environment = new Dictionary<string, TemplateValue>(StringComparer.Ordinal);
        foreach (var (key, value) in Entries(properties["Environment"]?["Variables"]))
        {
            environment[key] = TemplateValue.FromJson(value);
        }

        var routes = new List<TemplateHttpRoute>();
        var subscriptions = new List<TemplateQueueSubscription>();
        var schedules = new List<TemplateSchedule>();
        var streams = new List<TemplateStreamSubscription>();
        foreach (var (eventName, eventNode) in Entries(properties["Events"]))
        {
            if (eventNode is not JsonObject eventBody)
            {
                continue;
            }

            var type = Text(eventBody["Type"]);
            var eventProperties = eventBody["Properties"] as JsonObject ?? [];
            switch (type)
            {
                case "HttpApi":
                    routes.Add(ParseHttpApiEvent(stack, eventName, eventProperties));
                    break;
                case "SQS":
                    subscriptions.Add(ParseQueueSubscription(resource.LogicalId, eventName, eventProperties));
                    break;
                case "Schedule":
                case "ScheduleV2":
                    schedules.Add(ParseSchedule(eventName, type, eventProperties));
                    break;
                case "DynamoDB":
                    streams.Add(ParseStreamSubscription(resource.LogicalId, eventName, eventProperties));
                    break;
                default:
                    break;
            }
        }

        routes.AddRange(RoutesTargeting(stack, resource.LogicalId));
        return new TemplateFunction(resource.LogicalId, Text(properties["Handler"]) ?? string.Empty, environment, routes, subscriptions, schedules)
        {
            TimeoutSeconds = Int(properties["Timeout"]) ?? 3,
            MemorySize = Int(properties["MemorySize"]) ?? 128,
            CodeUri = Text(properties["CodeUri"]),
            Stack = stack.Name,
            Area = stack.Area,
            StreamSubscriptions = streams,
        };
    }

    private TemplateHttpRoute ParseHttpApiEvent(TemplateStack stack, string eventName, JsonObject properties)
    {
        var method = (Text(properties["Method"]) ?? "ANY").ToUpperInvariant();
        var path = Text(properties["Path"]) ?? "$default";
        var apiLogicalId = RefName(properties["ApiId"]);

        JsonNode? apiAuth = null;
        if (apiLogicalId is not null && Resources.TryGetValue(apiLogicalId, out var api))
        {
            apiAuth = api.Properties["Auth"];
        }

        apiAuth ??= stack.Expanded["Globals"]?["HttpApi"]?["Auth"];
        var authorizer = Text(properties["Auth"]?["Authorizer"]) ?? Text(apiAuth?["DefaultAuthorizer"]);
        var required = authorizer is not null && !string.Equals(authorizer, "NONE", StringComparison.Ordinal);
        return new TemplateHttpRoute(method, path, required)
        {
            EventName = eventName,
            Authorizer = required ? authorizer : null,
            ApiLogicalId = apiLogicalId,
        };
    }

    /// <summary>The AWS::ApiGatewayV2::Route resources of the stack whose integration invokes the function.</summary>
    private IEnumerable<TemplateHttpRoute> RoutesTargeting(TemplateStack stack, string functionId)
    {
        foreach (var route in OfType(stack, "AWS::ApiGatewayV2::Route"))
        {
            var integrationId = IntegrationOf(route.Properties["Target"]);
            if (integrationId is null
                || !Resources.TryGetValue(integrationId, out var integration)
                || !string.Equals(FunctionOf(integration.Properties["IntegrationUri"]), functionId, StringComparison.Ordinal))
            {
                continue;
            }

            var routeKey = Text(route.Properties["RouteKey"])
                ?? throw new FormatException($"{route.LogicalId}: RouteKey must be a literal \"METHOD /path\" (after Fn::FindInMap).");
            var space = routeKey.IndexOf(' ', StringComparison.Ordinal);
            var (method, path) = space > 0 ? (routeKey[..space].ToUpperInvariant(), routeKey[(space + 1)..]) : ("ANY", routeKey);
            var authorization = Text(route.Properties["AuthorizationType"]) ?? "NONE";
            var required = !string.Equals(authorization, "NONE", StringComparison.Ordinal);
            yield return new TemplateHttpRoute(method, path, required)
            {
                EventName = route.LogicalId,
                Authorizer = required ? RefName(route.Properties["AuthorizerId"]) ?? authorization : null,
                ApiLogicalId = RefName(route.Properties["ApiId"]),
            };
        }
    }

    /// <summary><c>integrations/${X}</c> (Sub) or <c>Join ["/", [integrations, Ref X]]</c> → X.</summary>
    private static string? IntegrationOf(JsonNode? target)
    {
        if (target?["Fn::Join"] is JsonArray { Count: 2 } join && join[1] is JsonArray { Count: 2 } parts && Text(parts[0]) == "integrations")
        {
            return RefName(parts[1]);
        }

        var sub = Text(target?["Fn::Sub"]) ?? Text(target?["Fn::Sub"]?[0]);
        return sub is not null && sub.StartsWith("integrations/${", StringComparison.Ordinal) && sub.EndsWith('}')
            ? sub["integrations/${".Length..^1]
            : null;
    }

    /// <summary><c>GetAtt F.Arn</c>, <c>Ref F</c>, or a Sub of the invocation ARN naming <c>${F.Arn}</c> → F.</summary>
    private static string? FunctionOf(JsonNode? uri)
    {
        if (uri?["Fn::GetAtt"] is JsonArray { Count: 2 } getAtt && Text(getAtt[1]) == "Arn")
        {
            return Text(getAtt[0]);
        }

        if (RefName(uri) is { } reference)
        {
            return reference;
        }

        var sub = Text(uri?["Fn::Sub"]) ?? Text(uri?["Fn::Sub"]?[0]);
        var at = sub?.IndexOf(".Arn}", StringComparison.Ordinal) ?? -1;
        if (sub is null || at < 0)
        {
            return null;
        }

        var start = sub.LastIndexOf("${", at, StringComparison.Ordinal);
        return start < 0 ? null : sub[(start + 2)..at];
    }

    private static TemplateQueueSubscription ParseQueueSubscription(string functionId, string eventName, JsonObject properties)
    {
        var queue = TemplateValue.FromJson(properties["Queue"] ?? throw new FormatException($"{functionId}.Events.{eventName} (SQS) has no Queue.")) switch
        {
            TemplateGetAtt getAtt => getAtt.LogicalId,
            TemplateRef reference => reference.Name,
            TemplateLiteral literal => literal.Value,
            var other => throw new FormatException($"{functionId}.Events.{eventName}: Queue {other} is not !GetAtt Queue.Arn."),
        };
        var responseTypes = (properties["FunctionResponseTypes"] as JsonArray ?? []).Select(Text);
        return new TemplateQueueSubscription(queue, Int(properties["BatchSize"]) ?? 10, responseTypes.Contains("ReportBatchItemFailures", StringComparer.Ordinal))
        {
            EventName = eventName,
            MaximumBatchingWindowInSeconds = Int(properties["MaximumBatchingWindowInSeconds"]) ?? 0,
            Enabled = Bool(properties["Enabled"]) ?? true,
        };
    }

    private static TemplateStreamSubscription ParseStreamSubscription(string functionId, string eventName, JsonObject properties)
    {
        var table = TemplateValue.FromJson(properties["Stream"] ?? throw new FormatException($"{functionId}.Events.{eventName} (DynamoDB) has no Stream.")) switch
        {
            TemplateGetAtt { Attribute: "StreamArn" or "LatestStreamArn" } getAtt => getAtt.LogicalId,
            var other => throw new FormatException($"{functionId}.Events.{eventName}: Stream {other} is not !GetAtt Table.StreamArn (or an area parameter the root passes it as)."),
        };
        var responseTypes = (properties["FunctionResponseTypes"] as JsonArray ?? []).Select(Text);
        var patterns = Objects(properties["FilterCriteria"]?["Filters"])
            .Select(f => f["Pattern"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : f["Pattern"]?.ToJsonString())
            .OfType<string>()
            .ToList();
        var onFailure = properties["DestinationConfig"]?["OnFailure"]?["Destination"];
        return new TemplateStreamSubscription(
            table,
            Text(properties["StartingPosition"]) ?? "LATEST",
            Int(properties["BatchSize"]) ?? 100,
            responseTypes.Contains("ReportBatchItemFailures", StringComparer.Ordinal))
        {
            EventName = eventName,
            Enabled = Bool(properties["Enabled"]) ?? true,
            MaximumRetryAttempts = Int(properties["MaximumRetryAttempts"]) is { } retries and >= 0 ? retries : null,
            BisectBatchOnFunctionError = Bool(properties["BisectBatchOnFunctionError"]) ?? false,
            FilterPatterns = patterns,
            OnFailureDestination = onFailure is null ? null : TemplateValue.FromJson(onFailure),
        };
    }

    private static TemplateTopic ParseTopic(TemplateResource resource) =>
        new(resource.LogicalId, Bool(resource.Properties["FifoTopic"]) ?? false)
        {
            ContentBasedDeduplication = Bool(resource.Properties["ContentBasedDeduplication"]) ?? false,
        };

    private TemplateTopicSubscription ParseTopicSubscription(TemplateResource resource)
    {
        var properties = resource.Properties;
        var topic = TemplateValue.FromJson(properties["TopicArn"]) switch
        {
            TemplateRef reference when Resources.TryGetValue(reference.Name, out var r) && r.Type == "AWS::SNS::Topic" => reference.Name,
            _ => null,
        };
        var endpoint = TemplateValue.FromJson(properties["Endpoint"]);
        var protocol = Text(properties["Protocol"]) ?? string.Empty;
        var queue = protocol == "sqs" && endpoint is TemplateGetAtt { Attribute: "Arn" } getAtt
            && Resources.TryGetValue(getAtt.LogicalId, out var q) && q.Type == "AWS::SQS::Queue"
                ? getAtt.LogicalId
                : null;
        var filterPolicy = properties["FilterPolicy"] switch
        {
            null => null,
            JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
            var json => json.ToJsonString(),
        };
        return new TemplateTopicSubscription(resource.LogicalId, topic, protocol, endpoint)
        {
            QueueLogicalId = queue,
            RawMessageDelivery = Bool(properties["RawMessageDelivery"]) ?? false,
            FilterPolicy = filterPolicy,
            FilterPolicyScope = Text(properties["FilterPolicyScope"]),
            Condition = resource.Condition,
            Stack = resource.Stack,
        };
    }

    private static TemplateSchedule ParseSchedule(string eventName, string type, JsonObject properties)
    {
        var expression = type == "ScheduleV2" ? Text(properties["ScheduleExpression"]) : Text(properties["Schedule"]);
        var enabled = Bool(properties["Enabled"]);
        if (Text(properties["State"]) is { } state)
        {
            enabled = string.Equals(state, "ENABLED", StringComparison.OrdinalIgnoreCase);
        }

        return new TemplateSchedule(expression ?? string.Empty, enabled ?? true)
        {
            EventName = eventName,
            Input = Text(properties["Input"]),
            Description = Text(properties["Description"]),
        };
    }

    private static TemplateTable ParseTable(TemplateResource resource)
    {
        var properties = resource.Properties;
        var attributes = Objects(properties["AttributeDefinitions"])
            .Select(m => new TemplateAttributeDefinition(Text(m["AttributeName"]) ?? string.Empty, Text(m["AttributeType"]) ?? "S"))
            .ToList();
        var ttl = properties["TimeToLiveSpecification"];
        var ttlAttribute = ttl is not null && (Bool(ttl["Enabled"]) ?? false) ? Text(ttl["AttributeName"]) : null;
        return new TemplateTable(
            resource.LogicalId,
            Keys(properties),
            attributes,
            Objects(properties["GlobalSecondaryIndexes"]).Select(ParseIndex).ToList(),
            ttlAttribute,
            Text(properties["StreamSpecification"]?["StreamViewType"]))
        {
            LocalSecondaryIndexes = Objects(properties["LocalSecondaryIndexes"]).Select(ParseIndex).ToList(),
            BillingMode = Text(properties["BillingMode"]) ?? "PROVISIONED",
        };
    }

    private static TemplateIndex ParseIndex(JsonObject index)
    {
        var projection = index["Projection"];
        var nonKey = (projection?["NonKeyAttributes"] as JsonArray ?? []).Select(Text).OfType<string>().ToList();
        return new TemplateIndex(Text(index["IndexName"]) ?? string.Empty, Keys(index), Text(projection?["ProjectionType"]) ?? "ALL", nonKey);
    }

    private static List<TemplateKey> Keys(JsonObject owner) =>
        Objects(owner["KeySchema"]).Select(k => new TemplateKey(Text(k["AttributeName"]) ?? string.Empty, Text(k["KeyType"]) ?? "HASH")).ToList();

    private static TemplateQueue ParseQueue(TemplateResource resource)
    {
        var properties = resource.Properties;
        string? redriveTarget = null;
        int? maxReceiveCount = null;
        var redrive = properties["RedrivePolicy"];
        if (redrive is JsonValue json && json.TryGetValue<string>(out var text))
        {
            redrive = JsonNode.Parse(text);
        }

        if (redrive is JsonObject redriveMap)
        {
            redriveTarget = TemplateValue.FromJson(redriveMap["deadLetterTargetArn"]) switch
            {
                TemplateGetAtt getAtt => getAtt.LogicalId,
                TemplateRef reference => reference.Name,
                var other => other.Literal,
            };
            maxReceiveCount = Int(redriveMap["maxReceiveCount"]);
        }

        return new TemplateQueue(resource.LogicalId, Bool(properties["FifoQueue"]) ?? false, Int(properties["VisibilityTimeout"]) ?? 30, redriveTarget, maxReceiveCount)
        {
            ContentBasedDeduplication = Bool(properties["ContentBasedDeduplication"]) ?? false,
            MessageRetentionPeriod = Int(properties["MessageRetentionPeriod"]),
            DelaySeconds = Int(properties["DelaySeconds"]),
            ReceiveMessageWaitTimeSeconds = Int(properties["ReceiveMessageWaitTimeSeconds"]),
        };
    }

    private static TemplateBucket ParseBucket(TemplateResource resource)
    {
        var rules = Objects(resource.Properties["CorsConfiguration"]?["CorsRules"]).Select(rule => new TemplateCorsRule(
            (rule["AllowedOrigins"] as JsonArray ?? []).Select(TemplateValue.FromJson).ToList(),
            Strings(rule["AllowedMethods"]),
            Strings(rule["AllowedHeaders"]),
            Strings(rule["ExposedHeaders"]),
            Int(rule["MaxAge"]))).ToList();
        return new TemplateBucket(resource.LogicalId) { CorsRules = rules };
    }

    private TemplateUserPool? ParseUserPool()
    {
        var pool = OfType("AWS::Cognito::UserPool").FirstOrDefault();
        if (pool is null)
        {
            return null;
        }

        bool BelongsToPool(TemplateResource r) => string.Equals(RefName(r.Properties["UserPoolId"]), pool.LogicalId, StringComparison.Ordinal);

        var client = OfType("AWS::Cognito::UserPoolClient").FirstOrDefault(BelongsToPool);
        var groups = OfType("AWS::Cognito::UserPoolGroup").Where(BelongsToPool)
            .Select(g => new TemplateUserPoolGroup(g.LogicalId, Text(g.Properties["GroupName"]) ?? g.LogicalId, Text(g.Properties["Description"])))
            .ToList();

        var clientSettings = new JsonObject();
        if (client is not null)
        {
            foreach (var key in new[] { "AccessTokenValidity", "IdTokenValidity", "RefreshTokenValidity" })
            {
                if (Int(client.Properties[key]) is { } validity)
                {
                    clientSettings[key] = validity;
                }
            }

            if (client.Properties["TokenValidityUnits"] is JsonObject units)
            {
                clientSettings["TokenValidityUnits"] = units.DeepClone();
            }
        }

        return new TemplateUserPool(pool.LogicalId, client?.LogicalId, groups.Select(g => g.GroupName).ToList())
        {
            Groups = groups,
            UsernameAttributes = Strings(pool.Properties["UsernameAttributes"]),
            AutoVerifiedAttributes = Strings(pool.Properties["AutoVerifiedAttributes"]),
            Policies = pool.Properties["Policies"]?.DeepClone() as JsonObject,
            ExplicitAuthFlows = client is null ? [] : Strings(client.Properties["ExplicitAuthFlows"]),
            ClientSettings = clientSettings,
        };
    }

    private static TemplateParameter ParseParameter(string name, JsonObject body) => new(
        name,
        Text(body["Type"]) ?? "String",
        body["Default"] is JsonValue d ? (d.GetValueKind() == JsonValueKind.String ? d.GetValue<string>() : d.ToJsonString()) : null,
        (body["AllowedValues"] as JsonArray ?? []).Select(v => v is JsonValue x && x.GetValueKind() == JsonValueKind.String ? x.GetValue<string>() : v?.ToJsonString() ?? string.Empty).ToList());

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Entries(JsonNode? mapping) =>
        mapping as JsonObject ?? Enumerable.Empty<KeyValuePair<string, JsonNode?>>();

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => (node as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>A literal string (or number/boolean, as text); null when absent or an intrinsic.</summary>
    private static string? Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;

    private static string? RefName(JsonNode? node) => node is JsonObject { Count: 1 } obj ? Text(obj["Ref"]) : null;

    private static List<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(Text).OfType<string>().ToList();

    private static int? Int(JsonNode? node) =>
        int.TryParse(Text(node), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool? Bool(JsonNode? node) => Text(node) switch
    {
        { } t when string.Equals(t, "true", StringComparison.OrdinalIgnoreCase) => true,
        { } t when string.Equals(t, "false", StringComparison.OrdinalIgnoreCase) => false,
        _ => null,
    };
}

/// <summary>One template file of the platform: the root template.yaml, or a nested stack such as an area's.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a CloudFormation stack.")]
public sealed class TemplateStack
{
    /// <summary>The root stack's name.</summary>
    public const string RootName = "Root";

    internal TemplateStack(string name, string path, TemplateStack? parent, JsonObject source, JsonObject expanded, JsonObject resolved)
    {
        Name = name;
        Path = path;
        Parent = parent;
        Source = source;
        Expanded = expanded;
        Resolved = resolved;
        var folder = System.IO.Path.GetDirectoryName(path);
        Area = parent is not null
            && string.Equals(System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(folder)), "functions", StringComparison.Ordinal)
                ? System.IO.Path.GetFileName(folder)
                : null;
    }

    /// <summary><see cref="RootName"/>, or the logical id of the nested stack resource in its parent (e.g. EventsArea).</summary>
    public string Name { get; }

    /// <summary>The template file.</summary>
    public string Path { get; }

    /// <summary>The stack that declares this one; null for the root.</summary>
    public TemplateStack? Parent { get; }

    /// <summary>The area this stack holds (its template is functions/&lt;Area&gt;/template.yaml), or null.</summary>
    public string? Area { get; }

    /// <summary>The template as written (read into its JSON form).</summary>
    public JsonObject Source { get; }

    /// <summary>The template with the language extensions applied: what the SAM transform receives.</summary>
    public JsonObject Expanded { get; }

    /// <summary><see cref="Expanded"/> with Globals merged into each function and the parameters replaced by what the parent passes.</summary>
    public JsonObject Resolved { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Path})";
}
