using System.Globalization;
using System.Text;

namespace LambdaColdStart;

/// <summary>The samples of one variant of one operation.</summary>
internal sealed class VariantResults(string variant)
{
    public string Variant { get; } = variant;

    public List<ColdStartSample> Samples { get; } = [];

    public double MedianInit => Statistics.Median(Samples.Select(s => s.InitMilliseconds));

    public double MedianFirstResponse => Statistics.Median(Samples.Select(s => s.FirstResponseMilliseconds));

    public double MinFirstResponse => Samples.Min(s => s.FirstResponseMilliseconds);

    public double MaxFirstResponse => Samples.Max(s => s.FirstResponseMilliseconds);

    public double WarmP50 => Statistics.Percentile(Samples.SelectMany(s => s.WarmMilliseconds), 50);

    public double WarmP99 => Statistics.Percentile(Samples.SelectMany(s => s.WarmMilliseconds), 99);

    public int WarmCount => Samples.Sum(s => s.WarmMilliseconds.Count);

    public double MedianPeakRss => Statistics.Median(Samples.Select(s => s.PeakRssMegabytes));
}

/// <summary>What a variant ships: the executable (AOT) or the app's files (JIT, shared framework excluded).</summary>
internal sealed record PackageSize(string Variant, string What, double Megabytes, double ZippedMegabytes);

internal static class Statistics
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>Linear interpolation between closest ranks; NaN for no values.</summary>
    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = percentile / 100.0 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}

/// <summary>The Markdown report: one table per operation, the package sizes, the checks.</summary>
internal static class Report
{
    public static string Markdown(
        BenchOptions options,
        IReadOnlyList<(string Operation, string Route, VariantResults Aot, VariantResults Jit)> operations,
        IReadOnlyList<PackageSize> sizes,
        IReadOnlyList<CheckResult> checks,
        TimeSpan elapsed,
        string loadAtStart)
    {
        var text = new StringBuilder();
        foreach (var (operation, route, aot, jit) in operations)
        {
            text.AppendLine(Invariant($"### {operation} (`{route}`): {aot.Samples.Count} cold starts per variant, {options.Invocations} warm invocations after each"));
            text.AppendLine();
            text.AppendLine("| measure | Native AOT `bootstrap` | JIT (`dotnet BitcoinEvents.Events.dll`) | AOT / JIT |");
            text.AppendLine("|---|---:|---:|---:|");
            Row(text, "init: exec → first `GET next` (ms, median)", aot.MedianInit, jit.MedianInit);
            Row(text, "**cold start: exec → first `/response` (ms, median)**", aot.MedianFirstResponse, jit.MedianFirstResponse);
            text.AppendLine(Invariant($"| cold start, min – max (ms) | {aot.MinFirstResponse:F1} – {aot.MaxFirstResponse:F1} | {jit.MinFirstResponse:F1} – {jit.MaxFirstResponse:F1} | |"));
            Row(text, Invariant($"warm invocation p50 (ms, {aot.WarmCount} / {jit.WarmCount} samples)"), aot.WarmP50, jit.WarmP50, "F2");
            Row(text, "warm invocation p99 (ms)", aot.WarmP99, jit.WarmP99, "F2");
            Row(text, "peak RSS, VmHWM (MB, median)", aot.MedianPeakRss, jit.MedianPeakRss);
            text.AppendLine();
        }

        if (sizes.Count == 2)
        {
            var (a, j) = (sizes[0], sizes[1]);
            text.AppendLine("### What ships");
            text.AppendLine();
            text.AppendLine("| measure | Native AOT | JIT | AOT / JIT |");
            text.AppendLine("|---|---:|---:|---:|");
            Row(text, Invariant($"size (MB): {a.What} vs {j.What}"), a.Megabytes, j.Megabytes, "F2");
            Row(text, "zipped (MB, deflate)", a.ZippedMegabytes, j.ZippedMegabytes, "F2");
            text.AppendLine();
        }

        text.AppendLine("### Checks");
        text.AppendLine();
        foreach (var check in checks)
        {
            text.AppendLine(Invariant($"- {(check.Passed ? "PASS" : "FAIL")} [{check.Variant}] {check.Name}: {check.Detail}"));
        }

        text.AppendLine();
        text.AppendLine(Invariant($"Measured in {elapsed.TotalSeconds:F0} s on {Machine.Describe()}."));
        text.AppendLine(Invariant($"Load average (1/5/15 min) at start: {loadAtStart}; at the end: {Machine.LoadAverage()}. MemorySize {options.MemoryMegabytes} MB (GC heap hard limit {options.MemoryMegabytes * 3 / 4} MB)."));
        return text.ToString();
    }

    private static void Row(StringBuilder text, string label, double aot, double jit, string format = "F1") =>
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {aot.ToString(format, CultureInfo.InvariantCulture)} | {jit.ToString(format, CultureInfo.InvariantCulture)} | {(jit == 0 ? "–" : (aot / jit).ToString("F2", CultureInfo.InvariantCulture))} |"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
