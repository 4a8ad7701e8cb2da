using BitcoinEvents.Domain.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BitcoinEvents.Infrastructure.Http;

/// <summary>
/// How the ids in one route parameter look: anything else names no resource (404 without a read).
/// <see cref="Pattern"/>, when given, says the same as a regular expression for the API description.
/// </summary>
public sealed record ResourceIdRule(string RouteParameter, string Resource, Func<string, bool> IsWellFormed, string? Pattern = null);

/// <summary>The route parameters areas registered as resource ids (<see cref="ResourceIdExtensions.AddResourceId"/>).</summary>
public sealed class ResourceIdOptions
{
    private readonly Dictionary<string, ResourceIdRule> _rules = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<ResourceIdRule> Rules => _rules.Values;

    public void Add(ResourceIdRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (_rules.TryGetValue(rule.RouteParameter, out var existing))
        {
            if (existing.Resource != rule.Resource)
            {
                throw new InvalidOperationException(
                    $"Route parameter '{rule.RouteParameter}' is already the id of resource '{existing.Resource}'; name the '{rule.Resource}' parameter differently.");
            }

            return;
        }

        _rules.Add(rule.RouteParameter, rule);
    }

    public ResourceIdRule? Find(string routeParameter) => _rules.GetValueOrDefault(routeParameter);
}

public static class ResourceIdExtensions
{
    /// <summary>
    /// Every route parameter named <paramref name="routeParameter"/> holds an id of
    /// <paramref name="resource"/>: a value <paramref name="isWellFormed"/> refuses gets the
    /// resource's 404 problem before the handler runs, so handlers never check ids themselves.
    /// </summary>
    public static IServiceCollection AddResourceId(
        this IServiceCollection services, string routeParameter, string resource, Func<string, bool> isWellFormed, string? pattern = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var rule = new ResourceIdRule(routeParameter, resource, isWellFormed, pattern);
        services.Configure<ResourceIdOptions>(options => options.Add(rule));
        return services;
    }
}

/// <summary>Answers 404 for an operation's route value that can't be an id of its resource.</summary>
internal sealed class ResourceIdMiddleware(RequestDelegate next, IOptions<ResourceIdOptions> options)
{
    private readonly ResourceIdOptions _options = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        if (_options.Rules.Count > 0 && PlatformOperationMetadata.IsOperation(context))
        {
            foreach (var (name, value) in context.Request.RouteValues)
            {
                if (_options.Find(name) is { } rule && (value is not string id || !rule.IsWellFormed(id)))
                {
                    return Problems.WriteAsync(context, new NotFound(rule.Resource, value?.ToString() ?? ""));
                }
            }
        }

        return next(context);
    }
}
