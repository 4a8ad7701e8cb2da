using System.Reflection;
using BitcoinEvents.Lambda;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost;

/// <summary>
/// The areas DevHost runs: those template.yaml declares (a nested stack at
/// functions/&lt;Area&gt;/template.yaml), each found in its assembly BitcoinEvents.&lt;Area&gt;
/// (DevHost references every functions/*/ project) as the public static
/// <see cref="AreaDefinition"/> it exposes. Nothing to register by hand.
/// </summary>
public static class Areas
{
    /// <summary>The areas of <paramref name="template"/>, in template order.</summary>
    /// <exception cref="InvalidOperationException">An area has no assembly or no single definition.</exception>
    public static IReadOnlyList<AreaDefinition> Of(SamTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return [.. template.Areas.Select(Load)];
    }

    /// <summary>The definition of area <paramref name="name"/> from its assembly.</summary>
    public static AreaDefinition Load(string name)
    {
        var assemblyName = AssemblyNameOf(name);
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(new AssemblyName(assemblyName));
        }
        catch (FileNotFoundException exception)
        {
            throw new InvalidOperationException(
                $"template.yaml declares area {name}, but its assembly {assemblyName} is not here: is there a functions/{name}/{name}.csproj?", exception);
        }

        var definitions = assembly.GetExportedTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static))
            .Where(p => p.PropertyType == typeof(AreaDefinition))
            .Select(p => (AreaDefinition)p.GetValue(null)!)
            .ToList();
        return definitions switch
        {
            [var only] when string.Equals(only.Name, name, StringComparison.Ordinal) => only,
            [var other] => throw new InvalidOperationException($"{assemblyName} defines area '{other.Name}', but template.yaml names it {name}."),
            [] => throw new InvalidOperationException($"{assemblyName} exposes no public static AreaDefinition."),
            _ => throw new InvalidOperationException($"{assemblyName} exposes {definitions.Count} AreaDefinitions; an area has one."),
        };
    }

    /// <summary>An area's assembly (functions/Directory.Build.props names it so).</summary>
    public static string AssemblyNameOf(string area) => "BitcoinEvents." + area;
}
