using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Infrastructure.Media;

/// <summary>A presigned upload: PUT the file to <see cref="Url"/> with <see cref="ContentType"/> before <see cref="ExpiresAt"/>.</summary>
public sealed record PresignedUpload(Uri Url, string Key, string ContentType, DateTimeOffset ExpiresAt);

/// <summary>
/// Presigned PUT URLs into the media bucket (<c>MEDIA_BUCKET</c>). The URL carries the signing
/// function's permissions, so the IAM policy must limit where it may put objects; the content type
/// is part of the signature.
/// </summary>
public sealed class MediaUploads
{
    public const string BucketSetting = "MEDIA_BUCKET";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly IAmazonS3 _s3;
    private readonly string? _bucket;

    public MediaUploads(IAmazonS3 s3, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _s3 = s3;
        _bucket = configuration[BucketSetting];
    }

    public async Task<PresignedUpload> PresignPutAsync(string key, string contentType)
    {
        var bucket = string.IsNullOrEmpty(_bucket)
            ? throw new InvalidOperationException($"{BucketSetting} is not set.")
            : _bucket;

        // The signature is dated by the SDK's own (real) clock, so the expiry is reckoned from it too.
        var expiresAt = DateTimeOffset.UtcNow.Add(Lifetime);
        var url = await _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = HttpVerb.PUT,
            ContentType = contentType,
            Expires = expiresAt.UtcDateTime,
            Protocol = _s3.Config.ServiceURL is { } serviceUrl && serviceUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                ? Protocol.HTTP
                : Protocol.HTTPS,
        });
        return new PresignedUpload(new Uri(url), key, contentType, expiresAt);
    }
}
