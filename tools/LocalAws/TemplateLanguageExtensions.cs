using System.Text.Json;
using System.Text.Json.Nodes;

namespace BitcoinEvents.LocalAws;

/// <summary>
/// The parts of the <c>AWS::LanguageExtensions</c> transform a template of this repository uses,
/// applied the way CloudFormation (and SAM CLI since 1.160) applies them before the SAM transform:
/// <c>Fn::ForEach::Loop: [Identifier, [values…], {OutputKey: OutputValue}]</c> in Resources,
/// Conditions and Outputs (every <c>${Identifier}</c> or <c>&amp;{Identifier}</c> in the keys and
/// values, and every <c>Ref Identifier</c>, becomes the value), and <c>Fn::FindInMap</c> whose
/// three arguments are literal, looked up in Mappings.
/// </summary>
public static class TemplateLanguageExtensions
{
    private const string ForEachPrefix = "Fn::ForEach::";

    /// <summary>A deep copy of <paramref name="template"/> with the extensions applied.</summary>
    /// <exception cref="FormatException">A loop is malformed, produces a duplicate key, or a lookup misses.</exception>
    public static JsonObject Expand(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var result = template.DeepClone().AsObject();
        foreach (var section in new[] { "Resources", "Conditions", "Outputs" })
        {
            if (result[section] is JsonObject entries)
            {
                result[section] = ExpandLoops(entries, section);
            }
        }

        var mappings = result["Mappings"] as JsonObject;
        foreach (var section in new[] { "Resources", "Conditions", "Outputs", "Globals" })
        {
            if (result[section] is JsonNode node)
            {
                result[section] = ResolveFindInMap(node, mappings);
            }
        }

        return result;
    }

    private static JsonObject ExpandLoops(JsonObject entries, string where)
    {
        var expanded = new JsonObject();
        foreach (var (key, value) in entries)
        {
            if (!key.StartsWith(ForEachPrefix, StringComparison.Ordinal))
            {
                Add(expanded, key, value?.DeepClone(), where);
                continue;
            }

            if (value is not JsonArray { Count: 3 } loop
                || loop[0] is not JsonValue identifierNode
                || !identifierNode.TryGetValue<string>(out var identifier)
                || loop[1] is not JsonArray collection
                || loop[2] is not JsonObject fragment)
            {
                throw new FormatException($"{where}.{key} must be [Identifier, [values…], {{OutputKey: OutputValue}}].");
            }

            foreach (var item in collection)
            {
                var text = item is JsonValue v && v.TryGetValue<string>(out var s) ? s
                    : throw new FormatException($"{where}.{key}: the collection holds a value that is not a string.");
                foreach (var (outputKey, outputValue) in ExpandLoops(fragment, where))
                {
                    var name = Substitute(outputKey, identifier, text, forKey: true);
                    if (string.Equals(name, outputKey, StringComparison.Ordinal))
                    {
                        throw new FormatException($"{where}.{key}: the output key '{outputKey}' does not contain ${{{identifier}}}.");
                    }

                    Add(expanded, name, Replace(outputValue, identifier, text), where);
                }
            }
        }

        return expanded;
    }

    private static void Add(JsonObject target, string key, JsonNode? value, string where)
    {
        if (target.ContainsKey(key))
        {
            throw new FormatException($"{where}: '{key}' is declared twice (after expanding Fn::ForEach).");
        }

        target[key] = value;
    }

    /// <summary>A copy of <paramref name="node"/> with the identifier replaced in keys, strings and Refs.</summary>
    private static JsonNode? Replace(JsonNode? node, string identifier, string value) => node switch
    {
        JsonObject { Count: 1 } obj when obj["Ref"] is JsonValue r && r.TryGetValue<string>(out var name) && name == identifier
            => JsonValue.Create(value),
        JsonObject obj => new JsonObject(obj.Select(kv => KeyValuePair.Create(Substitute(kv.Key, identifier, value, forKey: true), Replace(kv.Value, identifier, value)))),
        JsonArray array => new JsonArray(array.Select(item => Replace(item, identifier, value)).ToArray()),
        JsonValue text when text.GetValueKind() == JsonValueKind.String => JsonValue.Create(Substitute(text.GetValue<string>(), identifier, value, forKey: false)),
        _ => node?.DeepClone(),
    };

    /// <summary><c>&amp;{Id}</c> keeps only the value's letters and digits (for logical ids); <c>${Id}</c> the value as is.</summary>
    private static string Substitute(string text, string identifier, string value, bool forKey)
    {
        var alphanumeric = new string([.. value.Where(char.IsAsciiLetterOrDigit)]);
        var result = text.Replace("&{" + identifier + "}", alphanumeric, StringComparison.Ordinal);
        return result.Replace("${" + identifier + "}", forKey ? alphanumeric : value, StringComparison.Ordinal);
    }

    private static JsonNode? ResolveFindInMap(JsonNode? node, JsonObject? mappings)
    {
        switch (node)
        {
            case JsonObject { Count: 1 } obj when obj["Fn::FindInMap"] is JsonArray { Count: 3 } args && args.All(IsString):
                {
                    var (map, top, second) = (Text(args[0]), Text(args[1]), Text(args[2]));
                    return mappings?[map]?[top]?[second]?.DeepClone()
                        ?? throw new FormatException($"Fn::FindInMap [{map}, {top}, {second}]: Mappings has no such entry.");
                }

            case JsonObject obj:
                foreach (var key in obj.Select(kv => kv.Key).ToList())
                {
                    var replaced = ResolveFindInMap(obj[key], mappings);
                    if (!ReferenceEquals(replaced, obj[key]))
                    {
                        obj[key] = replaced;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var replaced = ResolveFindInMap(array[i], mappings);
                    if (!ReferenceEquals(replaced, array[i]))
                    {
                        array[i] = replaced;
                    }
                }

                return array;
            default:
                return node;
        }
    }

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    private static string Text(JsonNode? node) => node!.GetValue<string>();
}
