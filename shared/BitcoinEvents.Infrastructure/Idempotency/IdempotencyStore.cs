using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Infrastructure.Idempotency;

/// <summary>What a stored response replays: status, body and the headers that matter.</summary>
public sealed record StoredResponse(int StatusCode, byte[] Body, string? ContentType, string? Location, string? ETag);

/// <summary>The outcome of claiming an idempotency key.</summary>
public abstract record IdempotencyClaim
{
    /// <summary>This request owns the key: run it, then complete or abandon with <see cref="Token"/>.</summary>
    public sealed record Started(string Token) : IdempotencyClaim;

    /// <summary>A request with the same key and body is still running.</summary>
    public sealed record InFlight : IdempotencyClaim;

    /// <summary>The key was used for a different request (method, path or body).</summary>
    public sealed record Mismatch : IdempotencyClaim;

    /// <summary>The same request already completed: replay its response.</summary>
    public sealed record Completed(StoredResponse Response) : IdempotencyClaim;
}

/// <summary>
/// Idempotency records in the IdempotencyTable (<c>IDEMPOTENCY_TABLE</c>), one per caller and key,
/// claimed with one conditional put. Records expire after 24 h: the TTL attribute <c>expiresAt</c>
/// only cleans up; expiry is enforced in the condition. A claim whose request died without
/// completing (a Lambda timeout) may be taken over once its lock lapses.
/// </summary>
public sealed class IdempotencyStore
{
    public const string TableSetting = "IDEMPOTENCY_TABLE";
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    private const string InProgress = "in_progress";
    private const string Done = "completed";

    private readonly IAmazonDynamoDB _dynamo;
    private readonly TimeProvider _clock;
    private readonly string? _table;

    public IdempotencyStore(IAmazonDynamoDB dynamo, IConfiguration configuration, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _dynamo = dynamo;
        _clock = clock;
        _table = configuration[TableSetting];
    }

    private string Table => string.IsNullOrEmpty(_table)
        ? throw new InvalidOperationException($"{TableSetting} is not set: this function honours Idempotency-Key but has no table for it.")
        : _table;

    /// <summary>Claims <paramref name="key"/> for <paramref name="scope"/> (the caller), or says why not.</summary>
    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var token = Guid.NewGuid().ToString("N");
        var pk = PartitionKey(scope, key);
        var request = new PutItemRequest
        {
            TableName = Table,
            Item = new Dictionary<string, AttributeValue>
            {
                ["pk"] = Attr.S(pk),
                ["status"] = Attr.S(InProgress),
                ["fingerprint"] = Attr.S(fingerprint),
                ["lockToken"] = Attr.S(token),
                ["lockedUntil"] = Attr.N(now.Add(LockTimeout).ToUnixTimeSeconds()),
                ["createdAt"] = Attr.S(Attr.Instant(now)),
                ["expiresAt"] = Attr.N(now.Add(Retention).ToUnixTimeSeconds()),
            },
            ConditionExpression = "attribute_not_exists(pk) OR expiresAt <= :now OR (#status = :inProgress AND lockedUntil <= :now)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "status" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":now"] = Attr.N(now.ToUnixTimeSeconds()),
                [":inProgress"] = Attr.S(InProgress),
            },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };

        try
        {
            await _dynamo.PutItemAsync(request, ct);
            return new IdempotencyClaim.Started(token);
        }
        catch (ConditionalCheckFailedException failed)
        {
            var existing = failed.Item is { Count: > 0 } item ? item : await GetAsync(pk, ct);
            return existing is null
                // Gone between the put and the read (abandoned): the client may simply retry.
                ? new IdempotencyClaim.InFlight()
                : Interpret(existing, fingerprint);
        }
    }

    /// <summary>Stores the response of the request that owns the claim, for replays.</summary>
    public async Task CompleteAsync(string scope, string key, string token, StoredResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue> { [":token"] = Attr.S(token) };
        var set = new List<string>();
        void Set(string name, AttributeValue value)
        {
            // Every name through a placeholder: several (status, location...) are reserved words.
            names[$"#{name}"] = name;
            values[$":{name}"] = value;
            set.Add($"#{name} = :{name}");
        }

        Set("status", Attr.S(Done));
        Set("statusCode", Attr.N(response.StatusCode));
        Set("body", new AttributeValue { B = new MemoryStream(response.Body) });
        Set("completedAt", Attr.S(Attr.Instant(_clock.GetUtcNow())));
        foreach (var (name, value) in new[] { ("contentType", response.ContentType), ("location", response.Location), ("etag", response.ETag) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                Set(name, Attr.S(value));
            }
        }

        names["#lockedUntil"] = "lockedUntil";
        names["#lockToken"] = "lockToken";
        await _dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Table,
            Key = new Dictionary<string, AttributeValue> { ["pk"] = Attr.S(PartitionKey(scope, key)) },
            UpdateExpression = $"SET {string.Join(", ", set)} REMOVE #lockedUntil",
            ConditionExpression = "#lockToken = :token",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        }, ct);
    }

    /// <summary>Releases the claim (the request failed with a 5xx or threw) so that a retry can run.</summary>
    public async Task AbandonAsync(string scope, string key, string token, CancellationToken ct)
    {
        try
        {
            await _dynamo.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = Table,
                Key = new Dictionary<string, AttributeValue> { ["pk"] = Attr.S(PartitionKey(scope, key)) },
                ConditionExpression = "lockToken = :token",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":token"] = Attr.S(token) },
            }, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            // Someone else took the claim over after ours lapsed: theirs now.
        }
    }

    private static string PartitionKey(string scope, string key) => $"IDEMPOTENCY#{scope}#{key}";

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(string pk, CancellationToken ct)
    {
        var response = await _dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = new Dictionary<string, AttributeValue> { ["pk"] = Attr.S(pk) },
            ConsistentRead = true,
        }, ct);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private static IdempotencyClaim Interpret(Dictionary<string, AttributeValue> item, string fingerprint)
    {
        if (!string.Equals(Attr.GetString(item, "fingerprint"), fingerprint, StringComparison.Ordinal))
        {
            return new IdempotencyClaim.Mismatch();
        }

        if (Attr.GetString(item, "status") != Done)
        {
            return new IdempotencyClaim.InFlight();
        }

        return new IdempotencyClaim.Completed(new StoredResponse(
            (int)Attr.GetLong(item, "statusCode"),
            item.TryGetValue("body", out var body) && body.B is { } stream ? stream.ToArray() : [],
            Attr.GetString(item, "contentType"),
            Attr.GetString(item, "location"),
            Attr.GetString(item, "etag")));
    }
}
