using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Infrastructure.Storage;

namespace BitcoinEvents.Notifications.Storage;

/// <summary>
/// Pseudonymous recipient hashes: 32 hex digits of SHA-256 over a domain-separated, normalized
/// address (an email address lower-cased and trimmed; a phone number as E.164). What the send log
/// and the suppression list keep instead of the address: enough to tell two addresses apart and to
/// recognise one that comes back, not to read it. (An attacker holding the table and a guessed
/// address can confirm the guess; that is the limit of a hash without a secret.)
/// </summary>
internal static class RecipientHashes
{
    public static string OfEmail(string address) => Hash("email:" + address.Trim().ToLowerInvariant());

    public static string OfPhone(string e164) => Hash("sms:" + e164);

    public static string OfEndpoint(string endpointArn) => Hash("push:" + endpointArn);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("bitcoin-events/recipient/v1\n" + text)))[..32];
}

/// <summary>
/// Addresses that must not be mailed again: a permanent bounce or a complaint put them here
/// (<c>SUPPRESSED#{hash}</c> / <c>EMAIL</c>), and every email send checks first.
/// </summary>
internal sealed class SuppressionList(IAmazonDynamoDB dynamo, NotificationsTable table)
{
    private const string Sk = "EMAIL";

    public async Task<bool> IsSuppressedAsync(string addressHash, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table.Name, Key = Key(addressHash), ProjectionExpression = "pk" }, ct);
        return response.Item is { Count: > 0 };
    }

    /// <summary>Suppresses the address (the first reason stays; a repeat changes nothing).</summary>
    public async Task SuppressAsync(string addressHash, string reason, string feedbackId, DateTimeOffset at, CancellationToken ct)
    {
        var item = Key(addressHash);
        item["reason"] = Attr.S(reason);
        item["feedbackId"] = Attr.S(feedbackId);
        item["suppressedAt"] = Attr.S(Attr.Instant(at));
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest { TableName = table.Name, Item = item, ConditionExpression = "attribute_not_exists(pk)" }, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            // Suppressed before.
        }
    }

    private static Dictionary<string, AttributeValue> Key(string addressHash) => new()
    {
        [NotificationsTable.Pk] = Attr.S("SUPPRESSED#" + addressHash),
        [NotificationsTable.Sk] = Attr.S(Sk),
    };
}
