using System.Net;
using BitcoinEvents.TestSupport;
using Notifications.Tests.Support;

namespace Notifications.Tests.Operations;

/// <summary>Every route of the area, sent what a hostile or careless client sends: a 4xx problem naming why, never a 5xx.</summary>
public sealed class HostileInputTests(NotificationsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Routes => ["GetNotificationPreferences", "UpdateNotificationPreferences", "RegisterPushDevice", "ListMyNotifications", "GetUnsubscribe", "Unsubscribe"];

    private static readonly Dictionary<string, RouteUnderTest> ByName = new()
    {
        ["GetNotificationPreferences"] = new("GetNotificationPreferences", HttpMethod.Get, "/me/notification-preferences", ReadsBody: false, RequiresAuthorization: true),
        ["UpdateNotificationPreferences"] = new("UpdateNotificationPreferences", HttpMethod.Put, "/me/notification-preferences", ReadsBody: true, RequiresAuthorization: true),
        ["RegisterPushDevice"] = new("RegisterPushDevice", HttpMethod.Post, "/me/push-devices", ReadsBody: true, RequiresAuthorization: true),
        ["ListMyNotifications"] = new("ListMyNotifications", HttpMethod.Get, "/me/notifications", ReadsBody: false, RequiresAuthorization: true),
        ["GetUnsubscribe"] = new("GetUnsubscribe", HttpMethod.Get, "/notifications/unsubscribe?token=v1.x.y", ReadsBody: false, RequiresAuthorization: false),
        ["Unsubscribe"] = new("Unsubscribe", HttpMethod.Post, "/notifications/unsubscribe?token=v1.x.y", ReadsBody: false, RequiresAuthorization: false),
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task HostileRequests_AreRefusedWithA4xxProblem(string operation)
    {
        var user = await platform.NewUserAsync();
        var route = ByName[operation];
        // Header values as bytes on the wire, UTF-8 included (HttpClient refuses non-ASCII by default; an attacker's client does not).
        using var api = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 }) { BaseAddress = platform.BaseUrl };
        var checkedCount = 0;
        foreach (var hostile in HostileRequests.For(route, r => r.Headers.Authorization = new("Bearer", user.AccessToken)))
        {
            using var request = hostile.Create();
            using var response = await api.SendAsync(request, Ct);
            var isForm = request.Content?.Headers.ContentType?.MediaType is "application/x-www-form-urlencoded" or "multipart/form-data";
            if (operation == "Unsubscribe" && isForm)
            {
                // The one-click route takes forms (RFC 8058): a form body is read, and the forged token is the 404.
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
            else
            {
                await HostileRequests.AssertRefusedAsync(hostile, response);
            }

            checkedCount++;
        }

        Assert.True(checkedCount > 10);
    }

    [Theory]
    [InlineData("/me/notifications?limit=0")]
    [InlineData("/me/notifications?limit=abc")]
    [InlineData("/me/notifications?limit=100000")]
    [InlineData("/me/notifications?cursor=not-a-cursor")]
    [InlineData("/me/notifications?cursor=%00%01")]
    [InlineData("/notifications/unsubscribe?token=%F0%9F%9A%80")]
    [InlineData("/notifications/unsubscribe?token=v1.%2e%2e.%2e%2e")]
    public async Task HostileQueries_AreA4xxProblem(string path)
    {
        var user = await platform.NewUserAsync();
        using var api = platform.Client(user);

        using var response = await api.GetAsync(path, Ct);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AHugeToken_IsA404_NotA500()
    {
        using var api = platform.Client();
        using var response = await api.PostAsync("/notifications/unsubscribe?token=v1." + new string('A', 6000) + ".B", content: null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
