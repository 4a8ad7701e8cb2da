using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace BitcoinEvents.LocalAws;

/// <summary>Resolves the references a <see cref="TemplateValue"/> can hold (see <see cref="LocalResources"/>).</summary>
public interface ITemplateReferenceResolver
{
    /// <summary>The value of <c>!Ref name</c> (a parameter, a pseudo parameter or a resource); null when unknown.</summary>
    string? ResolveRef(string name);

    /// <summary>The value of <c>!GetAtt logicalId.attribute</c>; null when unknown.</summary>
    string? ResolveGetAtt(string logicalId, string attribute);

    /// <summary>The value of a template condition; null when unknown.</summary>
    bool? ResolveCondition(string name);
}

/// <summary>
/// A value in template.yaml: a literal, or an intrinsic function (short tag <c>!Ref</c>, <c>!GetAtt</c>,
/// <c>!Sub</c>, <c>!Join</c>, <c>!If</c>, ... or the long form <c>Ref</c> / <c>Fn::*</c>) resolved
/// against provisioned resources by <see cref="Resolve"/>.
/// </summary>
public abstract record TemplateValue
{
    /// <summary>The literal string, or null when this value is not a literal.</summary>
    public virtual string? Literal => null;

    /// <summary>Logical ids and parameter names this value refers to (directly or inside <c>!Sub</c>).</summary>
    public abstract IEnumerable<string> References { get; }

    /// <summary>A literal.</summary>
    public static TemplateValue Of(string literal) => new TemplateLiteral(literal);

    /// <summary>Resolves to a string (a list resolves to its items joined by commas).</summary>
    /// <exception cref="InvalidOperationException">A reference cannot be resolved.</exception>
    public string Resolve(ITemplateReferenceResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var items = ResolveItems(resolver);
        return string.Join(',', items);
    }

    /// <summary>Resolves to a list of strings (a scalar gives one item).</summary>
    public abstract IReadOnlyList<string> ResolveItems(ITemplateReferenceResolver resolver);

    /// <summary>Parses a YAML node of the template (tags kept by YamlDotNet as <c>!Ref</c> etc.).</summary>
    public static TemplateValue Parse(YamlNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is not null && tag.StartsWith('!') && !tag.StartsWith("!!", StringComparison.Ordinal) && tag != "!")
        {
            return ParseFunction("Fn::" + tag[1..], node, shortForm: true);
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                return new TemplateLiteral(scalar.Value ?? string.Empty);
            case YamlSequenceNode sequence:
                return new TemplateList(sequence.Children.Select(Parse).ToList());
            case YamlMappingNode mapping when mapping.Children.Count == 1:
                var (key, value) = mapping.Children.First();
                var name = (key as YamlScalarNode)?.Value;
                if (name == "Ref" || (name is not null && name.StartsWith("Fn::", StringComparison.Ordinal)) || name == "Condition")
                {
                    return ParseFunction(name == "Ref" ? "Fn::Ref" : name == "Condition" ? "Fn::Condition" : name, value, shortForm: false);
                }

                return new TemplateMap(ParseMap(mapping));
            case YamlMappingNode mapping:
                return new TemplateMap(ParseMap(mapping));
            default:
                throw new FormatException($"Unsupported YAML node at {node.Start}.");
        }
    }

    private static Dictionary<string, TemplateValue> ParseMap(YamlMappingNode mapping) =>
        mapping.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? string.Empty, kv => Parse(kv.Value), StringComparer.Ordinal);

    private static TemplateValue ParseFunction(string function, YamlNode argument, bool shortForm)
    {
        // In the short form the tag belongs to the argument node itself: parse it without the tag.
        TemplateValue Argument() => shortForm ? ParseUntagged(argument) : Parse(argument);

        switch (function)
        {
            case "Fn::Ref":
                return new TemplateRef(ScalarOf(argument, function));
            case "Fn::Condition":
                return new TemplateConditionRef(ScalarOf(argument, function));
            case "Fn::GetAtt":
                if (argument is YamlScalarNode getAttScalar)
                {
                    var text = getAttScalar.Value ?? string.Empty;
                    var dot = text.IndexOf('.', StringComparison.Ordinal);
                    if (dot <= 0)
                    {
                        throw new FormatException($"!GetAtt '{text}' at {argument.Start} is not LogicalId.Attribute.");
                    }

                    return new TemplateGetAtt(text[..dot], text[(dot + 1)..]);
                }

                if (argument is YamlSequenceNode { Children.Count: 2 } getAttList)
                {
                    return new TemplateGetAtt(ScalarOf(getAttList[0], function), ScalarOf(getAttList[1], function));
                }

                throw new FormatException($"!GetAtt at {argument.Start} must be 'X.Attr' or [X, Attr].");
            case "Fn::Sub":
                if (argument is YamlScalarNode subScalar)
                {
                    return new TemplateSub(subScalar.Value ?? string.Empty, new Dictionary<string, TemplateValue>(StringComparer.Ordinal));
                }

                if (argument is YamlSequenceNode { Children.Count: 2 } subList && subList[1] is YamlMappingNode variables)
                {
                    return new TemplateSub(ScalarOf(subList[0], function), ParseMap(variables));
                }

                throw new FormatException($"!Sub at {argument.Start} must be a string or [string, {{variables}}].");
            case "Fn::Join":
                if (argument is YamlSequenceNode { Children.Count: 2 } join)
                {
                    return new TemplateJoin(ScalarOf(join[0], function), Parse(join[1]));
                }

                throw new FormatException($"!Join at {argument.Start} must be [delimiter, list].");
            case "Fn::Select":
                if (argument is YamlSequenceNode { Children.Count: 2 } select)
                {
                    return new TemplateSelect(Parse(select[0]), Parse(select[1]));
                }

                throw new FormatException($"!Select at {argument.Start} must be [index, list].");
            case "Fn::Split":
                if (argument is YamlSequenceNode { Children.Count: 2 } split)
                {
                    return new TemplateSplit(ScalarOf(split[0], function), Parse(split[1]));
                }

                throw new FormatException($"!Split at {argument.Start} must be [delimiter, string].");
            case "Fn::If":
                if (argument is YamlSequenceNode { Children.Count: 3 } choice)
                {
                    return new TemplateIf(ScalarOf(choice[0], function), Parse(choice[1]), Parse(choice[2]));
                }

                throw new FormatException($"!If at {argument.Start} must be [condition, whenTrue, whenFalse].");
            default:
                return new TemplateIntrinsic(function, Argument());
        }
    }

    private static TemplateValue ParseUntagged(YamlNode node) => node switch
    {
        YamlScalarNode scalar => new TemplateLiteral(scalar.Value ?? string.Empty),
        YamlSequenceNode sequence => new TemplateList(sequence.Children.Select(Parse).ToList()),
        YamlMappingNode mapping => new TemplateMap(ParseMap(mapping)),
        _ => throw new FormatException($"Unsupported YAML node at {node.Start}."),
    };

    private static string ScalarOf(YamlNode node, string function) =>
        node is YamlScalarNode scalar
            ? scalar.Value ?? string.Empty
            : throw new FormatException($"{function} at {node.Start} expects a plain string here.");

    /// <summary>Thrown text when a reference cannot be resolved.</summary>
    private protected static InvalidOperationException Unresolved(string what) =>
        new($"Cannot resolve {what} locally: no such parameter, pseudo parameter or provisioned resource.");
}

/// <summary>A literal string (numbers and booleans too, as written).</summary>
public sealed record TemplateLiteral(string Value) : TemplateValue
{
    /// <inheritdoc />
    public override string? Literal => Value;

    /// <inheritdoc />
    public override IEnumerable<string> References => [];

    /// <inheritdoc />
    public override IReadOnlyList<string> ResolveItems(ITemplateReferenceResolver resolver) => [Value];

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary><c>!Ref Name</c>.</summary>
public sealed record TemplateRef(string Name) : TemplateValue
{
    /// <inheritdoc />
    public override IEnumerable<string> References => [Name];

    /// <inheritdoc />
    public override IReadOnlyList<string> ResolveItems(ITemplateReferenceResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return [resolver.ResolveRef(Name) ?? throw Unresolved("!Ref " + Name)];
    }

    /// <inheritdoc />
    public override string ToString() => "!Ref " + Name;
}

/// <summary><c>!GetAtt LogicalId.Attribute</c>.</summary>
public sealed record TemplateGetAtt(string LogicalId, string Attribute) : TemplateValue
{
    /// <inheritdoc />
    public override IEnumerable<string> References => [LogicalId];

    /// <inheritdoc />
    public override IReadOnlyList<string> ResolveItems(ITemplateReferenceResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return [resolver.ResolveGetAtt(LogicalId, Attribute) ?? throw Unresolved($"!GetAtt {LogicalId}.{Attribute}")];
    }

    /// <inheritdoc />
    public override string ToString() => $"!GetAtt {LogicalId}.{Attribute}";
}

/// <summary><c>!Sub "text ${Name} ${Resource.Attr} ${!Literal}"</c>, optionally with its own variables.</summary>
public sealed record TemplateSub(string Format, IReadOnlyDictionary<string, TemplateValue> Variables) : TemplateValue
{
    /// <inheritdoc />
    public override IEnumerable<string> References =>
        Placeholders()
            .Where(p => !Variables.ContainsKey(p))
            .Select(p => p.Split('.')[0])
            .Concat(Variables.Values.SelectMany(v => v.References))
            .Distinct(StringComparer.Ordinal);

    /// <inheritdoc />
    public override IReadOnlyList<string> ResolveItems(ITemplateReferenceResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var result = new StringBuilder();
        var i = 0;
        while (i < Format.Length)
        {
            var start = Format.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                result.Append(Format, i, Format.Length - i);
                break;
            }

            var end = Format.IndexOf('}', start + 2);
            if (end < 0)
            {
                result.Append(Format, i, Format.Length - i);
                break;
            }

            result.Append(Format, i, start - i);
            var name = Format[(start + 2)..end];
            if (name.StartsWith('!'))
            {
                result.Append("${").Append(name, 1, name.Length - 1).Append('}');
            }
            else if (Variables.TryGetValue(name, out var variable))
            {
                result.Append(variable.Resolve(resolver));
            }
            else
            {
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                var value = dot > 0 && !name.StartsWith("AWS::", StringComparison.Ordinal)
                    ? resolver.ResolveGetAtt(name[..dot], name[(dot + 1)..]) ?? throw Unresolved("${" + name + "}")
                    : resolver.ResolveRef(name) ?? throw Unresolved("${" + name + "}");
                result.Append(value);
            }

            i = end + 1;
        }

        return [result.ToString()];
    }

    /// <inheritdoc />
    public override string ToString() => "!Sub " + Format;

    private IEnumerable<string> Placeholders()
    {
        var i = 0;
        while ((i = Format.IndexOf("${", i, StringComparison.Ordinal)) >= 0)
        {
            var end = Format.IndexOf('}', i + 2);
            if (end < 0)
            {
                yield break;
            }

            var name = Format[(i + 2)..end];
            if (!name.StartsWith('!'))
            {
                yield return name;
            }

            i = end + 1;
        }
    }
}

/// <summary><c>!Join [delimiter, [values]]</c>.</summary>
public sealed record TemplateJoin(string Delimiter, TemplateValue Values) : TemplateValue
{
    /// <inheritdoc />
    public override IEnumerable<string> References => Values.References;

    /// <inheritdoc />
    public override IReadOnlyList<string> ResolveItems(ITemplateReferenceResolver resolver) => [string.Join(Delimiter, Values.ResolveItems(resolver))];

    /// <inheritdoc />
    public override string ToString() => $"!Join [{Delimiter}, {Values}]";
}

/// <summary><c>!Select [index, list]</c>.</summary>
public sealed record TemplateSelect(TemplateValue Index, TemplateValue Values) : TemplateValue
{
    /// <inheritdoc />
    public override IEnumerable<string> References => Index.References.Concat(Values.References);

    /// <inheritdoc />
    public override IReadOnlyList<string> ResolveItems(ITemplateReferenceResolver resolver)
    {
        var index = int.Parse(Index.Resolve(resolver), CultureInfo.InvariantCulture);
        var items = Values.ResolveItems(resolver);
        return index >= 0 && index < items.Count ? [items[index]] : throw new InvalidOperationException($"!Select index {index} is outside a list of {items.Count}.");
    }
}

/// <summary><c>!Split [delimiter, string]</c>.</summary>
public sealed record TemplateSplit(string Delimiter, TemplateValue Source) : TemplateValue
{
    /// <inheritdoc />
    public override IEnumerable<string> References => Source.References;

    /// <inheritdoc />
    public override IReadOnlyList<string> ResolveItems(ITemplateReferenceResolver resolver) => Source.Resolve(resolver).Split(Delimiter);
}

/// <summary><c>!If [condition, whenTrue, whenFalse]</c>.</summary>
public sealed record TemplateIf(string Condition, TemplateValue WhenTrue, TemplateValue WhenFalse) : TemplateValue
{
    /// <inheritdoc />
    public override IEnumerable<string> References => WhenTrue.References.Concat(WhenFalse.References);

    /// <inheritdoc />
    public override IReadOnlyList<string> ResolveItems(ITemplateReferenceResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var value = resolver.ResolveCondition(Condition) ?? throw Unresolved("condition " + Condition);
        return (value ? WhenTrue : WhenFalse).ResolveItems(resolver);
    }
}

/// <summary><c>!Condition Name</c> (inside <c>!And</c>, <c>!Or</c>, <c>!Not</c>).</summary>
public sealed record TemplateConditionRef(string Name) : TemplateValue
{
    /// <inheritdoc />
    public override IEnumerable<string> References => [];

    /// <inheritdoc />
    public override IReadOnlyList<string> ResolveItems(ITemplateReferenceResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var value = resolver.ResolveCondition(Name) ?? throw Unresolved("condition " + Name);
        return [value ? "true" : "false"];
    }
}

/// <summary>A list of values.</summary>
public sealed record TemplateList(IReadOnlyList<TemplateValue> Items) : TemplateValue
{
    /// <inheritdoc />
    public override IEnumerable<string> References => Items.SelectMany(i => i.References);

    /// <inheritdoc />
    public override IReadOnlyList<string> ResolveItems(ITemplateReferenceResolver resolver) => Items.SelectMany(i => i.ResolveItems(resolver)).ToList();
}

/// <summary>A mapping of values (not resolvable to a string).</summary>
public sealed record TemplateMap(IReadOnlyDictionary<string, TemplateValue> Entries) : TemplateValue
{
    /// <inheritdoc />
    public override IEnumerable<string> References => Entries.Values.SelectMany(v => v.References);

    /// <inheritdoc />
    public override IReadOnlyList<string> ResolveItems(ITemplateReferenceResolver resolver) =>
        throw new InvalidOperationException("A mapping does not resolve to a string.");
}

/// <summary>
/// Any other intrinsic (<c>!Equals</c>, <c>!Not</c>, <c>!And</c>, <c>!Or</c> are evaluated; <c>!FindInMap</c>,
/// <c>!ImportValue</c>, <c>!Base64</c>, <c>!GetAZs</c>, ... are kept but do not resolve locally, except <c>!Base64</c>).
/// </summary>
public sealed record TemplateIntrinsic(string Function, TemplateValue Argument) : TemplateValue
{
    /// <inheritdoc />
    public override IEnumerable<string> References => Argument.References;

    /// <inheritdoc />
    public override IReadOnlyList<string> ResolveItems(ITemplateReferenceResolver resolver)
    {
        switch (Function)
        {
            case "Fn::Equals":
                var pair = Argument.ResolveItemsOfEach(resolver);
                return [pair.Count == 2 && string.Equals(pair[0], pair[1], StringComparison.Ordinal) ? "true" : "false"];
            case "Fn::Not":
                var operand = Argument.ResolveItemsOfEach(resolver);
                return [operand.Count == 1 && IsTrue(operand[0]) ? "false" : "true"];
            case "Fn::And":
                return [Argument.ResolveItemsOfEach(resolver).All(IsTrue) ? "true" : "false"];
            case "Fn::Or":
                return [Argument.ResolveItemsOfEach(resolver).Any(IsTrue) ? "true" : "false"];
            case "Fn::Base64":
                return [Convert.ToBase64String(Encoding.UTF8.GetBytes(Argument.Resolve(resolver)))];
            default:
                throw new InvalidOperationException($"{Function} is not supported locally.");
        }
    }

    private static bool IsTrue(string value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}

internal static class TemplateValueExtensions
{
    /// <summary>For a list argument, resolves each item to one string; for a scalar, the one value.</summary>
    public static IReadOnlyList<string> ResolveItemsOfEach(this TemplateValue value, ITemplateReferenceResolver resolver) =>
        value is TemplateList list ? list.Items.Select(i => i.Resolve(resolver)).ToList() : [value.Resolve(resolver)];
}
