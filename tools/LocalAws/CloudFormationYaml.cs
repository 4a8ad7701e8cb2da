using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BitcoinEvents.LocalAws;

/// <summary>
/// Reads a CloudFormation/SAM YAML template into its JSON form, the way CloudFormation does:
/// short-form intrinsic tags become their long forms (<c>!Ref X</c> → <c>{"Ref": "X"}</c>,
/// <c>!GetAtt A.Arn</c> → <c>{"Fn::GetAtt": ["A", "Arn"]}</c>, <c>!Sub s</c> → <c>{"Fn::Sub": s}</c>, …),
/// plain scalars are typed (bool, integer, number, null) and quoted ones stay strings.
/// An unknown tag or a duplicate key is an error, as it is for CloudFormation. Anchors and aliases
/// are resolved (SAM CLI flattens them before CloudFormation sees the template). This is the one
/// reader of templates in the repository: <see cref="SamTemplate"/> builds on it.
/// </summary>
public static partial class CloudFormationYaml
{
    private static readonly HashSet<string> s_functionTags = new(StringComparer.Ordinal)
    {
        "Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub",
        "Transform", "And", "Equals", "If", "Not", "Or", "ToJsonString", "Length", "ForEach",
    };

    /// <summary>Reads a template file.</summary>
    public static JsonObject LoadFile(string path) => Parse(File.ReadAllText(path));

    /// <summary>Reads a template's text.</summary>
    public static JsonObject Parse(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        if (stream.Documents.Count != 1)
        {
            throw new FormatException($"Expected one YAML document, found {stream.Documents.Count}.");
        }

        return Convert(stream.Documents[0].RootNode) as JsonObject
            ?? throw new FormatException("The template's root is not a mapping.");
    }

    private static JsonNode? Convert(YamlNode node)
    {
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is not null && tag.StartsWith('!') && !tag.StartsWith("!!", StringComparison.Ordinal))
        {
            return Intrinsic(tag[1..], node);
        }

        return node switch
        {
            YamlMappingNode map => ConvertMapping(map),
            YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
            YamlScalarNode scalar => ConvertScalar(scalar, tag),
            _ => throw new FormatException($"Unsupported YAML node at {node.Start}."),
        };
    }

    private static JsonObject ConvertMapping(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value
                ?? throw new FormatException($"Non-scalar mapping key at {keyNode.Start}.");
            if (result.ContainsKey(key))
            {
                throw new FormatException($"Duplicate key '{key}' at {keyNode.Start}.");
            }

            result[key] = Convert(valueNode);
        }

        return result;
    }

    private static JsonObject Intrinsic(string name, YamlNode node)
    {
        switch (name)
        {
            case "Ref":
                return new JsonObject { ["Ref"] = ScalarText(node, name) };
            case "Condition":
                return new JsonObject { ["Condition"] = ScalarText(node, name) };
            case "GetAtt" when node is YamlScalarNode scalar:
                {
                    // "!GetAtt Resource.Attribute" splits at the first dot (attributes may hold dots).
                    var text = scalar.Value ?? string.Empty;
                    var dot = text.IndexOf('.', StringComparison.Ordinal);
                    if (dot <= 0 || dot == text.Length - 1)
                    {
                        throw new FormatException($"!GetAtt '{text}' at {node.Start} is not Resource.Attribute.");
                    }

                    return new JsonObject { ["Fn::GetAtt"] = new JsonArray(text[..dot], text[(dot + 1)..]) };
                }

            case "GetAtt":
                return new JsonObject { ["Fn::GetAtt"] = Untagged(node) };
            default:
                if (!s_functionTags.Contains(name))
                {
                    throw new FormatException($"Unknown CloudFormation tag '!{name}' at {node.Start}.");
                }

                return new JsonObject { ["Fn::" + name] = Untagged(node) };
        }
    }

    private static string ScalarText(YamlNode node, string name) =>
        (node as YamlScalarNode)?.Value ?? throw new FormatException($"!{name} at {node.Start} takes a scalar.");

    private static JsonNode? Untagged(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMapping(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar, null),
        _ => throw new FormatException($"Unsupported YAML node at {node.Start}."),
    };

    private static JsonValue? ConvertScalar(YamlScalarNode scalar, string? tag)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain || tag == "tag:yaml.org,2002:str")
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
