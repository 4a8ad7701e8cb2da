using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace BitcoinEvents.Lambda.Tests;

/// <summary>A small area: minimal API endpoints for every bridge edge case plus background operations.</summary>
internal static class TestArea
{
    public static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF];

    /// <summary>What the test host adds around the area: authentication trusting the authorizer's claims.</summary>
    public static HostDefaults Defaults { get; } = new()
    {
        AddServices = builder =>
        {
            builder.Services.AddApiGatewayJwtAuthentication();
            builder.Services.AddAuthorization();
        },
        UsePipeline = app =>
        {
            app.UseAuthentication();
            app.UseAuthorization();
            return app;
        },
    };

    /// <summary>
    /// The test area. <paramref name="listed"/>: its endpoints as <see cref="AreaDefinition.HttpOperations"/>
    /// (mapped one by one, each mapping recorded in <see cref="Recorder.MappedOperations"/>); otherwise
    /// through <see cref="AreaDefinition.MapEndpoints"/>, the older way, all of them in every function.
    /// </summary>
    public static AreaDefinition Create(Recorder? recorder = null, Action<Microsoft.Extensions.Hosting.IHostApplicationBuilder>? addServices = null, bool listed = false)
    {
        recorder ??= new Recorder();
        Action<Microsoft.Extensions.Hosting.IHostApplicationBuilder> services = builder =>
        {
            builder.Services.AddSingleton(recorder);
            builder.Services.AddScoped<ScopedProbe>();
            addServices?.Invoke(builder);
        };
        BackgroundOperation[] background =
        [
            BackgroundOperation.Queue<RecordingMessageHandler, TestMessage>("OnTestMessage", () => TestJsonContext.Default.TestMessage),
            BackgroundOperation.Schedule<RecordingJob>("RecordSchedule"),
            BackgroundOperation.Schedule<FailingJob>("FailSchedule"),
        ];
        return listed
            ? new()
            {
                Name = "Test",
                AddServices = services,
                HttpOperations = [.. Endpoints.Select(e => new HttpOperation(e.Name, routes =>
                {
                    recorder.MappedOperations.Enqueue(e.Name);
                    return e.Map(routes);
                }))],
                BackgroundOperations = background,
            }
            : new()
            {
                Name = "Test",
                AddServices = services,
                MapEndpoints = MapEndpoints,
                BackgroundOperations = background,
            };
    }

    /// <summary>The names of the test area's endpoints.</summary>
    public static IReadOnlyList<string> EndpointNames { get; } = [.. Endpoints.Select(e => e.Name)];

    private static (string Name, Func<IEndpointRouteBuilder, IEndpointConventionBuilder> Map)[] Endpoints =>
    [
        ("Echo", app => app.MapMethods("/echo/{**rest}", [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put], EchoAsync).WithName("Echo")),
        ("GetItem", app => app.MapGet("/items/{id}", (string id) => TypedResults.Text(id)).WithName("GetItem")),
        ("CreateOrder", app => app.MapPost("/orders", (OrderRequest order) => TypedResults.Created($"/orders/{order.EventId}", order)).WithName("CreateOrder")),
        ("Head", app => app.MapMethods("/head", [HttpMethods.Get, HttpMethods.Head], () => TypedResults.Text("hello, head", "text/plain")).WithName("Head")),
        ("Binary", app => app.MapGet("/binary", () => TypedResults.Bytes(PngBytes, "image/png")).WithName("Binary")),
        ("Text", app => app.MapGet("/text", () => TypedResults.Text("héllo ✓ <b>", "text/plain; charset=utf-8")).WithName("Text")),
        ("NoContentType", app => app.MapGet("/no-content-type", (HttpContext context) => context.Response.Body.WriteAsync("raw bytes"u8.ToArray()).AsTask())
            .WithName("NoContentType")),
        ("SetCookies", app => app.MapGet("/set-cookies", SetCookies).WithName("SetCookies")),
        ("Throw", app => app.MapGet("/throw", Throw).WithName("Throw")),
        ("Callbacks", app => app.MapGet("/callbacks", Callbacks).WithName("Callbacks")),
        ("GetClientCert", app => app.MapGet("/client-cert", (Delegate)ClientCertificateAsync).WithName("GetClientCert")),
        ("GetOrganizerMe", app => app.MapGet("/organizers/me", (ClaimsPrincipal user) => TypedResults.Text(user.Identity!.Name!))
            .RequireAuthorization(policy => policy.RequireRole("organizer"))
            .WithName("GetOrganizerMe")),
    ];

    private static void MapEndpoints(IEndpointRouteBuilder app)
    {
        foreach (var (_, map) in Endpoints)
        {
            map(app);
        }
    }

    private static async Task EchoAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var user = context.User;
        await context.Response.WriteAsJsonAsync(new EchoResponse(
            request.Method,
            request.Scheme,
            request.Host.Value ?? "",
            request.PathBase.Value ?? "",
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            context.Features.Get<IHttpRequestFeature>()?.RawTarget,
            request.Query.ToDictionary(pair => pair.Key, pair => Values(pair.Value)),
            request.Headers.ToDictionary(pair => pair.Key, pair => Values(pair.Value), StringComparer.OrdinalIgnoreCase),
            request.Cookies.ToDictionary(pair => pair.Key, pair => pair.Value),
            request.RouteValues.ToDictionary(pair => pair.Key, pair => pair.Value?.ToString()),
            Convert.ToBase64String(body.ToArray()),
            request.ContentLength,
            context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? false,
            new EchoUser(
                user.Identity?.IsAuthenticated ?? false,
                user.Identity?.AuthenticationType,
                user.Identity?.Name,
                user.IsInRole("organizer"),
                [.. user.Claims.Select(claim => new EchoClaim(claim.Type, claim.Value))]),
            context.TraceIdentifier,
            context.Connection.RemoteIpAddress?.ToString()));
    }

    // What a handler sees of a mutual TLS caller: the connection's certificate, and API Gateway's reading of it.
    private static async Task<ClientCertResponse> ClientCertificateAsync(HttpContext context)
    {
        var certificate = await context.Connection.GetClientCertificateAsync(context.RequestAborted);
        var described = context.Features.Get<HttpApiEventFeature>()?.Event.RequestContext.Authentication?.ClientCert;
        return new ClientCertResponse(
            certificate?.Subject,
            certificate?.SerialNumber,
            certificate?.NotAfter.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ReferenceEquals(certificate, context.Connection.ClientCertificate),
            described?.SubjectDN,
            described?.IssuerDN,
            described?.SerialNumber,
            described?.Validity?.NotAfter);
    }

    private static string[] Values(StringValues values) => [.. values.Select(value => value ?? "")];

    private static ContentHttpResult SetCookies(HttpContext context)
    {
        context.Response.Cookies.Append("session", "s3cr3t", new CookieOptions { HttpOnly = true, Path = "/" });
        context.Response.Cookies.Append("theme", "dark");
        context.Response.Headers.Append("X-Multi", new StringValues(["one", "two"]));
        context.Response.Headers.Connection = "keep-alive";
        context.Response.Headers["Keep-Alive"] = "timeout=5";
        context.Response.Headers.TransferEncoding = "chunked";
        return TypedResults.Text("cookies set", "text/plain");
    }

    private static ContentHttpResult Throw(HttpContext context) =>
        context.Request.Query.ContainsKey("ok")
            ? TypedResults.Text("fine", "text/plain")
            : throw new InvalidOperationException("Card 4111 1111 1111 1111 was declined (secret detail).");

    private static ContentHttpResult Callbacks(HttpContext context, ScopedProbe probe, Recorder recorder)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["X-On-Starting"] = "ran";
            context.Response.Headers["X-Scope"] = probe.Id.ToString();
            return Task.CompletedTask;
        });
        context.Response.OnCompleted(() =>
        {
            recorder.CompletedRequests.Enqueue(context.TraceIdentifier);
            return Task.CompletedTask;
        });
        return TypedResults.Text("callbacks registered", "text/plain");
    }
}

public sealed record OrderRequest(string EventId, int Quantity);
