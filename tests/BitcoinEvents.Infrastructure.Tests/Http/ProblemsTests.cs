using System.Text.Json;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Infrastructure.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using NotFound = BitcoinEvents.Domain.Results.NotFound;
using Conflict = BitcoinEvents.Domain.Results.Conflict;

namespace BitcoinEvents.Infrastructure.Tests.Http;

public sealed class ProblemsTests
{
    public static TheoryData<DomainError, int, string> Errors => new()
    {
        { new ValidationFailed("title", "is required."), 400, "validation_failed" },
        { new Unauthenticated(), 401, "unauthenticated" },
        { new Forbidden("no"), 403, "forbidden" },
        { new NotFound("event", "x"), 404, "not_found" },
        { new InvalidStateTransition("cancelled", "publish"), 409, "invalid_state_transition" },
        { new Conflict("busy"), 409, "conflict" },
        { new PreconditionFailed("stale"), 412, "precondition_failed" },
        { new Unprocessable("other body"), 422, "unprocessable" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void EveryDomainError_HasItsStatusAndCode(DomainError error, int status, string code)
    {
        var problem = Problems.ToProblemDetails(error);

        Assert.Equal(status, problem.Status);
        Assert.Equal(code, problem.Extensions[Problems.CodeExtension]);
        Assert.Equal(status, Problems.For(error).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void EveryDomainError_HasTheTypeAndTitleOfItsKind(DomainError error, int status, string code)
    {
        var problem = Problems.ToProblemDetails(error);
        var kind = ProblemKinds.All.Single(k => k.Code == code);

        Assert.Equal(status, kind.Status);
        Assert.Equal(kind.Type, problem.Type);
        Assert.Equal(kind.Title, problem.Title);
    }

    [Fact]
    public void TheTable_GivesEveryKindItsOwnCodeAndStableTypeUri()
    {
        Assert.Equal(ProblemKinds.All.Count, ProblemKinds.All.Select(k => k.Code).Distinct().Count());
        Assert.All(ProblemKinds.All, k => Assert.Equal(ProblemKinds.TypePrefix + k.Code.Replace('_', '-'), k.Type));
        Assert.All(ProblemKinds.All, k => Assert.True(Uri.IsWellFormedUriString(k.Type, UriKind.Absolute), k.Type));
        Assert.Equal("tag:bitcoin-event-platform,2026:problems/validation-failed", ProblemKinds.ValidationFailed.Type);
    }

    [Fact]
    public void ADomainErrorMissingFromTheTable_IsABug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProblemKinds.Of(new UnknownError()));
    }

    [Theory]
    [InlineData(401, "unauthenticated")]
    [InlineData(404, "not_found")]
    [InlineData(405, "method_not_allowed")]
    [InlineData(413, "payload_too_large")]
    [InlineData(415, "unsupported_media_type")]
    [InlineData(500, "internal_error")]
    [InlineData(429, "client_error")]
    public void Complete_FillsAFrameworkProblemFromTheTableByStatus(int status, string code)
    {
        var problem = new ProblemDetails { Type = "https://tools.ietf.org/html/rfc9110", Title = "Whatever" };

        Problems.Complete(problem, status);

        Assert.Equal(status, problem.Status);
        Assert.Equal(code, problem.Extensions[Problems.CodeExtension]);
        Assert.StartsWith(ProblemKinds.TypePrefix, problem.Type, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.Detail));
    }

    [Fact]
    public void Complete_LeavesAProblemOfTheTableAsItIs()
    {
        var problem = Problems.ToProblemDetails(new Forbidden("Only admins."));

        Problems.Complete(problem, 403);

        Assert.Equal("Only admins.", problem.Detail);
        Assert.Equal("forbidden", problem.Extensions[Problems.CodeExtension]);
    }

    [Fact]
    public void Validation_GroupsReasonsByField()
    {
        var problem = Assert.IsType<HttpValidationProblemDetails>(Problems.ToProblemDetails(new ValidationFailed(
        [
            new FieldError("venue.timeZone", "must be an IANA time zone."),
            new FieldError("capacity", "is required."),
            new FieldError("capacity", "must be positive."),
        ])));

        Assert.Equal(["must be an IANA time zone."], problem.Errors["venue.timeZone"]);
        Assert.Equal(["is required.", "must be positive."], problem.Errors["capacity"]);
    }

    [Theory]
    [InlineData(null, "body")]
    [InlineData("$", "body")]
    [InlineData("$.capacity", "capacity")]
    [InlineData("$.venue.addressLines[0]", "venue.addressLines[0]")]
    [InlineData("$['odd key']", "odd key")]
    [InlineData("$.venue['time zone']", "venue.time zone")]
    public void FieldFromJsonPath_GivesTheClientsPath(string? path, string expected)
    {
        Assert.Equal(expected, ClientErrorExceptionHandler.FieldFromJsonPath(path));
    }

    [Fact]
    public void Describe_BindingFailureOfAQueryValue_NamesTheParameter()
    {
        var problem = ClientErrorExceptionHandler.Describe(new BadHttpRequestException("Failed to bind parameter \"int limit\" from \"abc\"."));

        var validation = Assert.IsType<HttpValidationProblemDetails>(problem);
        Assert.Contains("limit", validation.Errors.Keys);
    }

    [Fact]
    public void Describe_JsonErrorInTheBody_NamesItsPath()
    {
        var json = new JsonException("The JSON value could not be converted to System.Int32.", "$.capacity", 0, 20);

        var problem = ClientErrorExceptionHandler.Describe(new BadHttpRequestException("Failed to read parameter \"EventInput body\" from the request body as JSON.", json));

        Assert.Equal(["has the wrong type or format."], Assert.IsType<HttpValidationProblemDetails>(problem).Errors["capacity"]);
    }

    [Theory]
    [InlineData("""{"nmae": "Hall"}""", "nmae")]
    [InlineData("""{"name": "Hall", "venue": {"citty": "Porto"}}""", "venue.citty")]
    public void Describe_AMemberTheRequestDoesNotHave_NamesItWhereTheClientWroteIt(string body, string field)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        PlatformJson.Apply(options);
        var refused = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Place>(body, options));

        var problem = ClientErrorExceptionHandler.Describe(new BadHttpRequestException("Failed to read parameter \"Place body\" from the request body as JSON.", refused));

        Assert.Equal(["is not a member of this request."], Assert.IsType<HttpValidationProblemDetails>(problem).Errors[field]);
    }

    public sealed record Place(string? Name, Place? Venue, string? City);

    [Fact]
    public void Describe_UnsupportedMediaType_Is415()
    {
        var problem = ClientErrorExceptionHandler.Describe(new BadHttpRequestException("Expected a supported JSON media type but got \"text/plain\".", StatusCodes.Status415UnsupportedMediaType));

        Assert.Equal(415, problem!.Status);
    }

    [Fact]
    public void Describe_AnyOtherException_IsNotAClientError()
    {
        Assert.Null(ClientErrorExceptionHandler.Describe(new InvalidOperationException("bug")));
        Assert.Null(ClientErrorExceptionHandler.Describe(new KeyNotFoundException()));
    }

    [Fact]
    public async Task Handler_LeavesServerErrorsToTheDefault500()
    {
        var handler = new ClientErrorExceptionHandler(NullLogger<ClientErrorExceptionHandler>.Instance);

        var handled = await handler.TryHandleAsync(new DefaultHttpContext(), new InvalidOperationException("bug"), TestContext.Current.CancellationToken);

        Assert.False(handled);
    }

    [Fact]
    public void Describe_AValueRefusedWithAReason_GivesThatReason()
    {
        var problem = ClientErrorExceptionHandler.Describe(new JsonReasonException(Rfc3339DateTimeOffsetConverter.Reason));

        Assert.Equal([Rfc3339DateTimeOffsetConverter.Reason], Assert.IsType<HttpValidationProblemDetails>(problem).Errors["body"]);
    }

    [Fact]
    public void Describe_BodyTooLarge_Is413PayloadTooLarge()
    {
        var problem = ClientErrorExceptionHandler.Describe(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));

        Assert.Equal(413, problem!.Status);
        Assert.Equal("payload_too_large", problem.Extensions[Problems.CodeExtension]);
    }

    private sealed record UnknownError() : DomainError("Not in the table.");

    [Fact]
    public void For_ReturnsATypedProblemResult()
    {
        Assert.IsType<ProblemHttpResult>(Problems.For(new Forbidden("no")));
        Assert.IsType<ProblemDetails>(Problems.ToProblemDetails(new Forbidden("no")), exactMatch: false);
    }
}
