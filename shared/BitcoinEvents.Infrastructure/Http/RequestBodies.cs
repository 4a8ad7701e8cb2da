using BitcoinEvents.Domain.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace BitcoinEvents.Infrastructure.Http;

/// <summary>
/// What every operation accepts as a request body, checked before the endpoint reads it: JSON
/// (<c>application/json</c> or <c>+json</c>) in UTF-8, at most <see cref="MaxBytes"/>. A body in
/// another media type or charset (EBCDIC, UTF-7, an unknown or empty charset) gets 415, a larger one
/// 413, bytes that are not UTF-8 400; the framework would otherwise fail on them deep inside the
/// JSON reader, or skip them unread.
/// </summary>
public static class RequestBodies
{
    /// <summary>The largest body an operation reads (API Gateway allows 10 MB; no operation needs more than this).</summary>
    public const int MaxBytes = 1024 * 1024;

    public const string JsonMediaType = "application/json";

    public static readonly string TooLargeDetail = $"The request body is too large: send at most {MaxBytes} bytes.";

    public const string NotUtf8Reason = "is not valid UTF-8.";

    public const string UnexpectedBodyReason = "must be empty, {} or null: this operation takes no body.";

    /// <summary>Whether <paramref name="body"/> says nothing: only white space, <c>{}</c> or <c>null</c> (what clients send for "no body").</summary>
    public static bool IsEmptyJson(ReadOnlySpan<byte> body)
    {
        var text = body.Trim(" \t\r\n"u8);
        if (text.IsEmpty || text.SequenceEqual("null"u8))
        {
            return true;
        }

        return text.Length >= 2 && text[0] == (byte)'{' && text[^1] == (byte)'}' && text[1..^1].Trim(" \t\r\n"u8).IsEmpty;
    }

    public const string MediaTypeDetail = "Send the body as application/json in UTF-8 (Content-Type: application/json, with no charset or charset=utf-8).";

    /// <summary>Whether <paramref name="contentType"/> is JSON this platform reads: a JSON media type, and UTF-8 if a charset is named.</summary>
    public static bool IsAcceptedContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        var subType = mediaType.SubTypeWithoutSuffix;
        var isJson = mediaType.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
            && (subType.Equals("json", StringComparison.OrdinalIgnoreCase) || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
        if (!isJson)
        {
            return false;
        }

        var charset = mediaType.Parameters.Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)).ToList();
        return charset.Count switch
        {
            0 => true,
            1 => charset[0].Value.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                || charset[0].Value.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase)
                || charset[0].Value.Equals("utf8", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>
    /// Whether <paramref name="contentType"/> is an HTML form (<c>application/x-www-form-urlencoded</c>
    /// or <c>multipart/form-data</c>): accepted only by endpoints marked <see cref="RequestBodyEndpointExtensions.AcceptsFormBody"/>,
    /// such as the one-click unsubscribe that mail clients POST to (RFC 8058).
    /// </summary>
    public static bool IsFormContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        var charset = mediaType.Parameters.Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)).ToList();
        var charsetOk = charset.Count == 0
            || (charset.Count == 1 && (charset[0].Value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset[0].Value.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)));
        return charsetOk
            && (mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
                || (mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) && mediaType.Boundary.Length > 0));
    }

    /// <summary>True when the request carries a body (a length above zero, or a body of unknown length).</summary>
    public static bool HasBody(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContentLength is > 0
            || (request.ContentLength is null && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);
    }
}

/// <summary>Applies <see cref="RequestBodies"/> to the requests of the areas' operations.</summary>
internal sealed class RequestBodyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!PlatformOperationMetadata.IsOperation(context))
        {
            await next(context);
            return;
        }

        var request = context.Request;
        if (request.ContentLength > RequestBodies.MaxBytes)
        {
            await Problems.WriteAsync(context, Problems.Of(ProblemKinds.PayloadTooLarge, RequestBodies.TooLargeDetail));
            return;
        }

        var endpoint = context.GetEndpoint();
        var readsBody = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is not null;
        var isForm = endpoint?.Metadata.GetMetadata<AcceptsFormBodyMetadata>() is not null && RequestBodies.IsFormContentType(request.ContentType);
        var hasBody = RequestBodies.HasBody(request);
        if ((hasBody || (readsBody && request.ContentType is not null)) && !isForm && !RequestBodies.IsAcceptedContentType(request.ContentType))
        {
            await Problems.WriteAsync(context, Problems.Of(ProblemKinds.UnsupportedMediaType, RequestBodies.MediaTypeDetail));
            return;
        }

        if (hasBody)
        {
            // Read whole (it is small), so that its length holds whatever the transfer, and its bytes
            // are UTF-8 even where the JSON reader would skip them (an unknown property).
            var body = await ReadAsync(request, context.RequestAborted);
            if (body is null)
            {
                await Problems.WriteAsync(context, Problems.Of(ProblemKinds.PayloadTooLarge, RequestBodies.TooLargeDetail));
                return;
            }

            var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                await Problems.WriteAsync(context, new ValidationFailed(ClientErrorExceptionHandler.BodyField, RequestBodies.NotUtf8Reason));
                return;
            }

            if (!readsBody && !isForm && !RequestBodies.IsEmptyJson(bytes))
            {
                // Ignoring it would carry out a request the client did not mean (a malformed body, a payload for another route).
                await Problems.WriteAsync(context, new ValidationFailed(ClientErrorExceptionHandler.BodyField, RequestBodies.UnexpectedBodyReason));
                return;
            }

            request.Body = body;
            context.Response.RegisterForDisposeAsync(body);
        }

        await next(context);
    }

    /// <summary>The body, readable again from the start; null when it is larger than the limit.</summary>
    private static async Task<MemoryStream?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var copy = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (copy.Length + read > RequestBodies.MaxBytes)
            {
                await copy.DisposeAsync();
                return null;
            }

            await copy.WriteAsync(chunk.AsMemory(0, read), ct);
        }

        copy.Position = 0;
        return copy;
    }
}

/// <summary>Marks an endpoint that reads an HTML form body (besides an empty one) instead of JSON.</summary>
public sealed class AcceptsFormBodyMetadata
{
    public static AcceptsFormBodyMetadata Instance { get; } = new();

    private AcceptsFormBodyMetadata()
    {
    }
}

public static class RequestBodyEndpointExtensions
{
    /// <summary>
    /// The endpoint also takes <c>application/x-www-form-urlencoded</c> and <c>multipart/form-data</c>
    /// bodies (UTF-8, within the size limit): what browsers and mail clients POST. It reads them itself.
    /// </summary>
    public static TBuilder AcceptsFormBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(AcceptsFormBodyMetadata.Instance));
        return builder;
    }
}
