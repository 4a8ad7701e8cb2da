using System.Diagnostics;
using BitcoinEvents.DevHost;

// dotnet run --project tools/DevHost [-- --help]: the whole platform on http://127.0.0.1:5080.
var sinceLaunch = Stopwatch.StartNew();
DevHostOptions options;
try
{
    options = DevHostOptions.Parse(args, Environment.GetEnvironmentVariable);
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(DevHostOptions.Usage);
    return 0;
}

if (options.OpenApiOut is { } openApiOut)
{
    return await OpenApiSnapshot.WriteAsync(openApiOut, Console.Out);
}

return options.CheckOnly
    ? await LocalPlatform.CheckAsync(Console.Out)
    : await LocalPlatform.RunAsync(options, Console.Out, sinceLaunch);
