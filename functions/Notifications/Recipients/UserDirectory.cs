using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Notifications.Delivery;
using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Notifications.Recipients;

/// <summary>A recipient's email as the user pool has it; null address: none to send to.</summary>
internal sealed record Recipient(string UserId, string? Email, bool Enabled);

/// <summary>
/// Finds a user's email address in the Cognito user pool by their <c>sub</c> (what domain events
/// carry): <c>ListUsers</c> with the filter <c>sub = "…"</c> (the Cognito Identity Provider JSON API,
/// <c>X-Amz-Target: AWSCognitoIdentityProviderService.ListUsers</c>, SigV4 for <c>cognito-idp</c>;
/// no Cognito package exists here). ListUsers, not AdminGetUser: in a pool that signs in by email,
/// AWS makes the username the sub but cognito-local makes it the email, and the filter finds the
/// user in both. The pool is the one source of addresses: nothing here keeps a copy.
/// </summary>
internal sealed class UserDirectory : IDisposable
{
    public const string EndpointSetting = "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER";
    public const string UserPoolSetting = "USER_POOL_ID";

    private static readonly MediaTypeHeaderValue AmzJson = new("application/x-amz-json-1.1");

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _userPoolId;

    public UserDirectory(HttpClient http, Uri endpoint, string userPoolId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userPoolId);
        _http = http;
        _endpoint = endpoint;
        _userPoolId = userPoolId;
    }

    public static UserDirectory Create(IConfiguration configuration)
    {
        var pool = configuration[UserPoolSetting] is { Length: > 0 } id ? id : configuration["AUTH_USER_POOL_ID"];
        var (http, endpoint) = AwsAccess.SignedClient(configuration, configuration[EndpointSetting], "cognito-idp", "cognito-idp", TimeSpan.FromSeconds(10));
        return new UserDirectory(http, endpoint, pool ?? throw new InvalidOperationException($"{UserPoolSetting} is not set."));
    }

    /// <summary>The user with this sub, or null when the pool has none.</summary>
    public async Task<Recipient?> FindAsync(string userId, CancellationToken ct)
    {
        // A sub is a UUID; anything else can't be one, and must not reach the filter expression.
        if (!Guid.TryParseExact(userId, "D", out _))
        {
            return null;
        }

        var request = new ListUsersRequest(_userPoolId, $"sub = \"{userId}\"", 1, ["email", "sub"]);
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService.ListUsers");
        message.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, CognitoJsonContext.Default.ListUsersRequest));
        message.Content.Headers.ContentType = AmzJson;
        using var response = await _http.SendAsync(message, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            var type = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            throw new HttpRequestException($"Cognito ListUsers failed: {type?.Split(':')[0] ?? "unknown error"}.", null, response.StatusCode);
        }

        var answer = JsonSerializer.Deserialize(body, CognitoJsonContext.Default.ListUsersResponse);
        var user = answer?.Users?.FirstOrDefault(u => Attribute(u, "sub") == userId);
        return user is null ? null : new Recipient(userId, Attribute(user, "email"), user.Enabled ?? true);
    }

    public void Dispose() => _http.Dispose();

    private static string? Attribute(CognitoUser user, string name) =>
        user.Attributes?.FirstOrDefault(a => a.Name == name)?.Value;
}

internal sealed record ListUsersRequest(string UserPoolId, string Filter, int Limit, IReadOnlyList<string> AttributesToGet);

internal sealed record ListUsersResponse(IReadOnlyList<CognitoUser>? Users);

internal sealed record CognitoUser(string? Username, IReadOnlyList<CognitoAttribute>? Attributes, bool? Enabled, string? UserStatus);

internal sealed record CognitoAttribute(string Name, string? Value);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ListUsersRequest))]
[JsonSerializable(typeof(ListUsersResponse))]
internal sealed partial class CognitoJsonContext : JsonSerializerContext;
