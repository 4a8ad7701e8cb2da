using System.Globalization;
using System.Text;

namespace LambdaColdStart;

/// <summary>The samples of one variant of one operation, in round order.</summary>
internal sealed class VariantResults(string variant, VariantKind kind)
{
    public string Variant { get; } = variant;

    public VariantKind Kind { get; } = kind;

    public List<ColdStartSample> Samples { get; } = [];

    public double MedianInit => Statistics.Median(Samples.Select(s => s.InitMilliseconds));

    public double MedianFirstResponse => Statistics.Median(Samples.Select(s => s.FirstResponseMilliseconds));

    public double MedianCpu => Statistics.Median(Samples.Select(s => s.CpuMilliseconds));

    public double MedianInitCpu => Statistics.Median(Samples.Select(s => s.InitCpuMilliseconds));

    public double MedianMinorFaults => Statistics.Median(Samples.Select(s => (double)s.MinorFaults));

    public double MinFirstResponse => Samples.Min(s => s.FirstResponseMilliseconds);

    public double MaxFirstResponse => Samples.Max(s => s.FirstResponseMilliseconds);

    public double WarmP50 => Statistics.Percentile(Samples.SelectMany(s => s.WarmMilliseconds), 50);

    public double WarmP99 => Statistics.Percentile(Samples.SelectMany(s => s.WarmMilliseconds), 99);

    public int WarmCount => Samples.Sum(s => s.WarmMilliseconds.Count);

    public double MedianPeakRss => Statistics.Median(Samples.Select(s => s.PeakRssMegabytes));
}

/// <summary>Every variant's samples of one operation.</summary>
internal sealed record OperationResults(string Operation, string Route, IReadOnlyList<VariantResults> Variants)
{
    public VariantResults? Baseline => Variants.FirstOrDefault(v => v.Kind == VariantKind.Baseline);
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

    /// <summary>
    /// The median over rounds of <paramref name="of"/> ÷ <paramref name="to"/>, each round's two
    /// cold starts ran back to back: a load change between rounds cancels out of each ratio.
    /// </summary>
    public static double MedianPairedRatio(VariantResults of, VariantResults to, Func<ColdStartSample, double> measure) =>
        Median(of.Samples.Zip(to.Samples, (a, b) => measure(a) / measure(b)));
}

/// <summary>The Markdown report: one table per operation (a column per variant), the sizes, the checks.</summary>
internal static class Report
{
    public static string Markdown(
        BenchOptions options,
        IReadOnlyList<OperationResults> operations,
        IReadOnlyList<PackageSize> sizes,
        IReadOnlyList<CheckResult> checks,
        TimeSpan elapsed,
        string loadAtStart)
    {
        var text = new StringBuilder();
        foreach (var operation in operations)
        {
            var variants = operation.Variants;
            var baseline = operation.Baseline;
            text.AppendLine(Invariant($"### {operation.Operation} (`{operation.Route}`): {variants[0].Samples.Count} cold starts per variant, {options.Invocations} warm invocations after each"));
            text.AppendLine();
            text.AppendLine("| measure | " + string.Join(" | ", variants.Select(v => v.Variant)) + " |");
            text.AppendLine("|---|" + string.Concat(variants.Select(_ => "---:|")));
            Row(text, "init: exec → first `GET next` (ms, median)", variants, v => F(v.MedianInit));
            Row(text, "**cold start: exec → first `/response` (ms, median)**", variants, v => "**" + F(v.MedianFirstResponse) + "**");
            Row(text, "cold start, min – max (ms)", variants, v => $"{F(v.MinFirstResponse)} – {F(v.MaxFirstResponse)}");
            if (variants.Count(v => v.Kind == VariantKind.Area) > 1)
            {
                // Against the first column (the Events bootstrap), round by round.
                var reference = variants[0];
                Row(text, Invariant($"**cold start ÷ {reference.Variant}** (median of per-round ratios)"), variants,
                    v => v.Kind == VariantKind.Area ? "**" + F(Statistics.MedianPairedRatio(v, reference, s => s.FirstResponseMilliseconds), "F2") + "×**" : "");
                Row(text, Invariant($"init ÷ {reference.Variant} (median of per-round ratios)"), variants,
                    v => v.Kind == VariantKind.Area ? F(Statistics.MedianPairedRatio(v, reference, s => s.InitMilliseconds), "F2") + "×" : "");
                Row(text, Invariant($"CPU time ÷ {reference.Variant} (median of per-round ratios)"), variants,
                    v => v.Kind == VariantKind.Area ? F(Statistics.MedianPairedRatio(v, reference, s => s.CpuMilliseconds), "F2") + "×" : "");
                Row(text, Invariant($"init CPU time ÷ {reference.Variant} (median of per-round ratios)"), variants,
                    v => v.Kind == VariantKind.Area ? F(Statistics.MedianPairedRatio(v, reference, s => s.InitCpuMilliseconds), "F2") + "×" : "");
            }

            if (baseline is not null)
            {
                Row(text, "**cold start ÷ bare loop** (median of per-round ratios)", variants,
                    v => "**" + F(Statistics.MedianPairedRatio(v, baseline, s => s.FirstResponseMilliseconds), "F2") + "×**");
                Row(text, "init ÷ bare loop (median of per-round ratios)", variants,
                    v => F(Statistics.MedianPairedRatio(v, baseline, s => s.InitMilliseconds), "F2") + "×");
            }

            Row(text, "CPU time, exec → first `/response` (ms, median, all threads)", variants, v => F(v.MedianCpu));
            Row(text, "init CPU time, exec → first `GET next` (ms, median, all threads)", variants, v => F(v.MedianInitCpu));
            Row(text, "minor page faults, exec → first `/response` (median)", variants, v => F(v.MedianMinorFaults, "F0"));
            if (baseline is not null)
            {
                Row(text, "CPU time ÷ bare loop (median of per-round ratios)", variants,
                    v => F(Statistics.MedianPairedRatio(v, baseline, s => s.CpuMilliseconds), "F2") + "×");
            }

            Row(text, Invariant($"warm invocation p50 (ms, {variants[0].WarmCount} samples each)"), variants, v => F(v.WarmP50, "F2"));
            Row(text, "warm invocation p99 (ms)", variants, v => F(v.WarmP99, "F2"));
            Row(text, "peak RSS, VmHWM (MB, median)", variants, v => F(v.MedianPeakRss));
            if (baseline is not null)
            {
                Row(text, "peak RSS ÷ bare loop", variants, v => F(v.MedianPeakRss / baseline.MedianPeakRss, "F2") + "×");
            }

            text.AppendLine();
            var areas = variants.Where(v => v.Kind == VariantKind.Area).ToList();
            if (areas.Count > 2)
            {
                // Every pair, not only against the first column: e.g. each area against its own earlier build.
                Matrix(text, "CPU time to first `/response`", areas, s => s.CpuMilliseconds);
                Matrix(text, "init CPU time (exec → first `GET next`)", areas, s => s.InitCpuMilliseconds);
                Matrix(text, "init (exec → first `GET next`)", areas, s => s.InitMilliseconds);
            }
        }

        if (sizes.Count > 0)
        {
            var baseline = sizes[^1];
            text.AppendLine("### What ships");
            text.AppendLine();
            text.AppendLine("| variant | what | size (MB) | zipped (MB, deflate) | size ÷ " + baseline.Variant + " |");
            text.AppendLine("|---|---|---:|---:|---:|");
            foreach (var size in sizes)
            {
                text.AppendLine($"| {size.Variant} | {size.What} | {F(size.Megabytes, "F2")} | {F(size.ZippedMegabytes, "F2")} | {F(size.Megabytes / baseline.Megabytes, "F2")}× |");
            }

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

    private static void Matrix(StringBuilder text, string measure, IReadOnlyList<VariantResults> variants, Func<ColdStartSample, double> of)
    {
        text.AppendLine(Invariant($"{measure}, row ÷ column (median of per-round ratios):"));
        text.AppendLine();
        text.AppendLine("| ÷ | " + string.Join(" | ", variants.Select(v => v.Variant)) + " |");
        text.AppendLine("|---|" + string.Concat(variants.Select(_ => "---:|")));
        foreach (var row in variants)
        {
            text.AppendLine($"| {row.Variant} | " + string.Join(" | ", variants.Select(column =>
                ReferenceEquals(row, column) ? "" : F(Statistics.MedianPairedRatio(row, column, of), "F2") + "×")) + " |");
        }

        text.AppendLine();
    }

    private static void Row(StringBuilder text, string label, IReadOnlyList<VariantResults> variants, Func<VariantResults, string> cell) =>
        text.AppendLine($"| {label} | " + string.Join(" | ", variants.Select(cell)) + " |");

    private static string F(double value, string format = "F1") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
