using System.Collections.Concurrent;

namespace BitcoinEvents.LocalAws;

/// <summary>
/// The resources <see cref="LocalProvisioner"/> created, by logical id, and the resolution of
/// template values against them: <c>!Ref Table</c> → table name, <c>!Ref Queue</c> → queue URL,
/// <c>!GetAtt X.Arn</c> → a local ARN, <c>!Ref Bucket</c> → bucket name, <c>!Ref UserPool</c> →
/// pool id, <c>!Ref UserPoolClient</c> → client id, parameters → their defaults (or overrides).
/// </summary>
public sealed class LocalResources : ITemplateReferenceResolver
{
    private readonly LocalAwsServers _servers;
    private readonly ProvisionOptions _options;
    private readonly ConcurrentDictionary<string, string> _refs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string LogicalId, string Attribute), string> _attributes = new();
    private readonly ConcurrentDictionary<string, string> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _queueUrls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _queueArns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _corsApplied = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _topicArns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _subscriptionArns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool?> _conditionCache = new(StringComparer.Ordinal);

    internal LocalResources(LocalAwsServers servers, SamTemplate template, ProvisionOptions options)
    {
        _servers = servers;
        Template = template;
        _options = options;
    }

    /// <summary>The template provisioned.</summary>
    public SamTemplate Template { get; }

    /// <summary>The servers they live on.</summary>
    public LocalAwsServers Servers => _servers;

    /// <summary>The prefix of every physical name.</summary>
    public string Prefix => _options.Prefix;

    /// <summary>How long provisioning took.</summary>
    public TimeSpan ProvisionTime { get; internal set; }

    /// <summary>Table names by logical id.</summary>
    public IReadOnlyDictionary<string, string> TableNames => _tables;

    /// <summary>Queue URLs by logical id.</summary>
    public IReadOnlyDictionary<string, string> QueueUrls => _queueUrls;

    /// <summary>Queue ARNs by logical id.</summary>
    public IReadOnlyDictionary<string, string> QueueArns => _queueArns;

    /// <summary>Bucket names by logical id.</summary>
    public IReadOnlyDictionary<string, string> BucketNames => _buckets;

    /// <summary>SNS topic ARNs by logical id.</summary>
    public IReadOnlyDictionary<string, string> TopicArns => _topicArns;

    /// <summary>SNS subscription ARNs by logical id (the subscriptions provisioned: SQS endpoints on provisioned queues).</summary>
    public IReadOnlyDictionary<string, string> SubscriptionArns => _subscriptionArns;

    /// <summary>
    /// The JWK Set standing in for the template's KMS ticket signing key (<see cref="LocalTicketKeyStore"/>),
    /// given to every function as <c>TICKET_SIGNING_KEYS</c>; null when the template declares none.
    /// </summary>
    public string? TicketSigningKeys { get; internal set; }

    /// <summary>The Cognito pool id, when provisioned.</summary>
    public string? UserPoolId { get; private set; }

    /// <summary>The Cognito client id, when provisioned.</summary>
    public string? UserPoolClientId { get; private set; }

    /// <summary>The issuer of local tokens: <c>http://localhost:&lt;cognitoPort&gt;/&lt;poolId&gt;</c>.</summary>
    public string? AuthIssuer { get; private set; }

    /// <summary>The audience of local tokens (the client id; access tokens carry it as <c>client_id</c>, id tokens as <c>aud</c>).</summary>
    public string? AuthAudience => UserPoolClientId;

    /// <summary>The JWKS of local tokens: <c>&lt;issuer&gt;/.well-known/jwks.json</c>.</summary>
    public string? JwksUrl => AuthIssuer is null ? null : AuthIssuer + "/.well-known/jwks.json";

    /// <summary>The physical name of a resource: prefix + logical id.</summary>
    public string PhysicalName(string logicalId) => _options.Prefix + logicalId;

    /// <summary>The table name of a template table.</summary>
    public string TableName(string logicalId) => Lookup(_tables, logicalId, "table");

    /// <summary>The URL of a template queue.</summary>
    public string QueueUrl(string logicalId) => Lookup(_queueUrls, logicalId, "queue");

    /// <summary>The ARN of a template queue.</summary>
    public string QueueArn(string logicalId) => Lookup(_queueArns, logicalId, "queue");

    /// <summary>The ARN of a template topic.</summary>
    public string TopicArn(string logicalId) => Lookup(_topicArns, logicalId, "topic");

    /// <summary>The stream ARN of a template table that has a stream.</summary>
    public string TableStreamArn(string logicalId) =>
        _attributes.TryGetValue((logicalId, "StreamArn"), out var arn)
            ? arn
            : throw new KeyNotFoundException($"No provisioned table '{logicalId}' with a stream (does it have a StreamSpecification, and was DynamoDB started?).");

    /// <summary>The bucket name of a template bucket.</summary>
    public string BucketName(string logicalId) => Lookup(_buckets, logicalId, "bucket");

    /// <summary>True when the bucket's CORS rules could be applied (fauxqs 1.9.2 has no CORS API).</summary>
    public bool BucketCorsApplied(string logicalId) => _corsApplied.ContainsKey(logicalId);

    /// <summary>Resolves a template value to a string.</summary>
    public string Resolve(TemplateValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Resolve(this);
    }

    /// <summary>Resolves a template value; null when it refers to something not provisioned here.</summary>
    public string? TryResolve(TemplateValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            return value.Resolve(this);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The configuration of one function: its environment variables resolved, plus the local
    /// endpoints (AWS_ENDPOINT_URL_DYNAMODB/SQS/S3/SES, AWS_REGION) and the auth settings
    /// (AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL), and the local ticket keys (TICKET_SIGNING_KEYS) in
    /// place of any variable naming a KMS key. Also AWS_LAMBDA_FUNCTION_NAME and _HANDLER.
    /// </summary>
    /// <exception cref="InvalidOperationException">A variable refers to something that was not provisioned.</exception>
    public Dictionary<string, string> ConfigurationFor(TemplateFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var settings = BaseConfiguration();
        settings["AWS_LAMBDA_FUNCTION_NAME"] = PhysicalName(function.LogicalId);
        settings["_HANDLER"] = function.Handler;
        foreach (var (name, value) in function.Environment.Where(v => !NamesKmsResource(v.Value)))
        {
            settings[name] = value.Resolve(this);
        }

        return settings;
    }

    /// <summary>The union over all functions of <see cref="ConfigurationFor"/> (without the per-function name and handler).</summary>
    public Dictionary<string, string> AllConfiguration()
    {
        var settings = BaseConfiguration();
        foreach (var function in Template.Functions)
        {
            foreach (var (name, value) in function.Environment.Where(v => !NamesKmsResource(v.Value)))
            {
                settings[name] = value.Resolve(this);
            }
        }

        return settings;
    }

    /// <inheritdoc />
    public string? ResolveRef(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_refs.TryGetValue(name, out var value))
        {
            return value;
        }

        switch (name)
        {
            case "AWS::Region":
                return LocalAwsServers.Region;
            case "AWS::AccountId":
                return LocalAwsServers.AccountId;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::StackName":
                return _options.Prefix.TrimEnd('-', '_');
            case "AWS::StackId":
                return $"arn:aws:cloudformation:{LocalAwsServers.Region}:{LocalAwsServers.AccountId}:stack/{_options.Prefix.TrimEnd('-', '_')}/local";
            case "AWS::NoValue":
                return string.Empty;
            default:
                break;
        }

        if (_options.Parameters.TryGetValue(name, out var overridden))
        {
            return overridden;
        }

        if (Template.Parameters.TryGetValue(name, out var parameter))
        {
            return parameter.Default;
        }

        if (!Template.Resources.TryGetValue(name, out var resource))
        {
            return null;
        }

        // Not provisioned (its server was not started, or it has no local server): a deterministic
        // name where one exists; queues, pools and clients have ids only their server can give.
        return resource.Type switch
        {
            "AWS::SQS::Queue" or "AWS::Cognito::UserPool" or "AWS::Cognito::UserPoolClient" => null,
            "AWS::S3::Bucket" => PhysicalName(name).ToLowerInvariant(),
            "AWS::SNS::Topic" => ResolveGetAtt(name, "TopicArn"),
            "AWS::Cognito::UserPoolGroup" => Template.UserPool?.Groups.FirstOrDefault(g => g.LogicalId == name)?.GroupName,
            _ => PhysicalName(name),
        };
    }

    /// <inheritdoc />
    public string? ResolveGetAtt(string logicalId, string attribute)
    {
        ArgumentNullException.ThrowIfNull(logicalId);
        ArgumentNullException.ThrowIfNull(attribute);
        if (_attributes.TryGetValue((logicalId, attribute), out var value))
        {
            return value;
        }

        if (!Template.Resources.TryGetValue(logicalId, out var resource))
        {
            return null;
        }

        // Fallbacks for resources that have no local server: deterministic local ARNs and names.
        var name = PhysicalName(logicalId);
        return (resource.Type, attribute) switch
        {
            ("AWS::DynamoDB::Table", "Arn") => $"arn:aws:dynamodb:{LocalAwsServers.Region}:{LocalAwsServers.AccountId}:table/{name}",
            ("AWS::S3::Bucket", "Arn") => "arn:aws:s3:::" + name.ToLowerInvariant(),
            ("AWS::SQS::Queue", "Arn") => $"arn:aws:sqs:{LocalAwsServers.Region}:{LocalAwsServers.AccountId}:{FallbackQueueName(logicalId)}",
            ("AWS::SQS::Queue", "QueueName") => FallbackQueueName(logicalId),
            ("AWS::Serverless::Function", "Arn") => $"arn:aws:lambda:{LocalAwsServers.Region}:{LocalAwsServers.AccountId}:function:{name}",
            ("AWS::Logs::LogGroup", "Arn") => $"arn:aws:logs:{LocalAwsServers.Region}:{LocalAwsServers.AccountId}:log-group:{name}:*",
            ("AWS::SNS::Topic", "TopicArn") => $"arn:aws:sns:{LocalAwsServers.Region}:{LocalAwsServers.AccountId}:{name}",
            (_, "Arn") => $"arn:aws:local:{LocalAwsServers.Region}:{LocalAwsServers.AccountId}:{name}",
            _ => null,
        };
    }

    /// <inheritdoc />
    public bool? ResolveCondition(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_conditionCache)
        {
            if (_conditionCache.TryGetValue(name, out var cached))
            {
                return cached;
            }

            _conditionCache[name] = null; // guards against cycles
            bool? result = null;
            if (Template.Conditions.TryGetValue(name, out var expression))
            {
                var text = TryResolve(expression);
                result = text is null ? null : string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
            }

            _conditionCache[name] = result;
            return result;
        }
    }

    private string FallbackQueueName(string logicalId) =>
        Template.Queues.FirstOrDefault(q => q.LogicalId == logicalId) is { } queue ? QueueName(queue) : PhysicalName(logicalId);

    internal string QueueName(TemplateQueue queue) => PhysicalName(queue.LogicalId) + (queue.Fifo ? ".fifo" : string.Empty);

    internal string BucketName(TemplateBucket bucket) => PhysicalName(bucket.LogicalId).ToLowerInvariant();

    internal void SetTable(string logicalId, string name, string arn, string? streamArn)
    {
        _tables[logicalId] = name;
        _refs[logicalId] = name;
        _attributes[(logicalId, "Arn")] = arn;
        if (streamArn is not null)
        {
            _attributes[(logicalId, "StreamArn")] = streamArn;
        }
    }

    internal void SetQueue(string logicalId, string name, string url, string arn)
    {
        _queueUrls[logicalId] = url;
        _queueArns[logicalId] = arn;
        _refs[logicalId] = url;
        _attributes[(logicalId, "Arn")] = arn;
        _attributes[(logicalId, "QueueName")] = name;
        _attributes[(logicalId, "QueueUrl")] = url;
    }

    internal void SetBucket(string logicalId, string name)
    {
        _buckets[logicalId] = name;
        _refs[logicalId] = name;
        _attributes[(logicalId, "Arn")] = "arn:aws:s3:::" + name;
        var endpoint = LocalAwsServers.Endpoint(_servers.S3Url);
        _attributes[(logicalId, "DomainName")] = new Uri(endpoint).Authority;
        _attributes[(logicalId, "RegionalDomainName")] = new Uri(endpoint).Authority;
        _attributes[(logicalId, "WebsiteURL")] = endpoint + "/" + name;
    }

    internal void SetTopic(string logicalId, string name, string arn)
    {
        _topicArns[logicalId] = arn;
        _refs[logicalId] = arn;
        _attributes[(logicalId, "TopicArn")] = arn;
        _attributes[(logicalId, "TopicName")] = name;
    }

    internal void SetSubscription(string logicalId, string arn)
    {
        _subscriptionArns[logicalId] = arn;
        _refs[logicalId] = arn;
    }

    internal string TopicName(TemplateTopic topic) => PhysicalName(topic.LogicalId) + (topic.Fifo ? ".fifo" : string.Empty);

    internal void MarkCorsApplied(string logicalId) => _corsApplied[logicalId] = true;

    internal void SetUserPool(TemplateUserPool pool, string poolId, string? clientId, string issuerDomain)
    {
        UserPoolId = poolId;
        UserPoolClientId = clientId;
        AuthIssuer = LocalCognito.IssuerFor(issuerDomain, poolId);
        _refs[pool.PoolLogicalId] = poolId;
        _attributes[(pool.PoolLogicalId, "Arn")] = $"arn:aws:cognito-idp:{LocalAwsServers.Region}:{LocalAwsServers.AccountId}:userpool/{poolId}";
        _attributes[(pool.PoolLogicalId, "ProviderName")] = new Uri(AuthIssuer).Authority + "/" + poolId;
        _attributes[(pool.PoolLogicalId, "ProviderURL")] = AuthIssuer;
        _attributes[(pool.PoolLogicalId, "UserPoolId")] = poolId;
        if (pool.ClientLogicalId is not null && clientId is not null)
        {
            _refs[pool.ClientLogicalId] = clientId;
            _attributes[(pool.ClientLogicalId, "ClientId")] = clientId;
        }

        foreach (var group in pool.Groups)
        {
            _refs[group.LogicalId] = group.GroupName;
        }
    }

    private Dictionary<string, string> BaseConfiguration()
    {
        var settings = _servers.EndpointConfiguration();
        if (AuthIssuer is not null)
        {
            settings["AUTH_ISSUER"] = AuthIssuer;
            settings["AUTH_JWKS_URL"] = JwksUrl!;
        }

        if (UserPoolClientId is not null)
        {
            settings["AUTH_AUDIENCE"] = UserPoolClientId;
        }

        if (UserPoolId is not null)
        {
            settings["AUTH_USER_POOL_ID"] = UserPoolId;
        }

        if (TicketSigningKeys is not null)
        {
            settings[Tickets.TicketSigning.LocalKeysSetting] = TicketSigningKeys;
        }

        return settings;
    }

    // KMS has no local server: a variable naming a key (TICKET_SIGNING_KEY_ID) is left out, and the
    // local key set stands in for it (TICKET_SIGNING_KEYS).
    private bool NamesKmsResource(TemplateValue value) =>
        value.References.Any(r => Template.Resources.TryGetValue(r, out var resource) && LocalTicketKeyStore.IsKmsResource(resource));

    private static string Lookup(ConcurrentDictionary<string, string> map, string logicalId, string what) =>
        map.TryGetValue(logicalId, out var value)
            ? value
            : throw new KeyNotFoundException($"No provisioned {what} '{logicalId}' (is it in template.yaml, and was its server started?).");
}
