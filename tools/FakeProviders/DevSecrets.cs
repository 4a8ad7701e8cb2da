using System.Text.Json;

namespace BitcoinEvents.FakeProviders;

/// <summary>
/// The dev-only keys of dev-secrets.json (beside this assembly, from tools/FakeProviders): what the
/// fakes accept and sign with, and what DevHost and the tests give the Payments area. Never real keys.
/// </summary>
public sealed class DevSecrets
{
    public const string FileName = "dev-secrets.json";

    private readonly IReadOnlyDictionary<string, string> _values;

    public DevSecrets(IReadOnlyDictionary<string, string> values) => _values = values;

    /// <summary>Every setting, by name (<c>STRIPE_WEBHOOK_SECRET</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> All => _values;

    /// <summary>A secret by name; throws naming the file when it is missing.</summary>
    public string this[string name] => _values.TryGetValue(name, out var value)
        ? value
        : throw new KeyNotFoundException($"{name} is not in {FileName} (tools/FakeProviders).");

    /// <summary>Reads dev-secrets.json from beside the assembly.</summary>
    public static DevSecrets Load() => Load(Path.Combine(AppContext.BaseDirectory, FileName));

    public static DevSecrets Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!property.Name.StartsWith("//", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                values[property.Name] = property.Value.GetString()!;
            }
        }

        return new DevSecrets(values);
    }
}
