using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;
using Notifications.Tests.Support;

namespace Notifications.Tests.Operations;

/// <summary>The signed-in routes: preferences (validation names the field), push devices, and who may call them.</summary>
public sealed class RouteTests(NotificationsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Preferences_StartAsTheDefaults_AndAPutReplacesThem()
    {
        var user = await platform.NewUserAsync();
        using var api = platform.Client(user);

        var defaults = (await api.GetFromJsonAsync<JsonObject>("/me/notification-preferences", Ct))!;
        Assert.True(defaults["kinds"]!["eventReminder"]!["email"]!.GetValue<bool>());
        Assert.False(defaults["kinds"]!["eventReminder"]!["sms"]!.GetValue<bool>());
        Assert.Equal(10, defaults["kinds"]!.AsObject().Count);
        Assert.DoesNotContain("eventReminder", defaults["transactional"]!.AsArray().Select(k => k!.GetValue<string>()));

        using var put = await api.PutAsJsonAsync("/me/notification-preferences", new JsonObject
        {
            ["kinds"] = new JsonObject { ["waitingListOffer"] = new JsonObject { ["sms"] = true } },
            ["phoneNumber"] = "+351912345678",
            ["quietHours"] = new JsonObject { ["start"] = "22:00", ["end"] = "07:00", ["timeZone"] = "Europe/Lisbon" },
        }, Ct);
        var saved = (await put.Content.ReadFromJsonAsync<JsonObject>(Ct))!;

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True(saved["kinds"]!["waitingListOffer"]!["sms"]!.GetValue<bool>());
        Assert.True(saved["kinds"]!["waitingListOffer"]!["email"]!.GetValue<bool>());
        Assert.Equal("+351912345678", saved["phoneNumber"]!.GetValue<string>());
        Assert.Equal("22:00", saved["quietHours"]!["start"]!.GetValue<string>());
        Assert.Equal(1, saved["version"]!.GetValue<long>());
        Assert.Equal(saved.ToJsonString(), (await api.GetFromJsonAsync<JsonObject>("/me/notification-preferences", Ct))!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"kinds":{"orderConfirmation":{"email":false}}}""", "kinds.orderConfirmation.email")]
    [InlineData("""{"kinds":{"newsletter":{"email":false}}}""", "kinds.newsletter")]
    [InlineData("""{"kinds":{"eventReminder":{"fax":true}}}""", "kinds.eventReminder.fax")]
    [InlineData("""{"kinds":{"eventReminder":{"sms":true}}}""", "kinds.eventReminder.sms")]
    [InlineData("""{"kinds":{"eventReminder":{"push":true}}}""", "kinds.eventReminder.push")]
    [InlineData("""{"phoneNumber":"912345678"}""", "phoneNumber")]
    [InlineData("""{"phoneNumber":"+351212345678"}""", "phoneNumber")]
    [InlineData("""{"phoneNumber":"+99912345678"}""", "phoneNumber")]
    [InlineData("""{"quietHours":{"start":"25:00","end":"07:00","timeZone":"Europe/Lisbon"}}""", "quietHours.start")]
    [InlineData("""{"quietHours":{"start":"22:00","end":"22:00","timeZone":"Europe/Lisbon"}}""", "quietHours.end")]
    [InlineData("""{"quietHours":{"start":"22:00","end":"07:00","timeZone":"Mars/Olympus"}}""", "quietHours.timeZone")]
    [InlineData("""{"kinds":{"eventReminder":{"email":"no"}}}""", "kinds.eventReminder.email")]
    [InlineData("""{"kinds":[]}""", "kinds")]
    [InlineData("null", "body")]
    public async Task ABadPreference_IsA400NamingTheField(string body, string field)
    {
        using var api = platform.Client(await platform.NewUserAsync());
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await api.PutAsync("/me/notification-preferences", content, Ct);

        var problem = await HostileRequests.AssertRefusedAsync(new HostileRequest("PUT " + body, () => new HttpRequestMessage(), new HashSet<HttpStatusCode> { HttpStatusCode.BadRequest }), response);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tökën")]
    public async Task RegisterPushDevice_RefusesAToken_ThatIsNotOne(string token)
    {
        using var api = platform.Client(await platform.NewUserAsync());

        using var response = await api.PostAsJsonAsync("/me/push-devices", new { token }, Ct);

        var problem = await HostileRequests.AssertRefusedAsync(new HostileRequest("token " + token, () => new HttpRequestMessage(), new HashSet<HttpStatusCode> { HttpStatusCode.BadRequest }), response);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("token"));
    }

    [Fact]
    public async Task RegisterPushDevice_TheSameTokenTwice_IsOneDevice()
    {
        var user = await platform.NewUserAsync();
        using var api = platform.Client(user);
        var token = "apns-" + Guid.NewGuid().ToString("N");

        using var first = await api.PostAsJsonAsync("/me/push-devices", new { token }, Ct);
        using var second = await api.PostAsJsonAsync("/me/push-devices", new { token }, Ct);

        Assert.Equal(1, (await second.Content.ReadFromJsonAsync<JsonObject>(Ct))!["pushDevices"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("GET", "/me/notification-preferences")]
    [InlineData("PUT", "/me/notification-preferences")]
    [InlineData("POST", "/me/push-devices")]
    [InlineData("GET", "/me/notifications")]
    public async Task SignedInRoutes_WithoutAToken_Are401(string method, string path)
    {
        using var api = platform.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await api.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
