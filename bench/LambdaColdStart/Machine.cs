using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LambdaColdStart;

/// <summary>What the numbers were measured on (Linux /proc and the .NET SDK).</summary>
internal static class Machine
{
    public static string LoadAverage() => Read("/proc/loadavg") is { } text ? string.Join(' ', text.Split(' ').Take(3)) : "n/a";

    public static string Describe()
    {
        var cpu = Lines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "n/a";
        var memory = Lines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "n/a";
        var os = Lines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription;
        var kernel = Read("/proc/sys/kernel/osrelease")?.Trim() ?? "n/a";
        return $"{Environment.ProcessorCount} logical CPUs ({cpu}), {memory} RAM, {os}, kernel {kernel}, .NET SDK {Sdk()} / runtime {RuntimeInformation.FrameworkDescription}";
    }

    private static string Sdk()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null)
            {
                return "n/a";
            }

            var version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(10_000);
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "n/a";
        }
    }

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    private static string[] Lines(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];
}
