using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Tickets.Jose;

namespace BitcoinEvents.Tickets;

/// <summary>
/// The compact JWS (RFC 7515 §7.1) a ticket's QR code carries:
/// <c>BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(r‖s)</c>, with the header
/// <c>{"alg":"ES256","typ":"JWT","kid":…}</c> and the claims <c>tid</c> (ticket id), <c>eid</c>
/// (event id), <c>sid</c> (session ids, empty for the whole event), <c>rev</c> (revision),
/// <c>nam</c> (holder name, for the scanner to show) and <c>iat</c> (issued at, seconds).
/// Writing and reading only: who signs and which keys verify is elsewhere.
/// </summary>
internal static class TicketJws
{
    public const string Algorithm = "ES256";
    public const string Type = "JWT";

    /// <summary>Longer than any ticket this platform signs, short enough that nobody pays to parse junk.</summary>
    public const int MaxLength = 4096;

    // JSON escaping for HTML safety is irrelevant inside base64url; the relaxed encoder keeps a
    // holder's non-ASCII name as UTF-8 (2 bytes for "é" instead of 6), so the QR code stays smaller.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonDocumentOptions ReaderOptions = new() { AllowDuplicateProperties = false, MaxDepth = 4 };

    /// <summary>The JWS signing input, <c>BASE64URL(header) "." BASE64URL(payload)</c>, as ASCII bytes.</summary>
    public static byte[] SigningInput(string keyId, TicketToken token, string holderName, DateTimeOffset issuedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(holderName);
        ArgumentException.ThrowIfNullOrEmpty(token.TicketId, nameof(token));
        ArgumentException.ThrowIfNullOrEmpty(token.EventId, nameof(token));
        ArgumentOutOfRangeException.ThrowIfLessThan(token.Revision, 1, nameof(token));
        ArgumentNullException.ThrowIfNull(token.SessionIds, nameof(token));
        if (token.SessionIds.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("A session id is empty.", nameof(token));
        }

        if (holderName.Length > TicketingRules.HolderNameMaxLength)
        {
            throw new ArgumentException($"A holder name is at most {TicketingRules.HolderNameMaxLength} characters.", nameof(holderName));
        }

        var header = Json(w =>
        {
            w.WriteString("alg", Algorithm);
            w.WriteString("typ", Type);
            w.WriteString("kid", keyId);
        });
        var payload = Json(w =>
        {
            w.WriteString("tid", token.TicketId);
            w.WriteString("eid", token.EventId);
            w.WriteStartArray("sid");
            foreach (var session in token.SessionIds)
            {
                w.WriteStringValue(session);
            }

            w.WriteEndArray();
            w.WriteNumber("rev", token.Revision);
            w.WriteString("nam", holderName);
            w.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
        });
        return Encoding.ASCII.GetBytes($"{Base64UrlStrict.Encode(header)}.{Base64UrlStrict.Encode(payload)}");
    }

    /// <summary>The compact serialization: the signing input, ".", the base64url signature.</summary>
    public static string Compose(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
        $"{Encoding.ASCII.GetString(signingInput)}.{Base64UrlStrict.Encode(signature)}";

    /// <summary>Splits a compact JWS and reads its header; nothing here is trusted until the signature is checked.</summary>
    public static bool TryParse(string? jws, out ParsedJws parsed, out TicketRejection rejection)
    {
        parsed = default;
        if (string.IsNullOrEmpty(jws) || jws.Length > MaxLength)
        {
            rejection = TicketRejection.Malformed("The token is empty or too long.");
            return false;
        }

        var firstDot = jws.IndexOf('.', StringComparison.Ordinal);
        var lastDot = jws.LastIndexOf('.');

        // An empty signature is left to the checks below, so "alg":"none" is refused as such.
        if (firstDot <= 0 || lastDot <= firstDot + 1 || jws.AsSpan(firstDot + 1, lastDot - firstDot - 1).Contains('.'))
        {
            rejection = TicketRejection.Malformed("A compact JWS is header.payload.signature, and the header and payload are not empty.");
            return false;
        }

        if (!Base64UrlStrict.TryDecode(jws.AsSpan(0, firstDot), out var headerBytes)
            || !Base64UrlStrict.TryDecode(jws.AsSpan(firstDot + 1, lastDot - firstDot - 1), out var payloadBytes)
            || !Base64UrlStrict.TryDecode(jws.AsSpan(lastDot + 1), out var signature))
        {
            rejection = TicketRejection.Malformed("A part is not canonical base64url.");
            return false;
        }

        if (!TryReadHeader(headerBytes, out var keyId, out rejection))
        {
            return false;
        }

        parsed = new ParsedJws(Encoding.ASCII.GetBytes(jws, 0, lastDot), payloadBytes, signature, keyId);
        return true;
    }

    /// <summary>Reads the claims of a payload whose signature has been verified.</summary>
    public static bool TryReadClaims(byte[] payload, out TicketClaims claims, out TicketRejection rejection)
    {
        claims = default;
        rejection = default;
        try
        {
            using var doc = JsonDocument.Parse(payload, ReaderOptions);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                rejection = TicketRejection.InvalidClaims("The payload is not a JSON object.");
                return false;
            }

            if (!TryString(root, "tid", out var ticketId) || ticketId.Length == 0
                || !TryString(root, "eid", out var eventId) || eventId.Length == 0)
            {
                rejection = TicketRejection.InvalidClaims("tid and eid are non-empty strings.");
                return false;
            }

            if (!root.TryGetProperty("sid", out var sid) || sid.ValueKind != JsonValueKind.Array)
            {
                rejection = TicketRejection.InvalidClaims("sid is an array of session ids.");
                return false;
            }

            var sessions = new List<string>(sid.GetArrayLength());
            foreach (var s in sid.EnumerateArray())
            {
                if (s.ValueKind != JsonValueKind.String || s.GetString() is not { Length: > 0 } session)
                {
                    rejection = TicketRejection.InvalidClaims("sid holds non-empty strings only.");
                    return false;
                }

                sessions.Add(session);
            }

            if (!root.TryGetProperty("rev", out var rev) || rev.ValueKind != JsonValueKind.Number
                || !rev.TryGetInt32(out var revision) || revision < 1)
            {
                rejection = TicketRejection.InvalidClaims("rev is a positive integer.");
                return false;
            }

            if (!TryString(root, "nam", out var holderName) || holderName.Length > TicketingRules.HolderNameMaxLength)
            {
                rejection = TicketRejection.InvalidClaims("nam is the holder's name.");
                return false;
            }

            if (!root.TryGetProperty("iat", out var iat) || iat.ValueKind != JsonValueKind.Number
                || !iat.TryGetInt64(out var issuedAtSeconds) || issuedAtSeconds < 0
                || issuedAtSeconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                rejection = TicketRejection.InvalidClaims("iat is a time in seconds since 1970.");
                return false;
            }

            claims = new TicketClaims(
                new TicketToken(ticketId, eventId, sessions, revision),
                holderName,
                DateTimeOffset.FromUnixTimeSeconds(issuedAtSeconds));
            return true;
        }
        catch (JsonException)
        {
            rejection = TicketRejection.InvalidClaims("The payload is not valid JSON.");
            return false;
        }
    }

    private static bool TryReadHeader(byte[] header, out string keyId, out TicketRejection rejection)
    {
        keyId = string.Empty;
        rejection = default;
        try
        {
            using var doc = JsonDocument.Parse(header, ReaderOptions);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                rejection = TicketRejection.Malformed("The header is not a JSON object.");
                return false;
            }

            // Only ES256: "none", HMAC with a public key as the secret, RSA or anything else is refused
            // before any key is looked at.
            if (!TryString(root, "alg", out var alg) || !string.Equals(alg, Algorithm, StringComparison.Ordinal))
            {
                rejection = TicketRejection.UnsupportedAlgorithm(alg);
                return false;
            }

            // RFC 7515 §4.1.11: extensions we don't understand mean we must not accept the token.
            if (root.TryGetProperty("crit", out _))
            {
                rejection = TicketRejection.Malformed("The header names critical extensions.");
                return false;
            }

            if (root.TryGetProperty("typ", out var typ)
                && (typ.ValueKind != JsonValueKind.String || !string.Equals(typ.GetString(), Type, StringComparison.OrdinalIgnoreCase)))
            {
                rejection = TicketRejection.Malformed("The header's typ is not JWT.");
                return false;
            }

            if (!TryString(root, "kid", out keyId) || keyId.Length == 0)
            {
                rejection = TicketRejection.Malformed("The header names no kid.");
                return false;
            }

            return true;
        }
        catch (JsonException)
        {
            rejection = TicketRejection.Malformed("The header is not valid JSON.");
            return false;
        }
    }

    private static bool TryString(JsonElement obj, string name, out string value)
    {
        if (obj.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString()!;
            return true;
        }

        value = string.Empty;
        return false;
    }

    private static byte[] Json(Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>The parts of a compact JWS, read but not yet verified.</summary>
internal readonly record struct ParsedJws(byte[] SigningInput, byte[] Payload, byte[] Signature, string KeyId);

/// <summary>The verified claims of a ticket's QR code.</summary>
internal readonly record struct TicketClaims(TicketToken Token, string HolderName, DateTimeOffset IssuedAt);
