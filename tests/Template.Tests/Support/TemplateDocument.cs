using BitcoinEvents.LocalAws;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Template.Tests.Support;

/// <summary>A reference an intrinsic function makes: <c>Ref Name</c>, <c>GetAtt Name.Attribute</c> or <c>${Name[.Attribute]}</c> in a Sub.</summary>
internal sealed record TemplateReference(string Name, string? Attribute);

/// <summary>One AWS::Serverless::Function with its Globals merged in (the way SAM merges them).</summary>
internal sealed record FunctionResource(string LogicalId, JsonObject Resource, JsonObject Properties)
{
    public string? Handler => Properties["Handler"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
        ? Properties["Handler"]!.GetValue<string>()
        : null;

    /// <summary>Environment variables, Globals first and the function's own on top.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Environment =>
        (Properties["Environment"]?["Variables"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
        ?? new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
}

/// <summary>
/// A template in its JSON form, read by LocalAws' <see cref="SamTemplate"/> (the one reader of
/// templates in the repository), with the lookups the rules need: either the platform flattened
/// (every stack's resources, Globals merged into functions and nested parameters replaced by what
/// the root passes, as one document) or one stack as SAM transforms it.
/// </summary>
internal sealed partial class TemplateDocument
{
    /// <summary>CloudFormation pseudo parameters: valid targets of Ref and ${} in Sub.</summary>
    public static readonly IReadOnlySet<string> PseudoParameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
        "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    };

    private readonly IReadOnlyDictionary<string, string> _templateOf;

    public TemplateDocument(JsonObject root, IReadOnlyDictionary<string, string>? templateOf = null)
    {
        Root = root;
        _templateOf = templateOf ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    public JsonObject Root { get; }

    /// <summary>The platform flattened: every stack of the repository's template.yaml as one document.</summary>
    public static TemplateDocument Load() => Flatten(SamTemplate.LoadDefault());

    public static TemplateDocument Flatten(SamTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var resources = new JsonObject();
        var conditions = new JsonObject();
        var templateOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stack in template.Stacks)
        {
            foreach (var (id, resource) in stack.Resolved["Resources"] as JsonObject ?? [])
            {
                resources[id] = resource?.DeepClone();
                templateOf[id] = stack.Path;
            }

            foreach (var (name, condition) in stack.Resolved["Conditions"] as JsonObject ?? [])
            {
                conditions[name] = condition?.DeepClone();
            }
        }

        var root = template.Root.Resolved;
        return new TemplateDocument(
            new JsonObject
            {
                ["AWSTemplateFormatVersion"] = root["AWSTemplateFormatVersion"]?.DeepClone(),
                ["Transform"] = root["Transform"]?.DeepClone(),
                ["Parameters"] = root["Parameters"]?.DeepClone() ?? new JsonObject(),
                ["Conditions"] = conditions,
                ["Resources"] = resources,
                ["Outputs"] = root["Outputs"]?.DeepClone() ?? new JsonObject(),
            },
            templateOf);
    }

    /// <summary>Each stack of the repository's template.yaml as SAM transforms it (language extensions applied, Globals kept).</summary>
    public static IReadOnlyList<(TemplateStack Stack, TemplateDocument Document)> Stacks() =>
        [.. SamTemplate.LoadDefault().Stacks.Select(s => (s, new TemplateDocument(s.Expanded.DeepClone().AsObject(), s.Expanded["Resources"]!.AsObject().ToDictionary(r => r.Key, _ => s.Path, StringComparer.Ordinal))))];

    public TemplateDocument Clone() => new(Root.DeepClone().AsObject(), _templateOf);

    /// <summary>The template file that declares a resource (null for one a test added).</summary>
    public string? TemplateOf(string logicalId) => _templateOf.GetValueOrDefault(logicalId);

    public JsonObject Resources => Root["Resources"] as JsonObject ?? [];

    public JsonObject Parameters => Root["Parameters"] as JsonObject ?? [];

    public JsonObject Conditions => Root["Conditions"] as JsonObject ?? [];

    public string? TypeOf(string logicalId) =>
        Resources[logicalId]?["Type"] is JsonValue type && type.TryGetValue<string>(out var text) ? text : null;

    public IEnumerable<(string LogicalId, JsonObject Resource)> ResourcesOfType(string type) =>
        Resources.Where(r => r.Value is JsonObject o && o["Type"]?.GetValue<string>() == type)
            .Select(r => (r.Key, r.Value!.AsObject()));

    public IReadOnlyList<FunctionResource> Functions
    {
        get
        {
            var globals = Root["Globals"]?["Function"] as JsonObject ?? [];
            return ResourcesOfType("AWS::Serverless::Function")
                .Select(f => new FunctionResource(f.LogicalId, f.Resource, MergeGlobals(globals, f.Resource["Properties"] as JsonObject ?? [])))
                .ToList();
        }
    }

    /// <summary>Every Ref, GetAtt and Sub variable under <paramref name="node"/> (Sub's own variables excluded).</summary>
    public static IEnumerable<TemplateReference> ReferencesIn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 1 && obj["Ref"] is JsonValue r && r.TryGetValue<string>(out var refName):
                yield return new TemplateReference(refName, null);
                yield break;
            case JsonObject obj when obj.Count == 1 && obj["Fn::GetAtt"] is JsonNode getAtt:
                {
                    if (getAtt is JsonArray { Count: 2 } parts && parts[0] is JsonValue n && n.TryGetValue<string>(out var resource))
                    {
                        yield return new TemplateReference(resource, parts[1] is JsonValue at && at.TryGetValue<string>(out var attr) ? attr : null);
                        foreach (var inner in ReferencesIn(parts[1]))
                        {
                            yield return inner;
                        }
                    }
                    else if (getAtt is JsonValue s && s.TryGetValue<string>(out var dotted) && dotted.Contains('.', StringComparison.Ordinal))
                    {
                        var dot = dotted.IndexOf('.', StringComparison.Ordinal);
                        yield return new TemplateReference(dotted[..dot], dotted[(dot + 1)..]);
                    }

                    yield break;
                }

            case JsonObject obj when obj.Count == 1 && obj["Fn::Sub"] is JsonNode sub:
                {
                    string? text;
                    JsonObject? variables = null;
                    if (sub is JsonArray { Count: 2 } pair)
                    {
                        text = pair[0] is JsonValue t && t.TryGetValue<string>(out var s1) ? s1 : null;
                        variables = pair[1] as JsonObject;
                        foreach (var inner in ReferencesIn(pair[1]))
                        {
                            yield return inner;
                        }
                    }
                    else
                    {
                        text = sub is JsonValue t && t.TryGetValue<string>(out var s2) ? s2 : null;
                    }

                    foreach (var reference in SubVariables(text ?? string.Empty))
                    {
                        if (variables is null || !variables.ContainsKey(reference.Name))
                        {
                            yield return reference;
                        }
                    }

                    yield break;
                }

            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    foreach (var inner in ReferencesIn(value))
                    {
                        yield return inner;
                    }
                }

                yield break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var inner in ReferencesIn(item))
                    {
                        yield return inner;
                    }
                }

                yield break;
        }
    }

    /// <summary>The <c>${Name}</c> and <c>${Name.Attribute}</c> of a Sub string; <c>${!Literal}</c> is text.</summary>
    public static IEnumerable<TemplateReference> SubVariables(string text)
    {
        foreach (Match match in SubVariablePattern().Matches(text))
        {
            var body = match.Groups[1].Value.Trim();
            if (body.StartsWith('!'))
            {
                continue;
            }

            var dot = body.StartsWith("AWS::", StringComparison.Ordinal) ? -1 : body.IndexOf('.', StringComparison.Ordinal);
            yield return dot < 0 ? new TemplateReference(body, null) : new TemplateReference(body[..dot], body[(dot + 1)..]);
        }
    }

    /// <summary>SAM's Globals merge: maps merge key by key (the function's value wins), anything else is replaced.</summary>
    private static JsonObject MergeGlobals(JsonObject globals, JsonObject properties)
    {
        var merged = globals.DeepClone().AsObject();
        foreach (var (key, value) in properties)
        {
            merged[key] = merged[key] is JsonObject g && value is JsonObject own && !IsIntrinsic(own)
                ? MergeGlobals(g, own)
                : value?.DeepClone();
        }

        return merged;
    }

    private static bool IsIntrinsic(JsonObject obj) =>
        obj.Count == 1 && obj.First().Key is var key && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal));

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex SubVariablePattern();
}
