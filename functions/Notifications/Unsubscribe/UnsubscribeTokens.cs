using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using BitcoinEvents.Domain.Notifications;

namespace BitcoinEvents.Notifications.Unsubscribe;

/// <summary>A MAC key: HMAC-SHA-256 over a message.</summary>
internal interface IMacKey
{
    Task<byte[]> MacAsync(byte[] message, CancellationToken ct);

    /// <summary>True when <paramref name="mac"/> is this key's MAC of <paramref name="message"/> (compared in constant time).</summary>
    Task<bool> VerifyAsync(byte[] message, byte[] mac, CancellationToken ct);
}

/// <summary>
/// An HMAC key in AWS KMS (<c>HMAC_256</c>, usage <c>GENERATE_VERIFY_MAC</c>): the key never leaves
/// KMS; <c>GenerateMac</c> and <c>VerifyMac</c> (which compares for us) are IAM-authorized and in CloudTrail.
/// </summary>
internal sealed class KmsMacKey(IAmazonKeyManagementService kms, string keyId) : IMacKey
{
    public async Task<byte[]> MacAsync(byte[] message, CancellationToken ct)
    {
        using var input = new MemoryStream(message);
        var response = await kms.GenerateMacAsync(new GenerateMacRequest { KeyId = keyId, MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256, Message = input }, ct);
        return response.Mac.ToArray();
    }

    public async Task<bool> VerifyAsync(byte[] message, byte[] mac, CancellationToken ct)
    {
        using var input = new MemoryStream(message);
        using var expected = new MemoryStream(mac);
        try
        {
            var response = await kms.VerifyMacAsync(new VerifyMacRequest { KeyId = keyId, MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256, Message = input, Mac = expected }, ct);
            return response.MacValid == true;
        }
        catch (KMSInvalidMacException)
        {
            return false;
        }
    }
}

/// <summary>An HMAC key held in the process: DevHost and tests only (<c>UNSUBSCRIBE_LOCAL_KEY</c>, or one made at start).</summary>
internal sealed class LocalMacKey(byte[] key) : IMacKey
{
    public Task<byte[]> MacAsync(byte[] message, CancellationToken ct) => Task.FromResult(HMACSHA256.HashData(key, message));

    public Task<bool> VerifyAsync(byte[] message, byte[] mac, CancellationToken ct) =>
        Task.FromResult(CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, message), mac));
}

/// <summary>Who unsubscribes from what: a user, a kind, a channel.</summary>
internal sealed record UnsubscribeScope(string UserId, NotificationKind Kind, NotificationChannel Channel);

/// <summary>
/// The signed token of a one-click unsubscribe link: <c>v1.{base64url(userId LF kind LF channel)}.{base64url(HMAC-SHA-256)}</c>.
/// Whoever holds the link may switch that one kind off on that one channel for that user, without
/// signing in (RFC 8058): nothing else. It does not expire (a link in an old email still works), and
/// names a user id, not an address.
/// </summary>
internal sealed class UnsubscribeTokens(IMacKey key)
{
    public const int MaxLength = 512;
    private const string Version = "v1";

    public async Task<string> CreateAsync(UnsubscribeScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var payload = Payload(scope);
        var mac = await key.MacAsync(Signed(payload), ct);
        return $"{Version}.{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(mac)}";
    }

    /// <summary>The scope a genuine token names; null for anything else (malformed, edited, another key's).</summary>
    public async Task<UnsubscribeScope?> ReadAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Version || !TryDecode(parts[1], out var payload) || !TryDecode(parts[2], out var mac) || mac.Length != 32)
        {
            return null;
        }

        var scope = Parse(payload);
        return scope is not null && await key.VerifyAsync(Signed(payload), mac, ct) ? scope : null;
    }

    private static byte[] Payload(UnsubscribeScope scope) =>
        Encoding.UTF8.GetBytes($"{scope.UserId}\n{NotificationKinds.Name(scope.Kind)}\n{NotificationChannels.Name(scope.Channel)}");

    // Domain separation: this key's MACs mean "unsubscribe", whatever else it may ever sign.
    private static byte[] Signed(byte[] payload) => [.. "bitcoin-events/unsubscribe/v1\n"u8, .. payload];

    private static UnsubscribeScope? Parse(byte[] payload)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var fields = text.Split('\n');
        return fields.Length == 3
            && Guid.TryParseExact(fields[0], "D", out _)
            && NotificationKinds.TryParse(fields[1], out var kind)
            && NotificationChannels.TryParse(fields[2], out var channel)
                ? new UnsubscribeScope(fields[0], kind, channel)
                : null;
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || !Base64Url.IsValid(text))
        {
            return false;
        }

        try
        {
            bytes = Base64Url.DecodeFromChars(text);
            // Canonical only: re-encoding gives back the same text (no stray trailing bits).
            return Base64Url.EncodeToString(bytes) == text;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
