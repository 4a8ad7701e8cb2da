using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime.Signing;

namespace BitcoinEvents.LocalAws;

/// <summary>One shard of a stream.</summary>
/// <param name="ShardId">Its id.</param>
/// <param name="ParentShardId">The shard it continues, if any (read the parent first).</param>
/// <param name="Closed">True when it has an ending sequence number (no new records will arrive).</param>
public sealed record LocalStreamShard(string ShardId, string? ParentShardId, bool Closed);

/// <summary>What one GetRecords returned: the records as DynamoDB Streams writes them, and where to read next (null: the shard is closed and fully read).</summary>
public sealed record LocalStreamRecords(IReadOnlyList<JsonObject> Records, string? NextShardIterator);

/// <summary>
/// DynamoDB Streams for DynamoDB Local, local use only: AWS SDK 4's DynamoDBv2 package has no
/// streams client and AWSSDK.DynamoDBStreams is not available here. The API is JSON over HTTP
/// (<c>X-Amz-Target: DynamoDBStreams_20120810.&lt;Action&gt;</c>) on DynamoDB Local's endpoint,
/// signed with SigV4 (service "dynamodb") and the local dummy credentials.
/// </summary>
public sealed class LocalDynamoDbStreams : IDisposable
{
    private const string TargetPrefix = "DynamoDBStreams_20120810.";
    private static readonly MediaTypeHeaderValue JsonType = new("application/x-amz-json-1.0");

    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public LocalDynamoDbStreams(Uri dynamoDbEndpoint)
    {
        ArgumentNullException.ThrowIfNull(dynamoDbEndpoint);
        _endpoint = new Uri(LocalAwsServers.Endpoint(dynamoDbEndpoint) + "/");
        _http = new HttpClient(new SigV4SigningHandler(LocalAwsServers.Credentials, RegionEndpoint.GetBySystemName(LocalAwsServers.Region), "dynamodb", new SocketsHttpHandler()))
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public void Dispose() => _http.Dispose();

    /// <summary>DescribeStream: every shard of the stream (following LastEvaluatedShardId).</summary>
    public async Task<IReadOnlyList<LocalStreamShard>> DescribeStreamAsync(string streamArn, CancellationToken cancellationToken = default)
    {
        var shards = new List<LocalStreamShard>();
        string? start = null;
        do
        {
            var request = new JsonObject { ["StreamArn"] = streamArn };
            if (start is not null)
            {
                request["ExclusiveStartShardId"] = start;
            }

            var response = await CallAsync("DescribeStream", request, cancellationToken);
            var description = response["StreamDescription"];
            foreach (var shard in description?["Shards"]?.AsArray() ?? [])
            {
                shards.Add(new LocalStreamShard(
                    shard!["ShardId"]!.GetValue<string>(),
                    shard["ParentShardId"]?.GetValue<string>(),
                    shard["SequenceNumberRange"]?["EndingSequenceNumber"] is not null));
            }

            start = description?["LastEvaluatedShardId"]?.GetValue<string>();
        }
        while (start is not null);

        return shards;
    }

    /// <summary>GetShardIterator: TRIM_HORIZON, LATEST, or AT_/AFTER_SEQUENCE_NUMBER with <paramref name="sequenceNumber"/>.</summary>
    public async Task<string> GetShardIteratorAsync(string streamArn, string shardId, string iteratorType, string? sequenceNumber = null, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["StreamArn"] = streamArn, ["ShardId"] = shardId, ["ShardIteratorType"] = iteratorType };
        if (sequenceNumber is not null)
        {
            request["SequenceNumber"] = sequenceNumber;
        }

        var response = await CallAsync("GetShardIterator", request, cancellationToken);
        return response["ShardIterator"]?.GetValue<string>() ?? throw new InvalidOperationException("GetShardIterator answered without a ShardIterator.");
    }

    /// <summary>GetRecords: up to <paramref name="limit"/> records from the iterator's position.</summary>
    public async Task<LocalStreamRecords> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("GetRecords", new JsonObject { ["ShardIterator"] = shardIterator, ["Limit"] = limit }, cancellationToken);
        var records = (response["Records"]?.AsArray() ?? []).OfType<JsonObject>().Select(r => (JsonObject)r.DeepClone()).ToList();
        return new LocalStreamRecords(records, response["NextShardIterator"]?.GetValue<string>());
    }

    private async Task<JsonObject> CallAsync(string action, JsonObject request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.ToJsonString())),
        };
        message.Content.Headers.ContentType = JsonType;
        message.Headers.Add("X-Amz-Target", TargetPrefix + action);
        using var response = await _http.SendAsync(message, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new LocalStreamsException(action, (int)response.StatusCode, body);
        }

        return JsonNode.Parse(body) as JsonObject ?? [];
    }
}

/// <summary>A DynamoDB Streams call to DynamoDB Local failed.</summary>
public sealed class LocalStreamsException : Exception
{
    public LocalStreamsException()
    {
    }

    public LocalStreamsException(string message)
        : base(message)
    {
    }

    public LocalStreamsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LocalStreamsException(string action, int statusCode, string body)
        : base($"DynamoDB Streams {action} answered {statusCode}: {body}")
    {
        Action = action;
        StatusCode = statusCode;
        Body = body;
    }

    public string Action { get; } = string.Empty;

    public int StatusCode { get; }

    /// <summary>The error document (its <c>__type</c> ends with the error's name, e.g. ExpiredIteratorException, TrimmedDataAccessException).</summary>
    public string Body { get; } = string.Empty;
}
