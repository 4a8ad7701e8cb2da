using BitcoinEvents.Domain.Results;
using Microsoft.AspNetCore.Http;
using ProblemHttpResult = Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Infrastructure.Http;

/// <summary>
/// The one place where errors become RFC 9457 problem details: domain errors from endpoints, and
/// the problems the platform's middleware answers with (idempotency, malformed requests).
/// Every problem carries a stable <c>code</c>; a 400 carries <c>errors</c> keyed by JSON path.
/// </summary>
public static class Problems
{
    public const string CodeExtension = "code";

    /// <summary>The typed result an endpoint returns for <paramref name="error"/>.</summary>
    public static ProblemHttpResult For(DomainError error) => TypedResults.Problem(ToProblemDetails(error));

    public static int StatusCodeOf(DomainError error) => error switch
    {
        ValidationFailed => StatusCodes.Status400BadRequest,
        Unauthenticated => StatusCodes.Status401Unauthorized,
        Forbidden => StatusCodes.Status403Forbidden,
        NotFound => StatusCodes.Status404NotFound,
        InvalidStateTransition or Conflict => StatusCodes.Status409Conflict,
        PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        Unprocessable => StatusCodes.Status422UnprocessableEntity,
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "No status code for this error."),
    };

    public static ProblemDetails ToProblemDetails(DomainError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = StatusCodeOf(error);
        ProblemDetails problem = error is ValidationFailed validation
            ? Validation(validation.Errors)
            : new ProblemDetails { Status = status, Title = TitleOf(error), Detail = error.Detail };
        problem.Extensions[CodeExtension] = CodeOf(error);
        return problem;
    }

    /// <summary>A 400 whose <c>errors</c> name each field (JSON path) with its reasons.</summary>
    public static HttpValidationProblemDetails Validation(IEnumerable<FieldError> errors)
    {
        var byField = errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray(), StringComparer.Ordinal);
        return new HttpValidationProblemDetails(byField)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
            Detail = "See errors: each names a field of the request and why it was refused.",
            Extensions = { [CodeExtension] = "validation_failed" },
        };
    }

    /// <summary>Writes <paramref name="error"/> as the response, through the app's problem details service.</summary>
    public static ValueTask WriteAsync(HttpContext context, DomainError error) =>
        WriteAsync(context, ToProblemDetails(error));

    public static async ValueTask WriteAsync(HttpContext context, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static string TitleOf(DomainError error) => error switch
    {
        Unauthenticated => "Authentication required.",
        Forbidden => "Forbidden.",
        NotFound => "Not found.",
        InvalidStateTransition => "The resource's state does not allow this.",
        Conflict => "Conflict.",
        PreconditionFailed => "Precondition failed.",
        Unprocessable => "Unprocessable request.",
        _ => "Error.",
    };

    private static string CodeOf(DomainError error) => error switch
    {
        ValidationFailed => "validation_failed",
        Unauthenticated => "unauthenticated",
        Forbidden => "forbidden",
        NotFound => "not_found",
        InvalidStateTransition => "invalid_state_transition",
        Conflict => "conflict",
        PreconditionFailed => "precondition_failed",
        Unprocessable => "unprocessable",
        _ => "error",
    };
}
