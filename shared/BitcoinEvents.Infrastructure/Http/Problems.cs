using BitcoinEvents.Domain.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ProblemHttpResult = Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult;

namespace BitcoinEvents.Infrastructure.Http;

/// <summary>
/// The one place where errors become RFC 9457 problem details: domain errors from endpoints, and
/// the problems the platform's middleware answers with (idempotency, malformed requests). Status,
/// title, <c>type</c> and the stable <c>code</c> come from <see cref="ProblemKinds"/>; a 400
/// carries <c>errors</c> keyed by the field's JSON path (or the header or query parameter's name).
/// </summary>
public static class Problems
{
    public const string CodeExtension = "code";

    /// <summary>The typed result an endpoint returns for <paramref name="error"/>.</summary>
    public static ProblemHttpResult For(DomainError error) => TypedResults.Problem(ToProblemDetails(error));

    public static int StatusCodeOf(DomainError error) => ProblemKinds.Of(error).Status;

    public static ProblemDetails ToProblemDetails(DomainError error)
    {
        var kind = ProblemKinds.Of(error);
        var problem = error is ValidationFailed validation
            ? Validation(validation.Errors)
            : Of(kind, error.Detail);
        if (error is IProblemExtensions extensions)
        {
            foreach (var (name, value) in extensions.Extensions)
            {
                problem.Extensions[name] = value;
            }
        }

        return problem;
    }

    /// <summary>A problem of <paramref name="kind"/> with <paramref name="detail"/>.</summary>
    public static ProblemDetails Of(ProblemKind kind, string? detail)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new ProblemDetails
        {
            Type = kind.Type,
            Status = kind.Status,
            Title = kind.Title,
            Detail = detail,
            Extensions = { [CodeExtension] = kind.Code },
        };
    }

    /// <summary>A 400 whose <c>errors</c> name each field (JSON path) with its reasons.</summary>
    public static HttpValidationProblemDetails Validation(IEnumerable<FieldError> errors)
    {
        var byField = errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray(), StringComparer.Ordinal);
        var kind = ProblemKinds.ValidationFailed;
        return new HttpValidationProblemDetails(byField)
        {
            Type = kind.Type,
            Status = kind.Status,
            Title = kind.Title,
            Detail = "See errors: each names a field of the request and why it was refused.",
            Extensions = { [CodeExtension] = kind.Code },
        };
    }

    /// <summary>
    /// Fills what a problem written elsewhere (status code pages, the framework, <c>Results.Problem</c>)
    /// leaves out, from the table by its status: <c>type</c> (replacing the framework's generic
    /// RFC 9110 link), <c>code</c>, and title and detail when it has none. A problem of the table stays as it is.
    /// </summary>
    public static void Complete(ProblemDetails problem, int responseStatus)
    {
        ArgumentNullException.ThrowIfNull(problem);
        problem.Status ??= responseStatus;
        if (problem.Extensions.ContainsKey(CodeExtension) && ProblemKinds.IsPlatformType(problem.Type))
        {
            return;
        }

        var kind = ProblemKinds.ForStatus(problem.Status.Value);
        problem.Type = kind.Type;
        problem.Title ??= kind.Title;
        problem.Detail ??= kind.Explanation;
        problem.Extensions[CodeExtension] = kind.Code;
    }

    /// <summary>Writes <paramref name="error"/> as the response.</summary>
    public static Task WriteAsync(HttpContext context, DomainError error) =>
        WriteAsync(context, ToProblemDetails(error));

    /// <summary>Writes <paramref name="problem"/> as the response, whatever the request's Accept header says.</summary>
    public static Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        return TypedResults.Problem(problem).ExecuteAsync(context);
    }
}
