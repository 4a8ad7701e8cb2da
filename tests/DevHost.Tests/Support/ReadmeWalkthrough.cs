using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.LocalAws;

namespace DevHost.Tests.Support;

/// <summary>One ```bash block of README.md: the section it is in, and its text exactly as written.</summary>
internal sealed record ReadmeBlock(int Index, string Section, string Text);

/// <summary>
/// The README's curl walkthrough as a newcomer follows it: its ```bash blocks, in order, from the
/// sections named, run one after another in ONE bash session (variables and functions carry over),
/// with one change: the line that says where DevHost listens (<see cref="ApiLine"/>) names the
/// DevHost under test instead.
/// </summary>
internal static class ReadmeWalkthrough
{
    /// <summary>The walkthrough's first line: where a newcomer's DevHost listens.</summary>
    public const string ApiLine = "API=http://127.0.0.1:5080";

    /// <summary>The tools the walkthrough's commands use, with the one command that installs them on Debian.</summary>
    public static readonly IReadOnlyList<(string Tool, string Install)> Tools =
    [
        ("bash", "apt-get install -y bash"),
        ("curl", "apt-get install -y curl"),
        ("jq", "apt-get install -y jq"),
    ];

    public static string ReadmePath => Path.Combine(RepositoryPaths.Root, "README.md");

    /// <summary>
    /// The ```bash blocks of each of <paramref name="sections"/> (level-3 headings), in the order
    /// given. Throws when a section is missing or has no block: the README changed under the test.
    /// </summary>
    public static IReadOnlyList<ReadmeBlock> Blocks(string readme, params string[] sections)
    {
        ArgumentNullException.ThrowIfNull(readme);
        var all = new List<(string Section, string Text)>();
        string? section = null;
        StringBuilder? block = null;
        var inFence = false;
        foreach (var line in readme.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (inFence && block is not null && section is not null)
                {
                    all.Add((section, block.ToString()));
                }

                block = !inFence && line == "```bash" ? new StringBuilder() : null;
                inFence = !inFence;
            }
            else if (inFence)
            {
                block?.Append(line).Append('\n');
            }
            else if (line.StartsWith('#') && !line.StartsWith("####", StringComparison.Ordinal))
            {
                section = line.StartsWith("### ", StringComparison.Ordinal) ? line[4..].Trim() : null;
            }
        }

        var blocks = new List<ReadmeBlock>();
        foreach (var wanted in sections)
        {
            if (!readme.Contains("\n### " + wanted + "\n", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"README.md has no section '### {wanted}'.");
            }

            var texts = all.Where(b => b.Section == wanted).Select(b => b.Text).ToList();
            if (texts.Count == 0)
            {
                throw new InvalidOperationException($"README.md's section '### {wanted}' has no ```bash block.");
            }

            foreach (var text in texts)
            {
                blocks.Add(new ReadmeBlock(blocks.Count, wanted, text));
            }
        }

        return blocks;
    }

    /// <summary>
    /// The script: the blocks as written, each after a marker line on stdout (with the time the
    /// block started, in Unix milliseconds) so that what each printed, and when, can be told apart,
    /// <see cref="ApiLine"/> replaced by <paramref name="api"/>, and at the end the values of
    /// <paramref name="variables"/> (as the blocks left them).
    /// </summary>
    public static string Script(IReadOnlyList<ReadmeBlock> blocks, Uri api, IEnumerable<string> variables)
    {
        var text = new StringBuilder();
        text.Append("set -euo pipefail\n");
        foreach (var block in blocks)
        {
            text.Append(CultureInfo.InvariantCulture, $"printf '\\n{Marker}%d@@%s\\n' {block.Index} \"$(date +%s%3N)\"\n");
            text.Append(block.Text);
        }

        text.Append(CultureInfo.InvariantCulture, $"printf '\\n{VariablesMarker}\\n'\n");
        foreach (var variable in variables)
        {
            text.Append(CultureInfo.InvariantCulture, $"printf '%s=%s\\n' {variable} \"${{{variable}-}}\"\n");
        }

        var script = text.ToString();
        var lines = script.Split('\n');
        var apiLines = lines.Count(l => l == ApiLine);
        if (apiLines != 1)
        {
            throw new InvalidOperationException($"The walkthrough should set '{ApiLine}' on one line of its own, once; found {apiLines}.");
        }

        return string.Join('\n', lines.Select(l => l == ApiLine ? "API=" + api.ToString().TrimEnd('/') : l));
    }

    /// <summary>Where <paramref name="tool"/> is on PATH, or null.</summary>
    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs <paramref name="script"/> with bash in <paramref name="workingDirectory"/>; the process tree is killed on timeout.</summary>
    public static async Task<WalkthroughRun> RunAsync(string script, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var file = Path.Combine(workingDirectory, "walkthrough.sh");
        await File.WriteAllTextAsync(file, script, cancellationToken);
        var startInfo = new ProcessStartInfo(Find("bash") ?? "bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        startInfo.ArgumentList.Add("--noprofile");
        startInfo.ArgumentList.Add("--norc");
        startInfo.ArgumentList.Add(file);
        // A newcomer's shell: their PATH and home, none of this test run's other settings.
        startInfo.Environment.Clear();
        startInfo.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        startInfo.Environment["HOME"] = workingDirectory;
        startInfo.Environment["LANG"] = "C.UTF-8";

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("bash did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
            return new WalkthroughRun(-1, await stdout, $"{await stderr}{Environment.NewLine}(stopped after {timeout.TotalSeconds} s)");
        }

        return new WalkthroughRun(process.ExitCode, await stdout, await stderr);
    }

    private const string Marker = "@@readme-block:";

    private const string VariablesMarker = "@@readme-variables@@";

    /// <summary>What the walkthrough printed and left behind.</summary>
    internal sealed record WalkthroughRun(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>What block <paramref name="index"/> printed on stdout.</summary>
        public string OutputOf(int index)
        {
            var start = Stdout.IndexOf('\n', MarkerOf(index)) + 1;
            var end = Stdout.IndexOf("\n@@readme-", start, StringComparison.Ordinal);
            return end < 0 ? Stdout[start..] : Stdout[start..end];
        }

        /// <summary>When block <paramref name="index"/> started (the machine's clock, as <c>date</c> read it).</summary>
        public DateTimeOffset StartOf(int index)
        {
            var start = MarkerOf(index) + $"{Marker}{index}@@".Length;
            var milliseconds = long.Parse(Stdout.AsSpan(start, Stdout.IndexOf('\n', start) - start), NumberStyles.None, CultureInfo.InvariantCulture);
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }

        private int MarkerOf(int index)
        {
            var marker = Stdout.IndexOf($"\n{Marker}{index}@@", StringComparison.Ordinal);
            return marker < 0 ? throw new InvalidOperationException($"Block {index} did not run.") : marker + 1;
        }

        /// <summary>The variables as the walkthrough left them (empty: unset).</summary>
        public IReadOnlyDictionary<string, string> Variables()
        {
            var start = Stdout.IndexOf(VariablesMarker + "\n", StringComparison.Ordinal);
            if (start < 0)
            {
                throw new InvalidOperationException("The walkthrough did not reach its end.");
            }

            return Stdout[(start + VariablesMarker.Length + 1)..]
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('=', 2))
                .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        }

        public string Transcript => $"exit code {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{Stdout}{Environment.NewLine}--- stderr ---{Environment.NewLine}{Stderr}";
    }

    /// <summary>The JSON values printed one after another (curl prints no newline after a body; jq does).</summary>
    public static IReadOnlyList<JsonNode> JsonValues(string output)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(output), new JsonReaderOptions { AllowMultipleValues = true });
        var values = new List<JsonNode>();
        while (reader.Read())
        {
            values.Add(JsonNode.Parse(ref reader) ?? throw new InvalidOperationException("A null among the JSON values printed."));
        }

        return values;
    }
}
