using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BitcoinEvents.LocalAws;

namespace Template.Tests.Support;

/// <summary>
/// The checks template.yaml must pass, each a pure function of the template returning one sentence
/// per problem (empty when the template is right), so the tests can run them on the real template
/// and on mutated copies of it.
/// </summary>
internal static partial class TemplateRules
{
    private static readonly string[] s_tableTypes = ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable"];

    // Attributes of a table that name a stream, not the table's items.
    private static readonly string[] s_streamAttributes = ["StreamArn", "LatestStreamArn", "LatestStreamLabel"];

    // What reading a table's stream takes (the event source mapping's, on the function's role): grants on the stream, not on the items.
    private static readonly string[] s_streamReadActions = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"];

    // -------------------------------------------------------------- structure and references

    /// <summary>The template is a SAM template with resources, and every resource has a Type.</summary>
    public static IReadOnlyList<string> Structure(TemplateDocument template)
    {
        var problems = new List<string>();
        if (template.Root["AWSTemplateFormatVersion"]?.GetValueKind() != JsonValueKind.String
            || template.Root["AWSTemplateFormatVersion"]!.GetValue<string>() != "2010-09-09")
        {
            problems.Add("AWSTemplateFormatVersion must be the string \"2010-09-09\".");
        }

        var transforms = template.Root["Transform"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var t) => [t],
            JsonArray a => a.Select(x => x?.ToString() ?? string.Empty).ToArray(),
            _ => Array.Empty<string>(),
        };
        if (!transforms.Contains("AWS::Serverless-2016-10-31"))
        {
            problems.Add("Transform must include AWS::Serverless-2016-10-31.");
        }

        var usesForEach = template.Root.Where(section => section.Value is JsonObject o && o.Any(kv => kv.Key.StartsWith("Fn::ForEach::", StringComparison.Ordinal))).Any();
        if (usesForEach && (transforms.Length < 2 || transforms[0] != "AWS::LanguageExtensions"))
        {
            problems.Add("A template with Fn::ForEach must list AWS::LanguageExtensions first in Transform (before the SAM transform).");
        }

        if (template.Resources.Count == 0)
        {
            problems.Add("The template has no Resources.");
        }

        foreach (var (id, resource) in template.Resources)
        {
            if (id.StartsWith("Fn::ForEach::", StringComparison.Ordinal))
            {
                continue;
            }

            if (resource?["Type"]?.GetValueKind() != JsonValueKind.String)
            {
                problems.Add($"Resource {id} has no Type.");
            }
        }

        return problems;
    }

    /// <summary>Every Ref, GetAtt and Sub variable names a parameter, a resource or a pseudo parameter; every condition exists.</summary>
    public static IReadOnlyList<string> UnresolvedReferences(TemplateDocument template)
    {
        var problems = new List<string>();
        foreach (var section in new[] { "Globals", "Resources", "Outputs", "Conditions" })
        {
            foreach (var reference in TemplateDocument.ReferencesIn(template.Root[section]))
            {
                var known = template.Resources.ContainsKey(reference.Name)
                    || IsSamGenerated(template, reference.Name)
                    || (reference.Attribute is null && (template.Parameters.ContainsKey(reference.Name) || TemplateDocument.PseudoParameters.Contains(reference.Name)));
                if (!known)
                {
                    problems.Add($"{section}: reference to '{reference.Name}{(reference.Attribute is null ? "" : "." + reference.Attribute)}', which is not a resource or parameter of the template.");
                }
            }
        }

        foreach (var (id, resource) in template.Resources)
        {
            if (resource?["Condition"] is JsonValue c && c.TryGetValue<string>(out var condition) && !template.Conditions.ContainsKey(condition))
            {
                problems.Add($"Resource {id} uses condition '{condition}', which is not declared under Conditions.");
            }
        }

        foreach (var condition in ConditionNames(template.Root["Resources"]).Concat(ConditionNames(template.Root["Outputs"])))
        {
            if (!template.Conditions.ContainsKey(condition))
            {
                problems.Add($"Fn::If names condition '{condition}', which is not declared under Conditions.");
            }
        }

        return problems;
    }

    // -------------------------------------------------------------- IAM

    /// <summary>No Allow statement anywhere grants Action "*" or "service:*", NotAction, or Resource "*".</summary>
    public static IReadOnlyList<string> BroadIamGrants(TemplateDocument template)
    {
        var problems = new List<string>();
        foreach (var (id, resource) in template.Resources)
        {
            var isKey = resource?["Type"]?.GetValue<string>() == KmsKeyType;
            foreach (var statement in Statements(resource))
            {
                var effect = statement["Effect"] is JsonValue e && e.TryGetValue<string>(out var ef) ? ef : "Allow";
                if (effect != "Allow")
                {
                    continue;
                }

                foreach (var action in Strings(statement["Action"]))
                {
                    if (action == "*" || ServiceWildcard().IsMatch(action))
                    {
                        problems.Add($"{id}: a policy statement allows action '{action}'; list the actions the function needs.");
                    }
                }

                if (statement.ContainsKey("NotAction"))
                {
                    problems.Add($"{id}: a policy statement allows NotAction (everything but a list); list the actions the function needs.");
                }

                if (statement.ContainsKey("NotResource"))
                {
                    problems.Add($"{id}: a policy statement allows NotResource; name the resources.");
                }

                // In a key policy, Resource "*" is the key itself (the only value KMS accepts there);
                // who it lets in is KmsKeys' rule.
                foreach (var target in isKey ? [] : ResourceValues(statement["Resource"]))
                {
                    if (target == "*")
                    {
                        problems.Add($"{id}: a policy statement allows Resource '*'; name the resources.");
                    }
                }
            }

            if (resource?["Type"]?.GetValue<string>() == "AWS::Serverless::Function")
            {
                foreach (var managed in PolicyEntries(resource["Properties"]?["Policies"]).OfType<JsonValue>())
                {
                    var name = managed.ToString();
                    if (BroadManagedPolicy().IsMatch(name))
                    {
                        problems.Add($"{id}: managed policy '{name}' grants far more than one operation needs.");
                    }
                }
            }
        }

        return problems;
    }

    // -------------------------------------------------------------- KMS keys

    private const string KmsKeyType = "AWS::KMS::Key";

    // What a function may do with a key: use it. Administering it (policy, deletion, aliases) is the deployer's.
    private static readonly string[] s_kmsUseActions = ["kms:Sign", "kms:Verify", "kms:GetPublicKey", "kms:DescribeKey"];

    /// <summary>
    /// Least privilege on KMS keys: a key's policy lets in this account only (its root, which
    /// delegates to IAM), never a wildcard or another principal; a function's policy names exactly
    /// the keys its environment names, grants only using them, and <c>kms:Sign</c> only with the
    /// signing algorithm and message type pinned (<c>kms:SigningAlgorithm</c>, <c>kms:MessageType</c>).
    /// </summary>
    public static IReadOnlyList<string> KmsKeys(TemplateDocument template)
    {
        var problems = new List<string>();
        var keys = template.ResourcesOfType(KmsKeyType).Select(k => k.LogicalId).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, key) in template.ResourcesOfType(KmsKeyType))
        {
            foreach (var statement in Statements(key["Properties"]?["KeyPolicy"]).Where(st => (st["Effect"]?.ToString() ?? "Allow") == "Allow"))
            {
                var principal = statement["Principal"];
                var root = principal is JsonObject p && p.Count == 1 && p["AWS"] is JsonObject aws && aws["Fn::Sub"] is JsonValue sub
                    && sub.TryGetValue<string>(out var text) && text is "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" or "arn:aws:iam::${AWS::AccountId}:root";
                if (!root)
                {
                    problems.Add($"{id}: its key policy lets in {principal?.ToJsonString() ?? "nobody named"}; let in only this account's root (arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:root), and grant functions through their own policies.");
                }
            }
        }

        foreach (var function in template.Functions)
        {
            var inEnvironment = function.Environment.Values.SelectMany(TemplateDocument.ReferencesIn).Select(r => r.Name).Where(keys.Contains).ToHashSet(StringComparer.Ordinal);
            var inPolicy = new HashSet<string>(StringComparer.Ordinal);
            foreach (var statement in Statements(function.Resource["Properties"]?["Policies"]).Where(st => (st["Effect"]?.ToString() ?? "Allow") == "Allow"))
            {
                var actions = Strings(statement["Action"]).Where(a => a.StartsWith("kms:", StringComparison.OrdinalIgnoreCase)).ToList();
                var named = TemplateDocument.ReferencesIn(statement["Resource"]).Select(r => r.Name).Where(keys.Contains).ToList();
                if (actions.Count == 0)
                {
                    continue;
                }

                if (named.Count == 0)
                {
                    problems.Add($"{function.LogicalId}: grants {string.Join(", ", actions)} on no key of the template; name the key.");
                }

                inPolicy.UnionWith(named);
                foreach (var action in actions.Where(a => !s_kmsUseActions.Contains(a, StringComparer.Ordinal)))
                {
                    problems.Add($"{function.LogicalId}: grants {action}; a function only uses a key ({string.Join(", ", s_kmsUseActions)}).");
                }

                if (actions.Contains("kms:Sign", StringComparer.Ordinal)
                    && (statement["Condition"]?["StringEquals"]?["kms:SigningAlgorithm"] is null || statement["Condition"]?["StringEquals"]?["kms:MessageType"] is null))
                {
                    problems.Add($"{function.LogicalId}: grants kms:Sign without pinning kms:SigningAlgorithm and kms:MessageType (StringEquals).");
                }
            }

            foreach (var key in inEnvironment.Except(inPolicy).Order(StringComparer.Ordinal))
            {
                problems.Add($"{function.LogicalId}: its environment names KMS key {key} but its policy grants nothing on it.");
            }

            foreach (var key in inPolicy.Except(inEnvironment).Order(StringComparer.Ordinal))
            {
                problems.Add($"{function.LogicalId}: its policy grants use of KMS key {key}, which its environment does not name.");
            }
        }

        return problems;
    }

    // -------------------------------------------------------------- build

    /// <summary>Every function is built by the Makefile: BuildMethod makefile, provided.al2023, CodeUri at the Makefile.</summary>
    public static IReadOnlyList<string> BuildMetadata(TemplateDocument template)
    {
        var problems = new List<string>();
        foreach (var function in template.Functions)
        {
            var buildMethod = function.Resource["Metadata"]?["BuildMethod"] is JsonValue b && b.TryGetValue<string>(out var m) ? m : null;
            if (buildMethod != "makefile")
            {
                problems.Add($"{function.LogicalId}: Metadata.BuildMethod must be 'makefile' (is '{buildMethod ?? "missing"}').");
            }

            var runtime = function.Properties["Runtime"] is JsonValue r && r.TryGetValue<string>(out var rt) ? rt : null;
            if (runtime != "provided.al2023")
            {
                problems.Add($"{function.LogicalId}: Runtime must be provided.al2023 (is '{runtime ?? "missing"}').");
            }

            var codeUri = function.Properties["CodeUri"] is JsonValue c && c.TryGetValue<string>(out var uri) ? uri : null;
            var folder = Path.GetDirectoryName(template.TemplateOf(function.LogicalId) ?? RepositoryPaths.TemplateFile)!;
            if (codeUri is null || !File.Exists(Path.Combine(folder, codeUri, "Makefile")))
            {
                problems.Add($"{function.LogicalId}: CodeUri '{codeUri ?? "missing"}' must be the folder holding its area's Makefile (./ beside the area's template.yaml).");
            }
        }

        return problems;
    }

    // -------------------------------------------------------------- logs and environment

    /// <summary>Every function logs to a log group of the template that sets RetentionInDays.</summary>
    public static IReadOnlyList<string> LogGroups(TemplateDocument template)
    {
        var problems = new List<string>();
        foreach (var function in template.Functions)
        {
            var logGroup = function.Properties["LoggingConfig"]?["LogGroup"];
            string? groupId = null;
            if (logGroup is JsonObject o && o["Ref"] is JsonValue r && r.TryGetValue<string>(out var id))
            {
                groupId = id;
            }
            else if (logGroup is null)
            {
                // Lambda's default group, declared explicitly: LogGroupName !Sub /aws/lambda/${Function}.
                groupId = template.ResourcesOfType("AWS::Logs::LogGroup")
                    .Where(g => g.Resource["Properties"]?["LogGroupName"] is JsonObject n
                        && n["Fn::Sub"] is JsonValue s && s.TryGetValue<string>(out var text)
                        && text == "/aws/lambda/${" + function.LogicalId + "}")
                    .Select(g => g.LogicalId)
                    .FirstOrDefault();
            }

            if (groupId is null)
            {
                problems.Add($"{function.LogicalId}: logs to no log group of the template (set LoggingConfig.LogGroup: !Ref <LogGroup>), so its logs never expire.");
                continue;
            }

            if (template.TypeOf(groupId) != "AWS::Logs::LogGroup")
            {
                problems.Add($"{function.LogicalId}: LoggingConfig.LogGroup refers to {groupId}, which is not an AWS::Logs::LogGroup.");
                continue;
            }

            if (template.Resources[groupId]?["Properties"]?["RetentionInDays"] is null)
            {
                problems.Add($"{function.LogicalId}: its log group {groupId} has no RetentionInDays.");
            }
        }

        return problems;
    }

    /// <summary>Every environment variable of every function refers only to resources and parameters that exist.</summary>
    public static IReadOnlyList<string> EnvironmentReferences(TemplateDocument template)
    {
        var problems = new List<string>();
        foreach (var function in template.Functions)
        {
            foreach (var (name, value) in function.Environment)
            {
                foreach (var reference in TemplateDocument.ReferencesIn(value))
                {
                    var exists = reference.Attribute is null
                        ? template.Resources.ContainsKey(reference.Name) || template.Parameters.ContainsKey(reference.Name) || TemplateDocument.PseudoParameters.Contains(reference.Name)
                        : template.Resources.ContainsKey(reference.Name);
                    if (!exists)
                    {
                        problems.Add($"{function.LogicalId}: environment variable {name} refers to '{reference.Name}', which is not in the template.");
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// Least privilege on tables: every table a function's environment names is covered by a
    /// statement of its policy, and its policy names no table its environment does not.
    /// </summary>
    public static IReadOnlyList<string> TableCoverage(TemplateDocument template)
    {
        var problems = new List<string>();
        var tables = s_tableTypes.SelectMany(template.ResourcesOfType).Select(t => t.LogicalId).ToHashSet(StringComparer.Ordinal);
        foreach (var function in template.Functions)
        {
            var inEnvironment = function.Environment.Values
                .SelectMany(TemplateDocument.ReferencesIn)
                .Where(r => tables.Contains(r.Name))
                .Select(r => r.Name)
                .ToHashSet(StringComparer.Ordinal);

            var inPolicy = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in PolicyEntries(function.Resource["Properties"]?["Policies"]))
            {
                if (entry is JsonObject doc && doc.ContainsKey("Statement"))
                {
                    foreach (var statement in StatementsOf(doc).Where(s => (s["Effect"]?.ToString() ?? "Allow") == "Allow"))
                    {
                        if (Strings(statement["Action"]).All(s_streamReadActions.Contains))
                        {
                            continue;
                        }

                        foreach (var reference in TemplateDocument.ReferencesIn(statement["Resource"]))
                        {
                            if (tables.Contains(reference.Name) && !s_streamAttributes.Contains(reference.Attribute))
                            {
                                inPolicy.Add(reference.Name);
                            }
                        }
                    }
                }
                else if (entry is JsonObject policyTemplate)
                {
                    // SAM policy templates, e.g. DynamoDBReadPolicy: { TableName: !Ref Table }.
                    foreach (var reference in TemplateDocument.ReferencesIn(policyTemplate))
                    {
                        if (tables.Contains(reference.Name))
                        {
                            inPolicy.Add(reference.Name);
                        }
                    }
                }
            }

            foreach (var table in inEnvironment.Except(inPolicy).Order(StringComparer.Ordinal))
            {
                problems.Add($"{function.LogicalId}: its environment names table {table} but its policy grants nothing on it.");
            }

            foreach (var table in inPolicy.Except(inEnvironment).Order(StringComparer.Ordinal))
            {
                problems.Add($"{function.LogicalId}: its policy grants access to table {table}, which its environment does not name.");
            }
        }

        return problems;
    }

    // -------------------------------------------------------------- routes and areas

    /// <summary>
    /// Every function has a trigger (one HTTP route, or queue/schedule events), and every route
    /// through an AWS::ApiGatewayV2::Route has its integration and API Gateway's permission to
    /// invoke the function.
    /// </summary>
    public static IReadOnlyList<string> Triggers(SamTemplate model, TemplateDocument template)
    {
        var problems = new List<string>();
        foreach (var function in model.Functions)
        {
            var triggers = function.HttpRoutes.Count + function.QueueSubscriptions.Count + function.Schedules.Count + function.StreamSubscriptions.Count;
            if (triggers == 0)
            {
                problems.Add($"{function.LogicalId}: nothing invokes it (no route, queue, stream or schedule); list its operation in its area's routes, or give it an event.");
            }

            if (function.HttpRoutes.Count > 1)
            {
                problems.Add($"{function.LogicalId}: serves {function.HttpRoutes.Count} routes; an operation is one route.");
            }

            if (function.HttpRoutes.Any(r => r.EventName.EndsWith("Route", StringComparison.Ordinal))
                && !template.ResourcesOfType("AWS::Lambda::Permission").Any(p =>
                    p.Resource["Properties"]?["FunctionName"]?["Ref"]?.GetValue<string>() == function.LogicalId
                    && p.Resource["Properties"]?["Principal"]?.GetValue<string>() == "apigateway.amazonaws.com"))
            {
                problems.Add($"{function.LogicalId}: has a route but no AWS::Lambda::Permission lets API Gateway invoke it.");
            }
        }

        return problems;
    }

    /// <summary>
    /// Every DynamoDB stream consumer reports partial batch failures (else one bad record replays
    /// the whole batch), bounds its retries, bisects a failing batch and has an on-failure
    /// destination (else a poison record blocks its shard until the record expires, 24 hours).
    /// </summary>
    public static IReadOnlyList<string> StreamConsumers(SamTemplate model)
    {
        var problems = new List<string>();
        foreach (var function in model.Functions)
        {
            foreach (var stream in function.StreamSubscriptions)
            {
                var name = $"{function.LogicalId}.Events.{stream.EventName}";
                if (!stream.ReportBatchItemFailures)
                {
                    problems.Add($"{name}: set FunctionResponseTypes: [ReportBatchItemFailures] (the stream runner reports the failed record and every later one).");
                }

                if (stream.MaximumRetryAttempts is null)
                {
                    problems.Add($"{name}: set MaximumRetryAttempts: a record that always fails would otherwise block its shard for 24 hours.");
                }

                if (!stream.BisectBatchOnFunctionError)
                {
                    problems.Add($"{name}: set BisectBatchOnFunctionError: true, so a failing batch is narrowed down to the failing record.");
                }

                if (stream.OnFailureDestination is null)
                {
                    problems.Add($"{name}: set DestinationConfig.OnFailure.Destination (a queue), so what is given up on is recorded.");
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// Every SNS subscription of a queue (how an area consumes domain events): raw delivery (the
    /// body is the envelope), a filter policy (an area receives only what it handles), a queue with
    /// a DLQ, and a queue policy that lets that topic, and only it, send to the queue.
    /// </summary>
    public static IReadOnlyList<string> QueueSubscriptions(SamTemplate model)
    {
        var problems = new List<string>();
        foreach (var subscription in model.TopicSubscriptions.Where(s => s.Protocol == "sqs"))
        {
            var name = subscription.LogicalId;
            if (subscription.QueueLogicalId is not { } queueId)
            {
                problems.Add($"{name}: Endpoint must be !GetAtt <Queue>.Arn of a queue of the area.");
                continue;
            }

            if (!subscription.RawMessageDelivery)
            {
                problems.Add($"{name}: set RawMessageDelivery: true (consumers read the envelope as the message body).");
            }

            if (subscription.FilterPolicy is null)
            {
                problems.Add($"{name}: set a FilterPolicy on type (and version): an area receives only the events it handles.");
            }

            if (model.Queues.FirstOrDefault(q => q.LogicalId == queueId)?.RedriveTarget is null)
            {
                problems.Add($"{name}: queue {queueId} has no RedrivePolicy to a DLQ.");
            }

            var allowed = model.Resources.Values.Where(r => r.Type == "AWS::SQS::QueuePolicy").Any(policy =>
                (policy.Properties["Queues"] as JsonArray ?? []).Any(q => q?["Ref"]?.GetValue<string>() == queueId)
                && StatementsOf(policy.Properties["PolicyDocument"] as JsonObject ?? []).Any(statement =>
                    (statement["Effect"]?.ToString() ?? "Allow") == "Allow"
                    && Strings(statement["Action"]).Contains("sqs:SendMessage")
                    && Strings(statement["Principal"]?["Service"]).Contains("sns.amazonaws.com")
                    && statement["Condition"]?["ArnEquals"]?["aws:SourceArn"] is not null));
            if (!allowed)
            {
                problems.Add($"{name}: no AWS::SQS::QueuePolicy on {queueId} allows sns.amazonaws.com sqs:SendMessage with an ArnEquals aws:SourceArn condition on the topic.");
            }
        }

        return problems;
    }

    /// <summary>
    /// Every area stack declares exactly the parameters its parent passes (CloudFormation refuses
    /// an undeclared one; an unpassed one without a default fails the deploy).
    /// </summary>
    public static IReadOnlyList<string> AreaParameters(SamTemplate model)
    {
        var problems = new List<string>();
        foreach (var stack in model.Stacks.Where(s => s.Parent is not null))
        {
            var passed = stack.Parent!.Expanded["Resources"]?[stack.Name]?["Properties"]?["Parameters"] as JsonObject ?? [];
            foreach (var (name, declaration) in stack.Expanded["Parameters"] as JsonObject ?? [])
            {
                if (!passed.ContainsKey(name) && declaration?["Default"] is null)
                {
                    problems.Add($"{stack.Name}: parameter {name} is declared without a default, but {stack.Parent.Name} does not pass it.");
                }
            }

            if (stack.Area is null)
            {
                problems.Add($"{stack.Name}: a nested stack of the platform is an area: its template must be functions/<Area>/template.yaml (is {stack.Path}).");
            }
        }

        return problems;
    }

    /// <summary>
    /// The resources CloudFormation creates for a stack once the SAM transform has expanded it
    /// (each function becomes its function, role, and one or two resources per event), by type.
    /// </summary>
    public static IReadOnlyDictionary<string, int> ExpandedResourceCounts(TemplateDocument stack)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Add(string type, int n = 1) => counts[type] = counts.GetValueOrDefault(type) + n;
        foreach (var (_, node) in stack.Resources)
        {
            var type = node?["Type"]?.GetValue<string>() ?? "";
            var properties = node?["Properties"];
            switch (type)
            {
                case "AWS::Serverless::Function":
                    Add("AWS::Lambda::Function");
                    if (properties?["Role"] is null)
                    {
                        Add("AWS::IAM::Role");
                    }

                    if (properties?["AutoPublishAlias"] is not null)
                    {
                        Add("AWS::Lambda::Version");
                        Add("AWS::Lambda::Alias");
                    }

                    if (properties?["FunctionUrlConfig"] is not null)
                    {
                        Add("AWS::Lambda::Url");
                        Add("AWS::Lambda::Permission");
                    }

                    foreach (var (_, e) in properties?["Events"] as JsonObject ?? [])
                    {
                        switch (e?["Type"]?.GetValue<string>())
                        {
                            case "Api" or "HttpApi" or "S3":
                                Add("AWS::Lambda::Permission");
                                break;
                            case "SQS" or "Kinesis" or "DynamoDB" or "MSK" or "MQ":
                                Add("AWS::Lambda::EventSourceMapping");
                                break;
                            case "Schedule" or "CloudWatchEvent" or "EventBridgeRule":
                                Add("AWS::Events::Rule");
                                Add("AWS::Lambda::Permission");
                                break;
                            case "ScheduleV2":
                                Add("AWS::Scheduler::Schedule");
                                Add("AWS::IAM::Role");
                                break;
                            case "SNS":
                                Add("AWS::SNS::Subscription");
                                Add("AWS::Lambda::Permission");
                                break;
                            default:
                                Add("(other event)");
                                break;
                        }
                    }

                    break;
                case "AWS::Serverless::Application":
                    Add("AWS::CloudFormation::Stack");
                    break;
                case "AWS::Serverless::HttpApi":
                    Add("AWS::ApiGatewayV2::Api");
                    Add("AWS::ApiGatewayV2::Stage");
                    break;
                case "AWS::Serverless::Api":
                    Add("AWS::ApiGateway::RestApi");
                    Add("AWS::ApiGateway::Deployment");
                    Add("AWS::ApiGateway::Stage");
                    break;
                default:
                    Add(type);
                    break;
            }
        }

        return counts;
    }

    // -------------------------------------------------------------- helpers

    /// <summary>Every IAM statement inside a resource: policy documents anywhere under it, and a function's Policies.</summary>
    private static IEnumerable<JsonObject> Statements(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["Statement"] is JsonNode && (obj.ContainsKey("Version") || obj["Statement"] is JsonArray || obj["Statement"] is JsonObject))
                {
                    foreach (var statement in StatementsOf(obj))
                    {
                        yield return statement;
                    }
                }

                foreach (var (key, value) in obj)
                {
                    if (key == "Statement")
                    {
                        continue;
                    }

                    foreach (var inner in Statements(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var inner in Statements(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static IEnumerable<JsonObject> StatementsOf(JsonObject policyDocument) => policyDocument["Statement"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject single => [single],
        _ => [],
    };

    private static IEnumerable<JsonNode> PolicyEntries(JsonNode? policies) => policies switch
    {
        JsonArray array => array.OfType<JsonNode>(),
        JsonNode single => [single],
        null => [],
    };

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonArray a => a.SelectMany(Strings),
        _ => [],
    };

    /// <summary>A statement's Resource values as text; a Sub counts by its template string.</summary>
    private static IEnumerable<string> ResourceValues(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonArray a => a.SelectMany(ResourceValues),
        JsonObject o when o["Fn::Sub"] is JsonValue sub && sub.TryGetValue<string>(out var text) => [text],
        JsonObject o when o["Fn::Sub"] is JsonArray { Count: > 0 } pair && pair[0] is JsonValue t && t.TryGetValue<string>(out var text2) => [text2],
        _ => [],
    };

    private static IEnumerable<string> ConditionNames(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.Count == 1 && obj["Fn::If"] is JsonArray { Count: 3 } args && args[0] is JsonValue c && c.TryGetValue<string>(out var name))
                {
                    yield return name;
                }

                foreach (var (_, value) in obj)
                {
                    foreach (var inner in ConditionNames(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var inner in ConditionNames(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    /// <summary>SAM creates a role named &lt;Function&gt;Role for a function without one.</summary>
    private static bool IsSamGenerated(TemplateDocument template, string name) =>
        name.EndsWith("Role", StringComparison.Ordinal)
        && template.TypeOf(name[..^"Role".Length]) == "AWS::Serverless::Function";

    [GeneratedRegex(@"^[A-Za-z0-9-]+:\*$")]
    private static partial Regex ServiceWildcard();

    [GeneratedRegex(@"(AdministratorAccess|PowerUserAccess|FullAccess)", RegexOptions.IgnoreCase)]
    private static partial Regex BroadManagedPolicy();

    /// <summary>Every function has an alarm on its own Lambda Errors metric that notifies someone.</summary>
    public static IReadOnlyList<string> ErrorAlarms(TemplateDocument template)
    {
        var alarmed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, alarm) in template.ResourcesOfType("AWS::CloudWatch::Alarm"))
        {
            var properties = alarm["Properties"];
            if (properties?["Namespace"]?.GetValue<string>() != "AWS/Lambda"
                || properties["MetricName"]?.GetValue<string>() != "Errors"
                || properties["AlarmActions"] is not JsonArray { Count: > 0 })
            {
                continue;
            }

            foreach (var dimension in properties["Dimensions"] as JsonArray ?? [])
            {
                if (dimension?["Name"]?.GetValue<string>() == "FunctionName"
                    && dimension["Value"]?["Ref"]?.GetValue<string>() is { } function)
                {
                    alarmed.Add(function);
                }
            }
        }

        return [.. template.Functions
            .Where(f => !alarmed.Contains(f.LogicalId))
            .Select(f => $"{f.LogicalId}: no alarm on its Errors metric with an action")];
    }
}
