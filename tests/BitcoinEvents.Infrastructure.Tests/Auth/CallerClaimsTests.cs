using System.Security.Claims;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Infrastructure.Auth;
using Microsoft.IdentityModel.JsonWebTokens;

namespace BitcoinEvents.Infrastructure.Tests.Auth;

public sealed class CallerClaimsTests
{
    [Fact]
    public void ToCaller_ReadsSubAndEveryGroupClaim()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "abc"), new Claim("cognito:groups", "organizer"), new Claim("cognito:groups", "admin")],
            "Bearer"));

        var caller = user.ToCaller();

        Assert.NotNull(caller);
        Assert.Equal("abc", caller.Id);
        Assert.True(caller.IsOrganizer);
        Assert.True(caller.IsAdmin);
    }

    [Fact]
    public void ToCaller_OfAnonymousOrSubjectlessUser_IsNull()
    {
        Assert.Null(new ClaimsPrincipal(new ClaimsIdentity()).ToCaller());
        Assert.Null(new ClaimsPrincipal(new ClaimsIdentity([new Claim("email", "a@b.c")], "Bearer")).ToCaller());
        Assert.IsType<Unauthenticated>(((ClaimsPrincipal?)null).RequireCaller().Error);
    }

    [Fact]
    public void Audience_IsAudWhenPresent()
    {
        var token = new JsonWebToken(new JsonWebTokenHandler().CreateToken("""{"aud":"client-1","sub":"x"}"""));

        Assert.True(PlatformAuthentication.IsForAudience(["client-1"], token, "client-1"));
        Assert.False(PlatformAuthentication.IsForAudience(["client-2"], token, "client-1"));
    }

    [Fact]
    public void Audience_IsClientIdWhenTheTokenHasNoAud()
    {
        var access = new JsonWebToken(new JsonWebTokenHandler().CreateToken("""{"client_id":"client-1","sub":"x"}"""));
        var other = new JsonWebToken(new JsonWebTokenHandler().CreateToken("""{"client_id":"client-2","sub":"x"}"""));
        var neither = new JsonWebToken(new JsonWebTokenHandler().CreateToken("""{"sub":"x"}"""));

        Assert.True(PlatformAuthentication.IsForAudience([], access, "client-1"));
        Assert.False(PlatformAuthentication.IsForAudience([], other, "client-1"));
        Assert.False(PlatformAuthentication.IsForAudience(null, neither, "client-1"));
    }
}
