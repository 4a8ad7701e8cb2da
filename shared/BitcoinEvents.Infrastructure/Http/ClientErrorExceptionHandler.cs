using System.Text.Json;
using System.Text.RegularExpressions;
using BitcoinEvents.Domain.Results;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Infrastructure.Http;

/// <summary>
/// Turns a client's mistake that surfaced as an exception (malformed JSON, a value of the wrong
/// type, a query value that does not parse, a missing body, an unsupported media type) into a 400
/// (or the 4xx the framework chose) naming the field. Anything else is not a client mistake and is
/// left to the default handler: a 500 problem.
/// </summary>
public sealed partial class ClientErrorExceptionHandler(ILogger<ClientErrorExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The field named when the whole body is at fault.</summary>
    public const string BodyField = "body";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var problem = Describe(exception);
        if (problem is null || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogClientError(logger, problem.Status, exception);
        await Problems.WriteAsync(httpContext, problem);
        return true;
    }

    /// <summary>The problem for a client error, or null when <paramref name="exception"/> is not one.</summary>
    public static ProblemDetails? Describe(Exception exception)
    {
        switch (exception)
        {
            case JsonException json:
                return Problems.Validation([FromJson(json)]);
            case BadHttpRequestException { InnerException: JsonException json }:
                return Problems.Validation([FromJson(json)]);
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status400BadRequest:
                return Problems.Validation([FromBindingMessage(bad.Message)]);
            case BadHttpRequestException bad:
                return new ProblemDetails
                {
                    Status = bad.StatusCode,
                    Detail = bad.StatusCode switch
                    {
                        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
                        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                        _ => "The request is malformed.",
                    },
                    Extensions = { [Problems.CodeExtension] = "bad_request" },
                };
            default:
                return null;
        }
    }

    private static FieldError FromJson(JsonException exception)
    {
        var field = FieldFromJsonPath(exception.Path);
        var reason = exception.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "has the wrong type or format."
            : "is not valid JSON.";
        return new FieldError(field, reason);
    }

    /// <summary>"$.venue.addressLines[0]" → "venue.addressLines[0]"; "$['a b']" → "a b"; "$" or none → "body".</summary>
    public static string FieldFromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return BodyField;
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
            : path.StartsWith('$') ? path[1..]
            : path;
        field = BracketedName().Replace(field, m => (m.Index == 0 ? "" : ".") + m.Groups["name"].Value);
        return field.Length == 0 ? BodyField : field;
    }

    // Messages of the minimal API binder: 'Failed to bind parameter "int limit" from "x".',
    // 'Required parameter "string sort" was not provided from query string.',
    // 'Required parameter "EventInput input" was not provided from body.'
    private static FieldError FromBindingMessage(string message)
    {
        var match = BindingParameter().Match(message);
        if (!match.Success)
        {
            return new FieldError(BodyField, "is malformed.");
        }

        var fromBody = message.Contains("from body", StringComparison.Ordinal) || message.Contains("request body", StringComparison.Ordinal);
        var field = fromBody ? BodyField : match.Groups["name"].Value;
        var reason = message.StartsWith("Required", StringComparison.Ordinal) ? "is required." : "has the wrong type or format.";
        return new FieldError(field, reason);
    }

    [GeneratedRegex("""\['(?<name>[^']*)'\]""")]
    private static partial Regex BracketedName();

    [GeneratedRegex("""parameter "(?:[^"]* )?(?<name>[^" ]+)"(?:\s|\.|$)""")]
    private static partial Regex BindingParameter();

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Answered a client error with {StatusCode}")]
    private static partial void LogClientError(ILogger logger, int? statusCode, Exception exception);
}
