using System.Security.Cryptography;
using System.Text;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Infrastructure.Auth;
using BitcoinEvents.Infrastructure.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Infrastructure.Idempotency;

/// <summary>
/// Honours <c>Idempotency-Key</c> on every mutating request (POST, PUT, PATCH, DELETE) that reached an
/// operation (a named endpoint); endpoints marked <see cref="IdempotencyEndpointExtensions.RequireIdempotencyKey{TBuilder}"/>
/// refuse requests without one. The key is scoped to the caller; the request is fingerprinted by
/// method, path and body. Replays carry <c>Idempotent-Replayed: true</c>. Runs after authorization.
/// </summary>
public sealed partial class IdempotencyMiddleware(RequestDelegate next, ILogger<IdempotencyMiddleware> logger)
{
    /// <summary>Bodies above this are not fingerprinted: 413 (the platform's limit for every body).</summary>
    public const int MaxBodyBytes = RequestBodies.MaxBytes;

    /// <summary>Responses above this are not stored (DynamoDB's item limit is 400 KB): the claim is released instead.</summary>
    public const int MaxStoredResponseBytes = 300 * 1024;

    private const string AnonymousScope = "anonymous";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        // Only the areas' operations; the framework's own endpoints (405 and the like) and a
        // host's local tooling are not.
        if (!IsMutating(request.Method)
            || context.GetEndpoint() is not { } endpoint
            || !PlatformOperationMetadata.IsOperation(endpoint))
        {
            await next(context);
            return;
        }

        var header = request.Headers[IdempotencyKeys.HeaderName];
        if (header.Count == 0)
        {
            if (endpoint.Metadata.GetMetadata<IdempotencyMetadata>() is { Required: true })
            {
                await Problems.WriteAsync(context, new ValidationFailed(IdempotencyKeys.HeaderName, "is required for this request: send a unique key (such as a UUID) and reuse it when retrying."));
                return;
            }

            await next(context);
            return;
        }

        if (!IdempotencyKeys.TryParse(header, out var key))
        {
            await Problems.WriteAsync(context, new ValidationFailed(IdempotencyKeys.HeaderName, $"must be one string of 1 to {IdempotencyKeys.MaxLength} visible ASCII characters, such as a UUID."));
            return;
        }

        var body = await ReadBodyAsync(request, context.RequestAborted);
        if (body is null)
        {
            await Problems.WriteAsync(context, Problems.Of(ProblemKinds.PayloadTooLarge, RequestBodies.TooLargeDetail));
            return;
        }

        // Resolved here, not in the constructor: only an operation's mutating request needs the table.
        var store = context.RequestServices.GetRequiredService<IdempotencyStore>();
        var scope = context.User.FindFirst(CallerClaims.Subject)?.Value ?? AnonymousScope;
        var fingerprint = Fingerprint(request, body);
        var claim = await store.ClaimAsync(scope, key, fingerprint, context.RequestAborted);
        switch (claim)
        {
            case IdempotencyClaim.Mismatch:
                LogMismatch(logger, request.Method, request.Path);
                await Problems.WriteAsync(context, new Unprocessable("This Idempotency-Key was already used for a different request; use a new key for a new request."));
                return;
            case IdempotencyClaim.InFlight:
                LogInFlight(logger, request.Method, request.Path);
                context.Response.Headers.RetryAfter = "1";
                await Problems.WriteAsync(context, new Conflict("A request with this Idempotency-Key is still being processed; retry later."));
                return;
            case IdempotencyClaim.Completed completed:
                LogReplayed(logger, request.Method, request.Path, completed.Response.StatusCode);
                await ReplayAsync(context, completed.Response);
                return;
            case IdempotencyClaim.Started started:
                await RunAndRecordAsync(context, store, scope, key, started.Token);
                return;
            default:
                throw new InvalidOperationException($"Unexpected claim {claim}.");
        }
    }

    private async Task RunAndRecordAsync(HttpContext context, IdempotencyStore store, string scope, string key, string token)
    {
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            response.Body = original;
            await store.AbandonAsync(scope, key, token, CancellationToken.None);
            throw;
        }

        response.Body = original;
        var bytes = buffer.ToArray();
        if (response.StatusCode >= 500 || bytes.Length > MaxStoredResponseBytes)
        {
            await store.AbandonAsync(scope, key, token, CancellationToken.None);
        }
        else
        {
            var stored = new StoredResponse(
                response.StatusCode,
                bytes,
                response.ContentType,
                response.Headers.Location.FirstOrDefault(),
                response.Headers.ETag.FirstOrDefault());
            try
            {
                await store.CompleteAsync(scope, key, token, stored, CancellationToken.None);
            }
#pragma warning disable CA1031 // The client gets its answer even if the record can't be written.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogCompleteFailed(logger, exception);
            }
        }

        if (bytes.Length > 0)
        {
            await original.WriteAsync(bytes, context.RequestAborted);
        }
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        var response = context.Response;
        response.StatusCode = stored.StatusCode;
        if (stored.ContentType is not null)
        {
            response.ContentType = stored.ContentType;
        }

        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        if (stored.ETag is not null)
        {
            response.Headers.ETag = stored.ETag;
        }

        response.Headers[IdempotencyKeys.ReplayedHeaderName] = "true";
        response.ContentLength = stored.Body.Length;
        if (stored.Body.Length > 0)
        {
            await response.Body.WriteAsync(stored.Body, context.RequestAborted);
        }
    }

    /// <summary>The whole body, left readable for the endpoint; null when it is over <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var copy = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (copy.Length + read > MaxBodyBytes)
            {
                await copy.DisposeAsync();
                return null;
            }

            await copy.WriteAsync(chunk.AsMemory(0, read), ct);
        }

        var bytes = copy.ToArray();
        copy.Position = 0;
        request.Body = copy;
        request.HttpContext.Response.RegisterForDisposeAsync(copy);
        return bytes;
    }

    private static string Fingerprint(HttpRequest request, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method.ToUpperInvariant()}\n{request.PathBase}{request.Path}\n"));
        hash.AppendData(body);
        return Convert.ToBase64String(hash.GetHashAndReset());
    }

    internal static bool IsMutating(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Idempotency-Key replayed for {Method} {Path} ({StatusCode})")]
    private static partial void LogReplayed(ILogger logger, string method, PathString path, int statusCode);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Idempotency-Key still in flight for {Method} {Path}")]
    private static partial void LogInFlight(ILogger logger, string method, PathString path);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Idempotency-Key reused with a different request for {Method} {Path}")]
    private static partial void LogMismatch(ILogger logger, string method, PathString path);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Could not store the response of an idempotent request; a retry may run it again once the claim lapses")]
    private static partial void LogCompleteFailed(ILogger logger, Exception exception);
}
