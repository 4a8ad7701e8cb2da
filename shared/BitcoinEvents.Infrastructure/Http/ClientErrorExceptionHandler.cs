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
/// type, a time without offset, a duplicated property, a query value that does not parse, a body
/// too large, an unsupported media type) into a 400 naming the field (or the 4xx the framework
/// chose). Anything else is not a client mistake and is left to the default handler: a 500 problem.
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
    public static ProblemDetails? Describe(Exception exception) => exception switch
    {
        JsonException json => Problems.Validation([FromJson(json)]),
        BadHttpRequestException { InnerException: JsonException json } => Problems.Validation([FromJson(json)]),
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad => Problems.Validation([FromBindingMessage(bad.Message)]),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problems.Of(ProblemKinds.PayloadTooLarge, RequestBodies.TooLargeDetail),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => Problems.Of(ProblemKinds.UnsupportedMediaType, RequestBodies.MediaTypeDetail),
        BadHttpRequestException { StatusCode: >= 400 and < 500 } bad => Problems.Of(ProblemKinds.ForStatus(bad.StatusCode), "The request is malformed."),
        _ => null,
    };

    private static FieldError FromJson(JsonException exception)
    {
        var field = FieldFromJsonPath(exception.Path);
        var unmapped = UnmappedProperty().Match(exception.Message);
        if (unmapped.Success)
        {
            var name = unmapped.Groups["name"].Value;
            var member = field == BodyField ? name
                : field.EndsWith(name, StringComparison.Ordinal) ? field
                : $"{field}.{name}";
            return new FieldError(member, "is not a member of this request.");
        }

        var reason = exception switch
        {
            JsonReasonException withReason => withReason.Reason,
            _ when exception.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) => "has the wrong type or format.",
            _ when exception.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) => "is given more than once.",
            _ when exception.Message.Contains("maximum configured depth", StringComparison.Ordinal) => "is nested too deeply.",
            _ => "is not valid JSON.",
        };
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
        var reason = message.StartsWith("Required", StringComparison.Ordinal) ? "is required."
            : match.Groups["type"].Value.StartsWith("int", StringComparison.Ordinal) || match.Groups["type"].Value.StartsWith("long", StringComparison.Ordinal) ? "must be a whole number."
            : "has the wrong type or format.";
        return new FieldError(field, reason);
    }

    [GeneratedRegex("""\['(?<name>[^']*)'\]""")]
    private static partial Regex BracketedName();

    [GeneratedRegex("""parameter "(?:(?<type>[^"]*) )?(?<name>[^" ]+)"(?:\s|\.|$)""")]
    private static partial Regex BindingParameter();

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Answered a client error with {StatusCode}")]
    private static partial void LogClientError(ILogger logger, int? statusCode, Exception exception);

    // System.Text.Json: "The JSON property 'x' could not be mapped to any .NET member contained in type '...'."
    [GeneratedRegex("^The JSON property '(?<name>[^']*)' could not be mapped to any .NET member", RegexOptions.CultureInvariant)]
    private static partial Regex UnmappedProperty();
}
