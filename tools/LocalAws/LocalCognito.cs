using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BitcoinEvents.LocalAws;

/// <summary>Tokens from a successful sign-in.</summary>
/// <param name="AccessToken">The access token (carries <c>sub</c>, <c>client_id</c>, <c>cognito:groups</c>, <c>iss</c>, <c>exp</c>; no <c>aud</c>).</param>
/// <param name="IdToken">The id token (<c>aud</c> = client id, <c>email</c>, <c>cognito:groups</c>).</param>
/// <param name="ExpiresIn">Lifetime of the access token in seconds.</param>
public sealed record CognitoTokens(string AccessToken, string IdToken, int ExpiresIn)
{
    /// <summary>The refresh token, if one was issued.</summary>
    public string? RefreshToken { get; init; }
}

/// <summary>A user pool as listed.</summary>
public sealed record CognitoUserPool(string Id, string Name);

/// <summary>A user pool client as listed.</summary>
public sealed record CognitoUserPoolClient(string ClientId, string ClientName, string UserPoolId);

/// <summary>An error answered by cognito-local (<c>__type</c> and <c>message</c>).</summary>
public sealed class LocalCognitoException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LocalCognitoException()
    {
        ErrorType = "Unknown";
    }

    /// <summary>Creates the exception.</summary>
    public LocalCognitoException(string message)
        : base(message)
    {
        ErrorType = "Unknown";
    }

    /// <summary>Creates the exception.</summary>
    public LocalCognitoException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorType = "Unknown";
    }

    /// <summary>Creates the exception.</summary>
    public LocalCognitoException(string operation, string errorType, string message, int statusCode)
        : base($"Cognito {operation} failed ({statusCode} {errorType}): {message}")
    {
        Operation = operation;
        ErrorType = errorType;
        StatusCode = statusCode;
    }

    /// <summary>The operation that failed.</summary>
    public string? Operation { get; }

    /// <summary>Cognito's error type, e.g. <c>UserNotFoundException</c>, <c>UsernameExistsException</c>.</summary>
    public string ErrorType { get; }

    /// <summary>HTTP status code.</summary>
    public int StatusCode { get; }
}

/// <summary>
/// A small client of cognito-local's JSON API (the Cognito Identity Provider wire protocol:
/// POST / with <c>X-Amz-Target: AWSCognitoIdentityProviderService.&lt;Op&gt;</c>, body
/// <c>application/x-amz-json-1.1</c>). No Cognito SDK package is available here.
/// </summary>
public sealed class LocalCognito : IDisposable
{
    private const string TargetPrefix = "AWSCognitoIdentityProviderService.";
    private static readonly MediaTypeHeaderValue AmzJson = new("application/x-amz-json-1.1");

    private readonly HttpClient _http;
    private readonly bool _ownsClient;

    /// <summary>Creates a client of the cognito-local at <paramref name="endpoint"/>.</summary>
    public LocalCognito(Uri endpoint, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        _ownsClient = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>cognito-local's endpoint.</summary>
    public Uri Endpoint { get; }

    /// <summary>Calls one operation and returns its JSON answer.</summary>
    public async Task<JsonObject> CallAsync(string operation, JsonObject request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", TargetPrefix + operation);
        message.Content = new StringContent(request.ToJsonString(), Encoding.UTF8);
        message.Content.Headers.ContentType = AmzJson;
        using var response = await _http.SendAsync(message, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? node = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                node = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                // Not JSON: reported below.
            }
        }

        if (!response.IsSuccessStatusCode)
        {
            var type = node?["__type"]?.GetValue<string>() ?? node?["code"]?.GetValue<string>() ?? "Unknown";
            var text = node?["message"]?.GetValue<string>() ?? body;
            throw new LocalCognitoException(operation, type, text, (int)response.StatusCode);
        }

        return node as JsonObject ?? [];
    }

    /// <summary>CreateUserPool; returns the pool id.</summary>
    public async Task<string> CreateUserPoolAsync(string poolName, IEnumerable<string>? usernameAttributes = null, IEnumerable<string>? autoVerifiedAttributes = null, JsonObject? policies = null, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["PoolName"] = poolName };
        if (usernameAttributes is not null)
        {
            request["UsernameAttributes"] = ToArray(usernameAttributes);
        }

        if (autoVerifiedAttributes is not null)
        {
            request["AutoVerifiedAttributes"] = ToArray(autoVerifiedAttributes);
        }

        if (policies is not null)
        {
            request["Policies"] = policies.DeepClone();
        }

        var response = await CallAsync("CreateUserPool", request, cancellationToken);
        return response["UserPool"]?["Id"]?.GetValue<string>() ?? throw new InvalidOperationException("CreateUserPool answered no pool id.");
    }

    /// <summary>ListUserPools (all pages).</summary>
    public async Task<IReadOnlyList<CognitoUserPool>> ListUserPoolsAsync(CancellationToken cancellationToken = default)
    {
        var pools = new List<CognitoUserPool>();
        string? next = null;
        do
        {
            var request = new JsonObject { ["MaxResults"] = 60 };
            if (next is not null)
            {
                request["NextToken"] = next;
            }

            var response = await CallAsync("ListUserPools", request, cancellationToken);
            foreach (var pool in response["UserPools"]?.AsArray() ?? [])
            {
                pools.Add(new CognitoUserPool(pool!["Id"]!.GetValue<string>(), pool["Name"]?.GetValue<string>() ?? string.Empty));
            }

            next = response["NextToken"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(next));
        return pools;
    }

    /// <summary>Finds a pool by name, or creates it. Returns the pool id.</summary>
    public async Task<string> EnsureUserPoolAsync(string poolName, IEnumerable<string>? usernameAttributes = null, IEnumerable<string>? autoVerifiedAttributes = null, JsonObject? policies = null, CancellationToken cancellationToken = default)
    {
        var existing = (await ListUserPoolsAsync(cancellationToken)).FirstOrDefault(p => string.Equals(p.Name, poolName, StringComparison.Ordinal));
        return existing?.Id ?? await CreateUserPoolAsync(poolName, usernameAttributes, autoVerifiedAttributes, policies, cancellationToken);
    }

    /// <summary>CreateUserPoolClient; returns the client id. <paramref name="settings"/> may carry ExplicitAuthFlows, token validities, etc.</summary>
    public async Task<string> CreateUserPoolClientAsync(string userPoolId, string clientName, JsonObject? settings = null, CancellationToken cancellationToken = default)
    {
        var request = settings?.DeepClone().AsObject() ?? [];
        request["UserPoolId"] = userPoolId;
        request["ClientName"] = clientName;
        var response = await CallAsync("CreateUserPoolClient", request, cancellationToken);
        return response["UserPoolClient"]?["ClientId"]?.GetValue<string>() ?? throw new InvalidOperationException("CreateUserPoolClient answered no client id.");
    }

    /// <summary>ListUserPoolClients (all pages).</summary>
    public async Task<IReadOnlyList<CognitoUserPoolClient>> ListUserPoolClientsAsync(string userPoolId, CancellationToken cancellationToken = default)
    {
        var clients = new List<CognitoUserPoolClient>();
        string? next = null;
        do
        {
            var request = new JsonObject { ["UserPoolId"] = userPoolId, ["MaxResults"] = 60 };
            if (next is not null)
            {
                request["NextToken"] = next;
            }

            var response = await CallAsync("ListUserPoolClients", request, cancellationToken);
            foreach (var client in response["UserPoolClients"]?.AsArray() ?? [])
            {
                clients.Add(new CognitoUserPoolClient(
                    client!["ClientId"]!.GetValue<string>(),
                    client["ClientName"]?.GetValue<string>() ?? string.Empty,
                    client["UserPoolId"]?.GetValue<string>() ?? userPoolId));
            }

            next = response["NextToken"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(next));
        return clients;
    }

    /// <summary>Finds a client of the pool by name, or creates it. Returns the client id.</summary>
    public async Task<string> EnsureUserPoolClientAsync(string userPoolId, string clientName, JsonObject? settings = null, CancellationToken cancellationToken = default)
    {
        var existing = (await ListUserPoolClientsAsync(userPoolId, cancellationToken)).FirstOrDefault(c => string.Equals(c.ClientName, clientName, StringComparison.Ordinal));
        return existing?.ClientId ?? await CreateUserPoolClientAsync(userPoolId, clientName, settings, cancellationToken);
    }

    /// <summary>CreateGroup unless the pool already has a group of this name.</summary>
    public async Task EnsureGroupAsync(string userPoolId, string groupName, string? description = null, CancellationToken cancellationToken = default)
    {
        // cognito-local answers GetGroup of a missing group with a bare 500, so list instead.
        var existing = await ListGroupsAsync(userPoolId, cancellationToken);
        if (!existing.Contains(groupName, StringComparer.Ordinal))
        {
            await CreateGroupAsync(userPoolId, groupName, description, cancellationToken);
        }
    }

    /// <summary>CreateGroup.</summary>
    public async Task CreateGroupAsync(string userPoolId, string groupName, string? description = null, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject { ["UserPoolId"] = userPoolId, ["GroupName"] = groupName };
        if (description is not null)
        {
            request["Description"] = description;
        }

        await CallAsync("CreateGroup", request, cancellationToken);
    }

    /// <summary>ListGroups of a pool (group names).</summary>
    public async Task<IReadOnlyList<string>> ListGroupsAsync(string userPoolId, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("ListGroups", new JsonObject { ["UserPoolId"] = userPoolId }, cancellationToken);
        return (response["Groups"]?.AsArray() ?? []).Select(g => g!["GroupName"]!.GetValue<string>()).ToList();
    }

    /// <summary>AdminCreateUser with an email attribute (verified), no invitation message.</summary>
    public async Task AdminCreateUserAsync(string userPoolId, string username, string? email = null, CancellationToken cancellationToken = default)
    {
        var attributes = new JsonArray();
        if (email is not null)
        {
            attributes.Add(new JsonObject { ["Name"] = "email", ["Value"] = email });
            attributes.Add(new JsonObject { ["Name"] = "email_verified", ["Value"] = "true" });
        }

        await CallAsync("AdminCreateUser", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["Username"] = username,
            ["UserAttributes"] = attributes,
            ["MessageAction"] = "SUPPRESS",
        }, cancellationToken);
    }

    /// <summary>AdminGetUser; null when there is no such user.</summary>
    public async Task<JsonObject?> AdminGetUserAsync(string userPoolId, string username, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CallAsync("AdminGetUser", new JsonObject { ["UserPoolId"] = userPoolId, ["Username"] = username }, cancellationToken);
        }
        catch (LocalCognitoException ex) when (ex.ErrorType.Contains("UserNotFound", StringComparison.Ordinal))
        {
            return null;
        }
    }

    /// <summary>AdminSetUserPassword.</summary>
    public async Task AdminSetUserPasswordAsync(string userPoolId, string username, string password, bool permanent = true, CancellationToken cancellationToken = default)
    {
        await CallAsync("AdminSetUserPassword", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["Username"] = username,
            ["Password"] = password,
            ["Permanent"] = permanent,
        }, cancellationToken);
    }

    /// <summary>AdminAddUserToGroup.</summary>
    public async Task AdminAddUserToGroupAsync(string userPoolId, string username, string groupName, CancellationToken cancellationToken = default)
    {
        await CallAsync("AdminAddUserToGroup", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["Username"] = username,
            ["GroupName"] = groupName,
        }, cancellationToken);
    }

    /// <summary>AdminListGroupsForUser (group names).</summary>
    public async Task<IReadOnlyList<string>> AdminListGroupsForUserAsync(string userPoolId, string username, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("AdminListGroupsForUser", new JsonObject { ["UserPoolId"] = userPoolId, ["Username"] = username }, cancellationToken);
        return (response["Groups"]?.AsArray() ?? []).Select(g => g!["GroupName"]!.GetValue<string>()).ToList();
    }

    /// <summary>
    /// Makes sure a confirmed user with this email (also the username: the pool signs in by email),
    /// this permanent password and at least these groups exists. Idempotent. Returns the user's <c>sub</c>.
    /// </summary>
    public async Task<string> EnsureUserAsync(string userPoolId, string email, string password, params string[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var user = await AdminGetUserAsync(userPoolId, email);
        if (user is null)
        {
            try
            {
                await AdminCreateUserAsync(userPoolId, email, email);
            }
            catch (LocalCognitoException ex) when (ex.ErrorType.Contains("UsernameExists", StringComparison.Ordinal))
            {
                // Created concurrently.
            }

            user = await AdminGetUserAsync(userPoolId, email);
        }

        await AdminSetUserPasswordAsync(userPoolId, email, password, permanent: true);
        if (groups.Length > 0)
        {
            var current = await AdminListGroupsForUserAsync(userPoolId, email);
            foreach (var group in groups.Except(current, StringComparer.Ordinal))
            {
                await AdminAddUserToGroupAsync(userPoolId, email, group);
            }
        }

        return SubOf(user) ?? throw new InvalidOperationException($"cognito-local returned no sub for {email}.");
    }

    /// <summary>InitiateAuth with USER_PASSWORD_AUTH.</summary>
    public async Task<CognitoTokens> SignInAsync(string clientId, string username, string password, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("InitiateAuth", new JsonObject
        {
            ["AuthFlow"] = "USER_PASSWORD_AUTH",
            ["ClientId"] = clientId,
            ["AuthParameters"] = new JsonObject { ["USERNAME"] = username, ["PASSWORD"] = password },
        }, cancellationToken);
        var result = response["AuthenticationResult"] as JsonObject;
        if (result is null)
        {
            var challenge = response["ChallengeName"]?.GetValue<string>() ?? "none";
            throw new LocalCognitoException("InitiateAuth", "ChallengeRequired", $"sign-in of {username} ended in challenge {challenge}, not tokens", 200);
        }

        return new CognitoTokens(
            result["AccessToken"]!.GetValue<string>(),
            result["IdToken"]!.GetValue<string>(),
            result["ExpiresIn"]?.GetValue<int>() ?? 3600)
        {
            RefreshToken = result["RefreshToken"]?.GetValue<string>(),
        };
    }

    /// <summary>The issuer of a pool's tokens: <c>&lt;issuerDomain&gt;/&lt;poolId&gt;</c>.</summary>
    public static string IssuerFor(string issuerDomain, string userPoolId) => issuerDomain.TrimEnd('/') + "/" + userPoolId;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }

    private static string? SubOf(JsonObject? user)
    {
        foreach (var attribute in user?["UserAttributes"]?.AsArray() ?? [])
        {
            if (attribute?["Name"]?.GetValue<string>() == "sub")
            {
                return attribute["Value"]?.GetValue<string>();
            }
        }

        return null;
    }

    private static JsonArray ToArray(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
