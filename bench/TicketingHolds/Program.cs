using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BitcoinEvents.LocalAws;
using TicketingHolds;

// Holds per second through the Ticketing area's reservation code for a quota of 1, 4, 16 buckets,
// side by side in one run with DynamoDB Local's raw conditional writes (the ceiling), against
// DynamoDB Local on 127.0.0.1. Usage: see Options.Usage (dotnet run -c Release --project bench/TicketingHolds -- --help).

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Options.Usage);
    return 0;
}

Options options;
try
{
    options = Options.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;

var loadBefore = LoadAverage();
Console.WriteLine("Starting DynamoDB Local on 127.0.0.1 and creating the template's tables…");
await using var local = await LocalAwsEnvironment.StartAsync(
    LocalAwsOptions.ForTests(LocalServer.DynamoDb),
    ProvisionOptions.ForTestRun() with { Queues = false, Buckets = false, UserPool = false },
    cancellationToken: ct);
using var dynamo = local.Servers.CreateDynamoDbClient();
await using var workloads = new Workloads(local.Resources.AllConfiguration(), dynamo);

var raw1 = $"UpdateItem, 1 item";
var measurements = new List<(string Name, Operation Operation)>
{
    (raw1, await workloads.RawUpdatesAsync(1, ct)),
    ($"UpdateItem, {options.RawItems} items", await workloads.RawUpdatesAsync(options.RawItems, ct)),
    ("TransactWriteItems (update + put), 1 item", await workloads.RawTransactionsAsync(1, ct)),
    ($"TransactWriteItems (update + put), {options.RawItems} items", await workloads.RawTransactionsAsync(options.RawItems, ct)),
};
foreach (var buckets in options.Buckets)
{
    measurements.Add((HoldsName(buckets), await workloads.HoldsAsync(buckets, options.SeatsPerHold, ct)));
}

var deadline = Stopwatch.StartNew();
Console.WriteLine($"Warming up ({measurements.Count} measurements, 1 s each)…");
foreach (var (name, operation) in measurements)
{
    await Load.RunAsync(name, options.Workers, TimeSpan.FromSeconds(1), operation, workloads.Counter, ct);
}

var rounds = new List<Dictionary<string, RunResult>>();
for (var round = 0; round < options.Rounds; round++)
{
    if (deadline.Elapsed + (options.RunLength * measurements.Count) > options.MaxDuration)
    {
        Console.WriteLine($"Stopping after {round} rounds: the next would pass --max-seconds.");
        break;
    }

    var results = new Dictionary<string, RunResult>(StringComparer.Ordinal);
    for (var i = 0; i < measurements.Count; i++)
    {
        var (name, operation) = measurements[(i + round) % measurements.Count];
        var result = await Load.RunAsync(name, options.Workers, options.RunLength, operation, workloads.Counter, ct);
        results[name] = result;
        Console.WriteLine($"round {round + 1}: {name,-48} {result.PerSecond,9:F1}/s  ({result.Succeeded} in {result.Elapsed.TotalSeconds:F1} s, {result.Transactions.Calls} transactions, {result.Refused} refused)");
    }

    rounds.Add(results);
}

if (rounds.Count == 0)
{
    Console.Error.WriteLine("No round fitted in --max-seconds.");
    return 1;
}

var report = Report(options, measurements.Select(m => m.Name).ToList(), rounds, loadBefore, LoadAverage());
Console.WriteLine();
Console.WriteLine(report);
if (options.OutputFile is { } file)
{
    await File.WriteAllTextAsync(file, report, ct);
}

return 0;

static string HoldsName(int buckets) => $"holds, quota of {buckets} bucket{(buckets == 1 ? "" : "s")}";

static string Report(Options options, IReadOnlyList<string> names, IReadOnlyList<Dictionary<string, RunResult>> rounds, string loadBefore, string loadAfter)
{
    var c = CultureInfo.InvariantCulture;
    var raw1 = names[0];
    var firstHolds = HoldsName(options.Buckets[0]);
    var text = new StringBuilder();
    text.AppendLine(c, $"TicketingHolds, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC: {options.Workers} workers, {rounds.Count} rounds of {options.RunLength.TotalSeconds:F0} s per measurement, {options.SeatsPerHold} seats per hold.");
    text.AppendLine(c, $"Machine: {Environment.ProcessorCount} logical CPUs ({CpuModel()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load average {loadBefore} before, {loadAfter} after.");
    text.AppendLine();
    text.AppendLine(c, $"| measurement | per second (median) | ÷ {raw1} | ÷ {firstHolds} | p50 ms | p99 ms | transactions per success | refused |");
    text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var name in names)
    {
        var runs = rounds.Select(r => r[name]).ToList();
        var latencies = runs.SelectMany(r => r.LatenciesMs).Order().ToList();
        var succeeded = runs.Sum(r => r.Succeeded);
        var calls = runs.Sum(r => r.Transactions.Calls);
        var isHolds = name.StartsWith("holds", StringComparison.Ordinal);
        text.AppendLine(c, $"| {name} | {Load.Median(runs.Select(r => r.PerSecond)):F1} | {Load.Median(rounds.Select(r => r[name].PerSecond / r[raw1].PerSecond)):F2}× | {(isHolds ? Load.Median(rounds.Select(r => r[name].PerSecond / r[firstHolds].PerSecond)).ToString("F2", c) + "×" : "")} | {Load.Percentile(latencies, 50):F1} | {Load.Percentile(latencies, 99):F1} | {(calls == 0 ? "" : ((double)calls / Math.Max(1, succeeded)).ToString("F2", c))} | {runs.Sum(r => r.Refused)} |");
    }

    text.AppendLine();
    text.AppendLine("Per round (per second):");
    text.AppendLine();
    text.AppendLine("| measurement | " + string.Join(" | ", rounds.Select((_, i) => $"round {i + 1}")) + " |");
    text.AppendLine("|---|" + string.Concat(rounds.Select(_ => "---:|")));
    foreach (var name in names)
    {
        text.AppendLine(c, $"| {name} | {string.Join(" | ", rounds.Select(r => r[name].PerSecond.ToString("F1", c)))} |");
    }

    var conflicts = rounds.Sum(r => r.Values.Sum(v => v.Transactions.Conflicts));
    var failed = rounds.Sum(r => r.Values.Sum(v => v.Transactions.ConditionFailed));
    text.AppendLine();
    text.AppendLine(c, $"Cancelled transactions over the run: {conflicts} TransactionConflict, {failed} ConditionalCheckFailed.");
    return text.ToString();
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string CpuModel() =>
    (File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : null) ?? "n/a";
