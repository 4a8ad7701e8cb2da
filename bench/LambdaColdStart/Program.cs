using System.Diagnostics;
using System.IO.Compression;
using LambdaColdStart;

// Cold-start benchmark: the Events area's Native AOT bootstrap against the JIT build of the same
// code, each started K times behind a stand-in Lambda Runtime API on 127.0.0.1 and reading
// DynamoDB Local. Usage: see BenchOptions.Usage (dotnet run -c Release --project bench/LambdaColdStart -- --help).

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var root = Repository.Root();
var aot = options.AotBootstrap ?? Path.Combine(root, "artifacts", "Events", "bootstrap");
var jit = options.JitAssembly ?? Path.Combine(root, "artifacts", "bench", "Events-jit", "BitcoinEvents.Events.dll");
if (options.Build)
{
    await Repository.BuildAsync(root, Path.GetDirectoryName(jit)!);
}

foreach (var file in new[] { aot, jit })
{
    if (!File.Exists(file))
    {
        Console.Error.WriteLine($"{file} does not exist (run without --no-build, or pass --aot/--jit).");
        return 2;
    }
}

using var cap = new CancellationTokenSource(options.MaxDuration);
var ct = cap.Token;
var clock = Stopwatch.StartNew();
var loadAtStart = Machine.LoadAverage();
var launches = new[]
{
    new Launch("Native AOT", aot, [], Path.GetDirectoryName(aot)!),
    jit.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
        ? new Launch("JIT", "dotnet", [jit], Path.GetDirectoryName(jit)!)
        : new Launch("JIT", jit, [], Path.GetDirectoryName(jit)!),
};

Console.WriteLine($"Starting the stand-in Runtime API and DynamoDB Local (tables from template.yaml)...");
await using var runtimeApi = await RuntimeApiStandIn.StartAsync(ct);
await using var local = await LocalEnvironment.StartAsync(ct);
Console.WriteLine($"Runtime API on {runtimeApi.HostAndPort}; DynamoDB Local up in {local.StartTime.TotalSeconds:F1} s.");

var runner = new ColdStartRunner(runtimeApi, options);
var eventIds = await DemoData.SeedAsync(runtimeApi, local, launches[0], options, ct);
Console.WriteLine($"Seeded {eventIds.Count} published events through CreateEvent/PublishEvent.");

var checks = new List<CheckResult>();
var results = new List<(string Operation, string Route, VariantResults Aot, VariantResults Jit)>();
foreach (var operation in options.Operations)
{
    var function = local.FunctionFor(operation);
    var arn = local.FunctionArn(function);
    var events = Fixtures.For(operation, eventIds);
    var byVariant = launches.ToDictionary(l => l.Variant, l => new VariantResults(l.Variant));
    for (var run = 0; run < options.ColdStarts; run++)
    {
        // Alternate which variant goes first, so neither always runs on a warmer machine.
        foreach (var launch in run % 2 == 0 ? launches : launches.Reverse())
        {
            var environment = Merge(local.EnvironmentFor(function, runtimeApi.HostAndPort, launch.TaskRoot, options.MemoryMegabytes), options.ExtraEnvironment);
            Func<FunctionProcess, RuntimeApiStandIn.Session, Task>? afterMeasuring = run == 0
                ? async (process, session) =>
                {
                    checks.Add(await ColdStartRunner.CheckContentAsync(launch.Variant, operation, session, events, eventIds, ct));
                    checks.AddRange(await ColdStartRunner.CheckMalformedEventAsync($"{launch.Variant} {operation}", process, session, events, ct));
                }
                : null;
            var sample = await runner.RunAsync(launch, environment, arn, events, afterMeasuring, ct);
            byVariant[launch.Variant].Samples.Add(sample);
            Console.WriteLine($"{operation,-12} {launch.Variant,-10} run {run + 1,2}/{options.ColdStarts}: init {sample.InitMilliseconds,7:F1} ms, first response {sample.FirstResponseMilliseconds,7:F1} ms, " +
                $"warm p50 {Statistics.Median(sample.WarmMilliseconds),6:F2} ms, VmHWM {sample.PeakRssMegabytes,6:F1} MB");
        }
    }

    results.Add((operation, Fixtures.Route(operation), byVariant[launches[0].Variant], byVariant[launches[1].Variant]));
}

foreach (var launch in launches)
{
    var function = local.FunctionFor(options.Operations[0]);
    var environment = Merge(local.EnvironmentFor(function, runtimeApi.HostAndPort, launch.TaskRoot, options.MemoryMegabytes), options.ExtraEnvironment);
    checks.Add(await runner.CheckUnknownHandlerAsync(launch, environment, local.FunctionArn(function), ct));
}

var sizes = new[] { Sizes.Aot(aot), Sizes.Jit(jit) };
var report = Report.Markdown(options, results, sizes, checks, clock.Elapsed, loadAtStart);
Console.WriteLine();
Console.WriteLine(report);
if (options.OutputFile is not null)
{
    await File.WriteAllTextAsync(options.OutputFile, report, CancellationToken.None);
}

return checks.All(c => c.Passed) ? 0 : 1;

static Dictionary<string, string> Merge(Dictionary<string, string> environment, IReadOnlyDictionary<string, string> extra)
{
    foreach (var (key, value) in extra)
    {
        environment[key] = value;
    }

    return environment;
}

namespace LambdaColdStart
{
    /// <summary>The repository the harness runs in, and the builds of the two variants.</summary>
    internal static class Repository
    {
        // Variables `dotnet run` sets for its own MSBuild; a nested build must find its own.
        private static readonly string[] s_msbuildVariables = ["MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "DOTNET_HOST_PATH"];

        public static string Root()
        {
            foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "template.yaml")) && File.Exists(Path.Combine(dir.FullName, "Makefile")))
                    {
                        return dir.FullName;
                    }
                }
            }

            throw new InvalidOperationException("Run the harness inside the repository (no template.yaml and Makefile found above here).");
        }

        /// <summary>
        /// `make events` (the Native AOT bootstrap, as sam build makes it) and a framework-dependent
        /// Release build of the same project: the same source generators (the project sets
        /// PublishAot, which turns on the request delegate generator), compiled to IL for the JIT.
        /// </summary>
        public static async Task BuildAsync(string root, string jitFolder)
        {
            await RunAsync(root, "make", ["events"]);
            await RunAsync(root, "dotnet", ["build", "functions/Events/Events.csproj", "-c", "Release", "-o", jitFolder, "--nologo", "-v", "quiet"]);
        }

        private static async Task RunAsync(string root, string command, IReadOnlyList<string> arguments)
        {
            Console.WriteLine($"$ {command} {string.Join(' ', arguments)}");
            var start = new ProcessStartInfo(command) { WorkingDirectory = root, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var name in s_msbuildVariables)
            {
                start.Environment.Remove(name);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}.");
            }
        }
    }

    /// <summary>What each variant would ship in its deployment package.</summary>
    internal static class Sizes
    {
        /// <summary>The bootstrap alone (what the Makefile copies into ARTIFACTS_DIR).</summary>
        public static PackageSize Aot(string bootstrap) =>
            new("Native AOT", "`bootstrap`", Megabytes(new FileInfo(bootstrap).Length), Megabytes(ZippedLength([bootstrap], Path.GetDirectoryName(bootstrap)!)));

        /// <summary>The app's assemblies and JSON files (the shared framework, ~70 MB, comes with a managed runtime).</summary>
        public static PackageSize Jit(string assembly)
        {
            var folder = Path.GetDirectoryName(assembly)!;
            var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                .ToList();
            return new("JIT", "app `.dll`s + `.json` (no shared framework)", Megabytes(files.Sum(f => new FileInfo(f).Length)), Megabytes(ZippedLength(files, folder)));
        }

        private static long ZippedLength(IReadOnlyList<string> files, string folder)
        {
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var file in files)
                {
                    zip.CreateEntryFromFile(file, Path.GetRelativePath(folder, file), CompressionLevel.Optimal);
                }
            }

            return buffer.Length;
        }

        private static double Megabytes(long bytes) => bytes / (1024.0 * 1024.0);
    }
}
