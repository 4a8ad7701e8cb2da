using System.Text.Json.Nodes;
using BitcoinEvents.LocalAws;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Template.Tests.Support;

/// <summary>
/// The AWS SAM JSON schema (draft-04, AWS::Serverless::* only), read from ../shared/schemas beside
/// the repository. Each AWS::Serverless::* resource is validated against its own resource
/// definition (found by the enum of its Type), and Globals against the Globals definition.
/// </summary>
internal sealed class SamSchema
{
    /// <summary>The SAM JSON schema lives beside the repository (../shared/schemas), never inside it.</summary>
    private static readonly string SchemaPath = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "schemas", "sam.schema.json"));

    private static readonly Lazy<Task<SamSchema>> s_shared = new(() => LoadAsync(SchemaPath));

    private readonly Dictionary<string, JsonSchema> _resourceSchemas;
    private readonly JsonSchema? _globals;

    private SamSchema(Dictionary<string, JsonSchema> resourceSchemas, JsonSchema? globals)
    {
        _resourceSchemas = resourceSchemas;
        _globals = globals;
    }

    public static Task<SamSchema> SharedAsync() => s_shared.Value;

    public IReadOnlyCollection<string> ResourceTypes => _resourceSchemas.Keys;

    public static async Task<SamSchema> LoadAsync(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The SAM schema is expected beside the repository at {path} (see shared/schemas/README.md); it is not copied into the repo.", path);
        }

        var schema = await JsonSchema.FromFileAsync(path);
        var byType = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var (name, definition) in schema.Definitions)
        {
            if (!name.EndsWith("__Resource", StringComparison.Ordinal)
                || !definition.Properties.TryGetValue("Type", out var type))
            {
                continue;
            }

            foreach (var value in type.Enumeration.OfType<string>())
            {
                if (value.StartsWith("AWS::Serverless::", StringComparison.Ordinal))
                {
                    byType[value] = definition;
                }
            }
        }

        if (byType.Count == 0)
        {
            throw new InvalidDataException($"{path} defines no AWS::Serverless::* resource.");
        }

        schema.Definitions.TryGetValue("__main____Globals", out var globals);
        return new SamSchema(byType, globals);
    }

    /// <summary>One line per schema violation in the template's AWS::Serverless::* resources and Globals.</summary>
    public IReadOnlyList<string> Validate(TemplateDocument template)
    {
        var problems = new List<string>();
        foreach (var (id, resource) in template.Resources)
        {
            var type = template.TypeOf(id);
            if (type is null || !type.StartsWith("AWS::Serverless::", StringComparison.Ordinal))
            {
                continue;
            }

            if (!_resourceSchemas.TryGetValue(type, out var definition))
            {
                problems.Add($"{id}: {type} is not a SAM resource type.");
                continue;
            }

            foreach (var error in definition.Validate(resource!.ToJsonString()))
            {
                problems.Add($"{id}: {Describe(error)}");
            }
        }

        if (_globals is not null && template.Root["Globals"] is JsonObject globals)
        {
            foreach (var error in _globals.Validate(globals.ToJsonString()))
            {
                problems.Add($"Globals: {Describe(error)}");
            }
        }

        return problems;
    }

    private static string Describe(ValidationError error)
    {
        var text = $"{error.Kind} at {error.Path ?? "#"}";
        if (error is ChildSchemaValidationError child)
        {
            // anyOf/oneOf: show the branch that came closest (fewest errors).
            var closest = child.Errors.Values.OrderBy(e => e.Count).FirstOrDefault();
            if (closest is { Count: > 0 })
            {
                text += " (" + string.Join("; ", closest.Select(Describe)) + ")";
            }
        }

        return text;
    }
}
