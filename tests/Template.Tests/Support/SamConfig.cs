using System.Text.RegularExpressions;

namespace Template.Tests.Support;

/// <summary>
/// samconfig.toml read as the flat TOML the SAM CLI writes: <c>[env.command.parameters]</c>
/// tables of <c>key = value</c> lines (strings, booleans, numbers). Enough to check its settings.
/// </summary>
internal sealed partial class SamConfig
{
    private SamConfig(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> tables, string? version)
    {
        Tables = tables;
        Version = version;
    }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Tables { get; }

    public string? Version { get; }

    public static SamConfig Load(string path) => Parse(File.ReadAllText(path));

    public static SamConfig Parse(string text)
    {
        var tables = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        string? version = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var header = Header().Match(line);
            if (header.Success)
            {
                var name = header.Groups[1].Value;
                if (tables.ContainsKey(name))
                {
                    throw new FormatException($"samconfig.toml declares [{name}] twice.");
                }

                tables[name] = current = new Dictionary<string, string>(StringComparer.Ordinal);
                continue;
            }

            var pair = KeyValue().Match(line);
            if (!pair.Success)
            {
                throw new FormatException($"samconfig.toml: cannot read '{line}'.");
            }

            var value = pair.Groups[2].Value.Trim();
            value = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
            if (current is null)
            {
                if (pair.Groups[1].Value == "version")
                {
                    version = value;
                }

                continue;
            }

            if (!current.TryAdd(pair.Groups[1].Value, value))
            {
                throw new FormatException($"samconfig.toml: key {pair.Groups[1].Value} appears twice in one table.");
            }
        }

        return new SamConfig(tables.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, string>)t.Value, StringComparer.Ordinal), version);
    }

    public string? Get(string table, string key) =>
        Tables.TryGetValue(table, out var values) && values.TryGetValue(key, out var value) ? value : null;

    [GeneratedRegex(@"^\[([A-Za-z0-9_.-]+)\]$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^([A-Za-z0-9_-]+)\s*=\s*(.+?)\s*(#.*)?$")]
    private static partial Regex KeyValue();
}
