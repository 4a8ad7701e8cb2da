using BitcoinEvents.Infrastructure.Idempotency;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BitcoinEvents.Infrastructure.Http;

/// <summary>
/// A request header an operation honours outside its own parameters (the platform's middleware
/// reads it), so that the API description can list it.
/// </summary>
public sealed record RequestHeaderMetadata(string Name, bool Required, string Description, int MaxLength);

/// <summary>
/// Describes how many items a list in a request may hold (the API description's minItems and
/// maxItems). Only describes: the domain's validation decides.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ItemCountAttribute(int minimum, int maximum) : Attribute
{
    public int Minimum { get; } = minimum;

    public int Maximum { get; } = maximum;
}

public static class ProblemResponseExtensions
{
    /// <summary>
    /// Declares the problems the operation itself can answer with (its domain errors). What the
    /// platform's pipeline can answer (401, 404 for a malformed id, 400/413/415 for a body, the
    /// Idempotency-Key problems, 500) is declared by the platform on every operation.
    /// </summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(statusCodes);
        builder.Add(endpoint =>
        {
            foreach (var status in statusCodes)
            {
                PlatformEndpoints.DeclareProblem(endpoint, status);
            }
        });
        return builder;
    }
}

/// <summary>The conventions the platform applies to every operation mapped on its route group.</summary>
internal static class PlatformEndpoints
{
    public const string ProblemContentType = "application/problem+json";

    /// <summary>Declares, on <paramref name="endpoint"/>, every problem the platform's pipeline can answer it with.</summary>
    public static void Apply(EndpointBuilder endpoint)
    {
        var metadata = endpoint.Metadata;
        if (RequiresCaller(endpoint))
        {
            DeclareProblem(endpoint, StatusCodes.Status401Unauthorized);
        }

        if (HasResourceId(endpoint))
        {
            DeclareProblem(endpoint, StatusCodes.Status404NotFound);
        }

        if (metadata.OfType<IAcceptsMetadata>().Any())
        {
            DeclareProblem(endpoint, StatusCodes.Status400BadRequest);
            DeclareProblem(endpoint, StatusCodes.Status413PayloadTooLarge);
            DeclareProblem(endpoint, StatusCodes.Status415UnsupportedMediaType);
        }

        if (metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).Any(IdempotencyMiddleware.IsMutating))
        {
            var required = metadata.OfType<IdempotencyMetadata>().LastOrDefault() is { Required: true };
            metadata.Add(new RequestHeaderMetadata(
                IdempotencyKeys.HeaderName,
                required,
                (required ? "Required. " : "Optional. ")
                    + "A unique key (such as a UUID) for this request; a retry with the same key and body gets the first answer "
                    + "(Idempotent-Replayed: true), one while the first is still running gets 409, one with another body 422.",
                IdempotencyKeys.MaxLength + 2));
            DeclareProblem(endpoint, StatusCodes.Status400BadRequest);
            DeclareProblem(endpoint, StatusCodes.Status409Conflict);
            DeclareProblem(endpoint, StatusCodes.Status413PayloadTooLarge);
            DeclareProblem(endpoint, StatusCodes.Status422UnprocessableEntity);
        }

        DeclareProblem(endpoint, StatusCodes.Status500InternalServerError);
    }

    /// <summary>Adds a problem response for <paramref name="status"/> unless the endpoint declares one already.</summary>
    public static void DeclareProblem(EndpointBuilder endpoint, int status)
    {
        if (endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status))
        {
            return;
        }

        var type = status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
        endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, type, [ProblemContentType]));
    }

    private static bool RequiresCaller(EndpointBuilder endpoint) =>
        endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any()
        && !endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();

    private static bool HasResourceId(EndpointBuilder endpoint)
    {
        if (endpoint is not RouteEndpointBuilder route)
        {
            return false;
        }

        var rules = endpoint.ApplicationServices.GetService<IOptions<ResourceIdOptions>>()?.Value;
        return rules is not null && route.RoutePattern.Parameters.Any(p => rules.Find(p.Name) is not null);
    }
}
