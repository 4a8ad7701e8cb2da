using System.Text.Json.Nodes;
using BitcoinEvents.FakeProviders.Webhooks;

namespace BitcoinEvents.FakeProviders.Control;

/// <summary>
/// The control API (README.md): make a fake's payment pay, underpay, overpay, pay late, fail, expire
/// or refund; hold webhooks and release them twice, reversed or shuffled; resend one; see what was sent.
/// </summary>
internal static class ControlApi
{
    public static void Map(IEndpointRouteBuilder control, IReadOnlyList<IFakeProvider> fakes, FakeWebhooks webhooks)
    {
        IFakeProvider? Find(string provider) => fakes.FirstOrDefault(f => f.Id == provider);

        control.MapGet("/", () => Results.Json(new JsonObject
        {
            ["webhookTarget"] = webhooks.Target?.ToString(),
            ["providers"] = new JsonArray([.. fakes.Select(f => (JsonNode)new JsonObject
            {
                ["id"] = f.Id,
                ["actions"] = new JsonArray([.. f.Actions.Select(a => (JsonNode)a)]),
                ["delivery"] = Mode(webhooks.ModeOf(f.Id)),
            })]),
        }));

        control.MapPut("/webhook-target", (TargetRequest body) =>
        {
            if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                return Results.Problem(statusCode: 400, detail: "url must be an absolute http(s) URL (the platform's base, e.g. http://127.0.0.1:5080/).");
            }

            webhooks.Target = new Uri(url.ToString().TrimEnd('/') + "/");
            return Results.NoContent();
        });

        control.MapGet("/{provider}/payments", (string provider) =>
            Find(provider) is { } fake ? Results.Json(fake.Describe()) : NoSuchProvider(provider));

        control.MapPost("/{provider}/payments/{reference}/{action}", async (string provider, string reference, string action, ActionRequest? body, CancellationToken ct) =>
        {
            if (Find(provider) is not { } fake)
            {
                return NoSuchProvider(provider);
            }

            if (!fake.Actions.Contains(action))
            {
                return Results.Problem(statusCode: 400, detail: $"The fake {provider} does not '{action}'; it does: {string.Join(", ", fake.Actions)}.");
            }

            switch (fake.Act(reference, new FakeAction(action, body?.Amount)))
            {
                case FakeActionResult.NotFound:
                    return Results.Problem(statusCode: 404, detail: $"The fake {provider} has no payment '{reference}'.");
                case FakeActionResult.Refused refused:
                    return Results.Problem(statusCode: 409, detail: refused.Reason);
                case FakeActionResult.Done done:
                    var delivery = body?.Delivery ?? "now";
                    IReadOnlyList<FakeSendResult> sent = delivery switch
                    {
                        "hold" => await HoldAsync(webhooks, provider, done.Webhooks, ct),
                        "twice" => await webhooks.EmitAsync(provider, done.Webhooks, times: 2, ct),
                        _ => await webhooks.EmitAsync(provider, done.Webhooks, times: 1, ct),
                    };
                    return Results.Json(new JsonObject
                    {
                        ["webhooks"] = new JsonArray([.. done.Webhooks.Select(w => (JsonNode)new JsonObject { ["id"] = w.EventId, ["type"] = w.Type })]),
                        ["sent"] = Sends(sent),
                    });
                default:
                    throw new InvalidOperationException("Unknown action result.");
            }
        });

        control.MapPut("/{provider}/delivery", (string provider, DeliveryRequest body) =>
        {
            if (Find(provider) is null)
            {
                return NoSuchProvider(provider);
            }

            switch (body.Mode)
            {
                case "immediate":
                    webhooks.SetMode(provider, FakeDeliveryMode.Immediate);
                    return Results.NoContent();
                case "hold":
                    webhooks.SetMode(provider, FakeDeliveryMode.Hold);
                    return Results.NoContent();
                default:
                    return Results.Problem(statusCode: 400, detail: "mode must be 'immediate' or 'hold'.");
            }
        });

        control.MapGet("/{provider}/webhooks", (string provider) =>
            Find(provider) is null
                ? NoSuchProvider(provider)
                : Results.Json(new JsonArray([.. webhooks.Of(provider).Select(d => (JsonNode)new JsonObject
                {
                    ["id"] = d.EventId,
                    ["type"] = d.Type,
                    ["held"] = d.Held,
                    ["statuses"] = new JsonArray([.. d.Statuses.Select(s => (JsonNode)s)]),
                })])));

        control.MapPost("/{provider}/webhooks/release", async (string provider, ReleaseRequest? body, CancellationToken ct) =>
        {
            if (Find(provider) is null)
            {
                return NoSuchProvider(provider);
            }

            var order = body?.Order ?? "as-is";
            if (order is not ("as-is" or "reverse" or "shuffle"))
            {
                return Results.Problem(statusCode: 400, detail: "order must be 'as-is', 'reverse' or 'shuffle'.");
            }

            var times = body?.Times ?? 1;
            if (times is < 1 or > 10)
            {
                return Results.Problem(statusCode: 400, detail: "times must be 1 to 10.");
            }

            var sent = await webhooks.ReleaseAsync(provider, order, times, body?.Seed ?? Environment.TickCount, body?.Ids, ct);
            return Results.Json(new JsonObject { ["sent"] = Sends(sent) });
        });

        control.MapPost("/{provider}/webhooks/{eventId}/send", async (string provider, string eventId, CancellationToken ct) =>
        {
            if (Find(provider) is null)
            {
                return NoSuchProvider(provider);
            }

            var delivery = webhooks.Of(provider).LastOrDefault(d => d.EventId == eventId);
            if (delivery is null)
            {
                return Results.Problem(statusCode: 404, detail: $"The fake {provider} sent no webhook '{eventId}'.");
            }

            var result = await webhooks.ResendAsync(delivery, ct);
            return Results.Json(new JsonObject { ["sent"] = Sends([result]) });
        });
    }

    private static async Task<IReadOnlyList<FakeSendResult>> HoldAsync(FakeWebhooks webhooks, string provider, IReadOnlyList<FakeWebhookEvent> events, CancellationToken ct)
    {
        var mode = webhooks.ModeOf(provider);
        webhooks.SetMode(provider, FakeDeliveryMode.Hold);
        try
        {
            return await webhooks.EmitAsync(provider, events, 1, ct);
        }
        finally
        {
            webhooks.SetMode(provider, mode);
        }
    }

    private static JsonArray Sends(IReadOnlyList<FakeSendResult> sent) =>
        new([.. sent.Select(s => (JsonNode)new JsonObject { ["id"] = s.EventId, ["type"] = s.Type, ["status"] = s.Status })]);

    private static string Mode(FakeDeliveryMode mode) => mode == FakeDeliveryMode.Hold ? "hold" : "immediate";

    private static IResult NoSuchProvider(string provider) => Results.Problem(statusCode: 404, detail: $"No fake provider '{provider}'.");

    internal sealed record TargetRequest(string? Url);

    internal sealed record ActionRequest(long? Amount, string? Delivery);

    internal sealed record DeliveryRequest(string? Mode);

    internal sealed record ReleaseRequest(string? Order, int? Times, int? Seed, IReadOnlyList<string>? Ids);
}
