using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Events.Tests.Auth;

/// <summary>Access tokens shaped like Cognito's (no <c>aud</c>; <c>client_id</c>, <c>token_use</c>), signed with any key.</summary>
public static class TestTokens
{
    public static string AccessToken(
        string issuer,
        string clientId,
        SecurityKey key,
        string algorithm = SecurityAlgorithms.RsaSha256,
        DateTime? notBefore = null,
        DateTime? expires = null,
        bool withExpiry = true)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            IssuedAt = notBefore ?? now,
            NotBefore = notBefore ?? now,
            Expires = withExpiry ? expires ?? now.AddHours(1) : null,
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", "3f1c2a4e-0000-4000-8000-000000000001"),
                new Claim("client_id", clientId),
                new Claim("token_use", "access"),
                new Claim("cognito:groups", "organizer"),
            ]),
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }
}
