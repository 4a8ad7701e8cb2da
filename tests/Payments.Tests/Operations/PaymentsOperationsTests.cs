using System.Net;
using System.Net.Http.Json;
using BitcoinEvents.Payments.Contracts;
using BitcoinEvents.Payments.Operations;
using BitcoinEvents.Lambda;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Payments.Tests.Operations;

/// <summary>The area's operations through its real app (the same wiring as in Lambda and on Kestrel).</summary>
public sealed class PaymentsOperationsTests
{
    [Fact]
    public async Task GetStatus_AnswersOk()
    {
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseEnvironment("Production"));
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/payments/status", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<PaymentsStatusResponse>(TestContext.Current.CancellationToken);
        Assert.Equal(new PaymentsStatusResponse("Payments", "ok"), body);
    }

    [Fact]
    public async Task OnRequested_WithoutAnId_FailsTheMessage()
    {
        var handler = new OnPaymentsRequested(NullLogger<OnPaymentsRequested>.Instance);
        using var invocation = new LambdaInvocation("request", DateTimeOffset.UtcNow.AddMinutes(1));
        var context = new SqsMessageContext { MessageId = "m1", Attributes = new Dictionary<string, string>(), MessageAttributes = new Dictionary<string, SqsMessageAttributeValue>(), Invocation = invocation };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => handler.HandleAsync(new PaymentsRequested(" "), context, TestContext.Current.CancellationToken));
    }
}
