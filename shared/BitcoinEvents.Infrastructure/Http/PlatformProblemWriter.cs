using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace BitcoinEvents.Infrastructure.Http;

/// <summary>
/// Writes every problem the app answers with (endpoints, middleware, status code pages, the
/// exception handler) as <c>application/problem+json</c>, completed from <see cref="ProblemKinds"/>
/// by status. It writes whatever the request's Accept header asks for: a client that accepts only
/// text/html still learns what went wrong, and never gets an empty body or a 500 instead.
/// </summary>
internal sealed class PlatformProblemWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";
    public const string TraceIdExtension = "traceId";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        Problems.Complete(problem, http.Response.StatusCode);
        problem.Extensions.TryAdd(TraceIdExtension, Activity.Current?.Id ?? http.TraceIdentifier);
        var typeInfo = json.Value.SerializerOptions.GetTypeInfo(problem.GetType());
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, typeInfo, ContentType, http.RequestAborted));
    }
}
