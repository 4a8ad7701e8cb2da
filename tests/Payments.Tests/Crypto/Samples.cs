using System.Runtime.CompilerServices;

namespace Payments.Tests.Crypto;

/// <summary>
/// Provider payloads kept as test data (Samples/): documented examples and captured deliveries,
/// read as the exact bytes a provider signed.
/// </summary>
internal static class Samples
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder(), "Samples", name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder(), "Samples", name));

    private static string Folder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
