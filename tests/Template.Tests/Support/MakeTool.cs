using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Template.Tests.Support;

/// <summary>Runs GNU make on the repository's Makefile (bounded in time), never building anything real.</summary>
internal static partial class MakeTool
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    /// <summary>The targets make knows after reading the Makefile (its database, printed without running a recipe).</summary>
    public static async Task<IReadOnlySet<string>> TargetsAsync(string makefile, CancellationToken cancellationToken) =>
        (await RulesAsync(makefile, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Each explicit target of the Makefile with its prerequisites, as make reads them.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> RulesAsync(string makefile, CancellationToken cancellationToken)
    {
        // -p print the database, -R -r no built-in rules/variables, -q question mode; "help" only echoes.
        var (_, output, _) = await RunAsync(Path.GetDirectoryName(makefile)!, ["-pRrq", "-f", makefile, "help"], cancellationToken);
        var rules = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (Match match in TargetLine().Matches(output))
        {
            rules[match.Groups[1].Value] = match.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return rules;
    }

    /// <summary>The area a function's build target publishes: the folder of its artifacts/&lt;Area&gt;/bootstrap prerequisite.</summary>
    public static string? AreaOf(IReadOnlyDictionary<string, IReadOnlyList<string>> rules, string functionLogicalId) =>
        rules.TryGetValue("build-" + functionLogicalId, out var prerequisites)
            ? prerequisites.Select(p => AreaBinary().Match(p)).FirstOrDefault(m => m.Success)?.Groups[1].Value
            : null;

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("make")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("MAKEFLAGS");
        start.Environment.Remove("MFLAGS");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("make did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"make {string.Join(' ', arguments)} took longer than {s_timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex(@"^([A-Za-z0-9_.-]+):(?!=)[ \t]*([^\n]*)$", RegexOptions.Multiline)]
    private static partial Regex TargetLine();

    [GeneratedRegex(@"/artifacts/([A-Za-z0-9_.-]+)/bootstrap$")]
    private static partial Regex AreaBinary();
}
