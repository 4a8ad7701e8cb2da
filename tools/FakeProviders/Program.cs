using System.Globalization;

namespace BitcoinEvents.FakeProviders;

/// <summary>
/// <c>dotnet run --project tools/FakeProviders [-- --port 5090 --webhook-target http://127.0.0.1:5080/]</c>.
/// DevHost starts these fakes itself; run them alone to point something else at them. (A named class,
/// not top-level statements: test projects reference both this tool and an area, and two global
/// <c>Program</c> types would collide.)
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var port = 5090;
        Uri? target = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length:
                    port = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--webhook-target" when i + 1 < args.Length:
                    target = new Uri(args[++i]);
                    break;
                default:
                    await Console.Error.WriteLineAsync("Usage: dotnet run --project tools/FakeProviders -- [--port N] [--webhook-target http://127.0.0.1:5080/]");
                    return 2;
            }
        }

        await using var server = await FakeProviderServer.StartAsync(new FakeProviderOptions { Port = port, WebhookTarget = target, Log = true });
        Console.WriteLine($"Fake payment providers on {server.BaseUrl} ({string.Join(", ", server.Fakes.Select(f => f.Id))}); control API at {server.ControlUrl}");
        foreach (var (name, value) in server.PlatformSettings().Where(kv => kv.Key.EndsWith("_API_BASE", StringComparison.Ordinal)))
        {
            Console.WriteLine($"  {name}={value}");
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }
}
