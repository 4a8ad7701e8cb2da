using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BitcoinEvents.Infrastructure.Messaging;

/// <summary>
/// Event ids. Deterministic ids are preferred: when a producer's write is retried (a client's
/// retry, a Lambda retry), the same state change yields the same id, the outbox's conditional put
/// refuses the second copy, and consumers see one event.
/// </summary>
public static class DomainEventIds
{
    private static readonly byte[] Domain = "bitcoin-events/domain-event-id/v1"u8.ToArray();

    /// <summary>
    /// The id of the event that <paramref name="parts"/> name, the same on every call: a
    /// name-based UUID (version 8, RFC 9562) of SHA-256 over the parts. Name the event fully, e.g.
    /// <c>From("orders", "OrderPaid", orderId)</c> for an event that happens once per order, or add
    /// what distinguishes repetitions (<c>From("orders", "OrderRefunded", orderId, refundId)</c>).
    /// </summary>
    public static string From(params ReadOnlySpan<string> parts)
    {
        if (parts.Length == 0)
        {
            throw new ArgumentException("Name the event with at least one part.", nameof(parts));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Domain);
        Span<byte> length = stackalloc byte[4];
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
            // Length-prefixed, so ("a|b", "c") and ("a", "b|c") name different events.
            var bytes = Encoding.UTF8.GetBytes(part);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        var uuid = digest[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x80); // version 8
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // variant 10
        return new Guid(uuid, bigEndian: true).ToString("D");
    }

    /// <summary>A new random, time-ordered id (UUID version 7) for an event nothing else identifies.</summary>
    public static string New() => Guid.CreateVersion7().ToString("D");
}
