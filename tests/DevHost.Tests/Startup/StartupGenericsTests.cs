using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using BitcoinEvents.DevHost;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Lambda;
using BitcoinEvents.LocalAws;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;

namespace DevHost.Tests.Startup;

/// <summary>
/// functions/StartupGenerics.rd.xml names, for Native AOT, the closed generic types DI builds when a
/// function starts and serves its first request (options and their configure/validate lists,
/// loggers of the shared middleware): compiled ahead of time they are found in a table instead of
/// built by the runtime's type loader, which halved the start-up CPU (docs/benchmarks.md). This
/// builds every area's Lambda app as a function does, serves one request, and asks DI which
/// generic types it constructed: each must be in the file.
/// </summary>
public sealed class StartupGenericsTests
{
    // Only in this (JIT) build: the published bootstrap trims local JWT validation and what it brings.
    private static readonly string[] s_notInTheBootstrap = ["Microsoft.AspNetCore.Authentication.JwtBearer", "Microsoft.AspNetCore.DataProtection"];

    [Fact]
    public async Task EveryGenericTypeTheStartUpMakesDiBuild_IsNamedForAheadOfTimeCompilation()
    {
        var listed = XDocument.Load(Path.Combine(RepositoryPaths.Root, "functions", "StartupGenerics.rd.xml"))
            .Descendants().Where(e => e.Name.LocalName == "Type").Select(e => e.Attribute("Name")!.Value)
            .ToHashSet(StringComparer.Ordinal);
        var template = SamTemplate.LoadDefault();
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var areas = Areas.Of(template).Where(a => a.HttpOperations.Count > 0).ToList();
        Assert.NotEmpty(areas);

        foreach (var area in areas)
        {
            var operation = area.HttpOperations[0].Name;
            var route = template.Functions.First(f => f.Handler == operation).HttpRoutes[0];
            foreach (var type in await ConstructedAtStartAsync(area, operation, route))
            {
                var name = RdXmlName(type);
                if (!listed.Contains(name) && !s_notInTheBootstrap.Any(a => name.Contains(a, StringComparison.Ordinal)))
                {
                    missing.Add($"{area.Name}: <Type Name=\"{System.Security.SecurityElement.Escape(name)}\" Dynamic=\"Required All\" /> (assembly {Definition(type).Assembly.GetName().Name})");
                }
            }
        }

        Assert.True(missing.Count == 0, "Add to functions/StartupGenerics.rd.xml:" + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }

    private static async Task<IReadOnlyCollection<Type>> ConstructedAtStartAsync(AreaDefinition area, string operation, TemplateHttpRoute route)
    {
        var app = LambdaApplication.Build(["--Logging:LogLevel:Default=None"], area, PlatformHttp.Defaults, lambda: true, ownOperation: operation);
        await using (app)
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            var server = (LambdaHttpServer)app.Services.GetRequiredService<IServer>();
            using (var invocation = new LambdaInvocation("start-generics", DateTimeOffset.UtcNow.AddSeconds(5)))
            {
                // Whatever it answers (no table behind it here): the pipeline and the handler's
                // services are resolved on the way.
                await server.InvokeAsync(HttpApiEvent(route), invocation);
            }

            var types = DiConstructedGenerics(app.Services);
            await app.StopAsync(TestContext.Current.CancellationToken);
            return types;
        }
    }

    /// <summary>The closed generic implementations and the arrays (for IEnumerable&lt;T&gt;) in DI's call-site cache.</summary>
    private static HashSet<Type> DiConstructedGenerics(IServiceProvider services)
    {
        // Reads DI's internals (Microsoft.Extensions.DependencyInjection's ServiceProvider): a test
        // tool, which says so if a new version moves them.
        const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        var factory = services.GetType().GetProperty("CallSiteFactory", Any)?.GetValue(services)
            ?? throw new InvalidOperationException("ServiceProvider.CallSiteFactory moved: update this test's reading of DI's call sites.");
        var cache = factory.GetType().GetField("_callSiteCache", Any)?.GetValue(factory) as IDictionary
            ?? throw new InvalidOperationException("CallSiteFactory._callSiteCache moved: update this test's reading of DI's call sites.");
        var found = new HashSet<Type>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        void Walk(object? callSite)
        {
            if (callSite is null || !callSite.GetType().Name.EndsWith("CallSite", StringComparison.Ordinal) || !seen.Add(callSite))
            {
                return;
            }

            var type = callSite.GetType();
            if (type.GetProperty("ImplementationType", Any)?.GetValue(callSite) is Type { IsConstructedGenericType: true } implementation)
            {
                found.Add(implementation);
            }

            if (type.GetProperty("ItemType", Any)?.GetValue(callSite) is Type { IsConstructedGenericType: true } item)
            {
                found.Add(item.MakeArrayType());
            }

            foreach (var value in type.GetFields(Any).Select(f => f.GetValue(callSite)))
            {
                if (value is IEnumerable many and not string)
                {
                    foreach (var one in many)
                    {
                        Walk(one);
                    }
                }
                else
                {
                    Walk(value);
                }
            }
        }

        foreach (DictionaryEntry entry in cache)
        {
            Walk(entry.Value);
        }

        return found;
    }

    /// <summary>A type's name as rd.xml writes it: Ns.Type`1[[Arg,ArgAssembly]], arrays with [].</summary>
    private static string RdXmlName(Type type) =>
        type.IsArray ? RdXmlName(type.GetElementType()!) + "[]"
        : type.IsConstructedGenericType
            ? type.GetGenericTypeDefinition().FullName + "[" + string.Join(",", type.GetGenericArguments().Select(a => "[" + RdXmlName(a) + "," + a.Assembly.GetName().Name + "]")) + "]"
            : type.FullName!;

    private static Type Definition(Type type) => type.IsArray ? Definition(type.GetElementType()!) : type.GetGenericTypeDefinition();

    /// <summary>An HTTP API (payload 2.0) event for the route, signed in as an organizer.</summary>
    private static string HttpApiEvent(TemplateHttpRoute route)
    {
        var path = route.Path;
        var parameters = new JsonObject();
        foreach (var segment in route.Path.Split('/').Where(s => s.StartsWith('{')))
        {
            parameters[segment.Trim('{', '}')] = new string('a', 32);
            path = path.Replace(segment, new string('a', 32), StringComparison.Ordinal);
        }

        return new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = $"{route.Method.ToUpperInvariant()} {route.Path}",
            ["rawPath"] = path,
            ["rawQueryString"] = "",
            ["headers"] = new JsonObject { ["accept"] = "application/json", ["host"] = "api.example.com" },
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = "000000000000",
                ["apiId"] = "api",
                ["authorizer"] = new JsonObject { ["jwt"] = new JsonObject { ["claims"] = new JsonObject { ["sub"] = "user-start", ["cognito:groups"] = "[organizer]" }, ["scopes"] = null } },
                ["domainName"] = "api.example.com",
                ["http"] = new JsonObject { ["method"] = route.Method.ToUpperInvariant(), ["path"] = path, ["protocol"] = "HTTP/1.1", ["sourceIp"] = "198.51.100.1", ["userAgent"] = "test" },
                ["requestId"] = "start-generics",
                ["routeKey"] = $"{route.Method.ToUpperInvariant()} {route.Path}",
                ["stage"] = "$default",
                ["time"] = "30/Nov/2026:00:00:00 +0000",
                ["timeEpoch"] = 1_795_000_000_000L,
            },
            ["pathParameters"] = parameters,
            ["isBase64Encoded"] = false,
        }.ToJsonString();
    }
}
