using System.Net;
using System.Net.Http.Json;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Operations;
using BitcoinEvents.Lambda;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Notifications.Tests.Operations;

/// <summary>The area's operations through its real app (the same wiring as in Lambda and on Kestrel).</summary>
public sealed class NotificationsOperationsTests
{
    [Fact]
    public async Task GetStatus_AnswersOk()
    {
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseEnvironment("Production"));
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/notifications/status", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<NotificationsStatusResponse>(TestContext.Current.CancellationToken);
        Assert.Equal(new NotificationsStatusResponse("Notifications", "ok"), body);
    }

    [Fact]
    public async Task OnRequested_WithoutAnId_FailsTheMessage()
    {
        var handler = new OnNotificationsRequested(NullLogger<OnNotificationsRequested>.Instance);
        using var invocation = new LambdaInvocation("request", DateTimeOffset.UtcNow.AddMinutes(1));
        var context = new SqsMessageContext { MessageId = "m1", Attributes = new Dictionary<string, string>(), MessageAttributes = new Dictionary<string, SqsMessageAttributeValue>(), Invocation = invocation };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => handler.HandleAsync(new NotificationsRequested(" "), context, TestContext.Current.CancellationToken));
    }
}
