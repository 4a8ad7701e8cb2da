using System.Text.Json.Nodes;
using BitcoinEvents.LocalAws;

namespace Events.Tests.Auth;

/// <summary>
/// cognito-local alone, with the template's user pool and app client (what API Gateway's authorizer
/// and the local validation trust), a signed-in user, and the same user's tokens from another app
/// client of the pool and from another user pool of the same server (signed with the same key).
/// </summary>
public sealed class CognitoIssuer : IAsyncLifetime
{
    private const string Email = "auth-tests@example.test";
    private const string Password = "Auth-Passw0rd-2030";

    private LocalAwsServers? _servers;

    public string Issuer { get; private set; } = "";

    public string Audience { get; private set; } = "";

    /// <summary>An access token of the template's app client.</summary>
    public string AccessToken { get; private set; } = "";

    /// <summary>An access token of another app client of the same pool.</summary>
    public string OtherClientAccessToken { get; private set; } = "";

    /// <summary>An access token of another user pool on the same cognito-local.</summary>
    public string OtherPoolAccessToken { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _servers = await LocalAwsServers.StartAsync(LocalAwsOptions.ForTests(LocalServer.Cognito), ct);
        var resources = await LocalProvisioner.ProvisionAsync(
            _servers, SamTemplate.LoadDefault(), ProvisionOptions.ForTestRun() with { Tables = false, Queues = false, Buckets = false }, ct);
        (Issuer, Audience) = (resources.AuthIssuer!, resources.AuthAudience!);

        using var cognito = _servers.CreateCognito();
        var poolId = resources.UserPoolId!;
        await cognito.EnsureUserAsync(poolId, Email, Password);
        AccessToken = (await cognito.SignInAsync(Audience, Email, Password, ct)).AccessToken;

        var passwordSignIn = new JsonObject { ["ExplicitAuthFlows"] = new JsonArray("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH") };
        var otherClient = await cognito.CreateUserPoolClientAsync(poolId, "auth-tests-other-client", passwordSignIn.DeepClone().AsObject(), ct);
        OtherClientAccessToken = (await cognito.SignInAsync(otherClient, Email, Password, ct)).AccessToken;

        var otherPool = await cognito.CreateUserPoolAsync("auth-tests-other-pool-" + Guid.NewGuid().ToString("N")[..8], cancellationToken: ct);
        var otherPoolClient = await cognito.CreateUserPoolClientAsync(otherPool, "auth-tests-client", passwordSignIn.DeepClone().AsObject(), ct);
        await cognito.EnsureUserAsync(otherPool, Email, Password);
        OtherPoolAccessToken = (await cognito.SignInAsync(otherPoolClient, Email, Password, ct)).AccessToken;
    }

    public async ValueTask DisposeAsync()
    {
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}
