using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

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
/// A value in template.yaml: a literal, or an intrinsic function (read from the template's JSON
/// form, where <c>!Ref</c>, <c>!GetAtt</c>, <c>!Sub</c>, <c>!Join</c>, <c>!If</c>, ... are in their
/// long forms) resolved against provisioned resources by <see cref="Resolve"/>.
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

    /// <summary>
    /// Reads a value of the template's JSON form (<see cref="CloudFormationYaml"/>): literals,
    /// lists, maps, and the long forms of intrinsics (<c>{"Ref": …}</c>, <c>{"Fn::GetAtt": […]}</c>, …).
    /// </summary>
    public static TemplateValue FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return new TemplateLiteral(string.Empty);
            case JsonValue value:
                return new TemplateLiteral(value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => value.ToJsonString(),
                });
            case JsonArray array:
                return new TemplateList(array.Select(FromJson).ToList());
            case JsonObject { Count: 1 } obj when obj.First() is var (name, argument) && IsFunction(name):
                return FromFunction(name, argument);
            case JsonObject obj:
                return new TemplateMap(obj.ToDictionary(kv => kv.Key, kv => FromJson(kv.Value), StringComparer.Ordinal));
            default:
                throw new FormatException($"Unsupported JSON node {node}.");
        }
    }

    private static bool IsFunction(string name) =>
        name is "Ref" or "Condition" || name.StartsWith("Fn::", StringComparison.Ordinal);

    private static TemplateValue FromFunction(string function, JsonNode? argument)
    {
        switch (function)
        {
            case "Ref":
                return new TemplateRef(TextOf(argument, function));
            case "Condition":
                return new TemplateConditionRef(TextOf(argument, function));
            case "Fn::GetAtt":
                if (argument is JsonValue getAttText)
                {
                    var text = TextOf(getAttText, function);
                    var dot = text.IndexOf('.', StringComparison.Ordinal);
                    return dot > 0
                        ? new TemplateGetAtt(text[..dot], text[(dot + 1)..])
                        : throw new FormatException($"Fn::GetAtt '{text}' is not LogicalId.Attribute.");
                }

                return argument is JsonArray { Count: 2 } getAtt
                    ? new TemplateGetAtt(TextOf(getAtt[0], function), TextOf(getAtt[1], function))
                    : throw new FormatException("Fn::GetAtt must be 'X.Attr' or [X, Attr].");
            case "Fn::Sub":
                if (argument is JsonValue format)
                {
                    return new TemplateSub(TextOf(format, function), new Dictionary<string, TemplateValue>(StringComparer.Ordinal));
                }

                return argument is JsonArray { Count: 2 } sub && sub[1] is JsonObject variables
                    ? new TemplateSub(TextOf(sub[0], function), variables.ToDictionary(kv => kv.Key, kv => FromJson(kv.Value), StringComparer.Ordinal))
                    : throw new FormatException("Fn::Sub must be a string or [string, {variables}].");
            case "Fn::Join":
                return argument is JsonArray { Count: 2 } join
                    ? new TemplateJoin(TextOf(join[0], function), FromJson(join[1]))
                    : throw new FormatException("Fn::Join must be [delimiter, list].");
            case "Fn::Select":
                return argument is JsonArray { Count: 2 } select
                    ? new TemplateSelect(FromJson(select[0]), FromJson(select[1]))
                    : throw new FormatException("Fn::Select must be [index, list].");
            case "Fn::Split":
                return argument is JsonArray { Count: 2 } split
                    ? new TemplateSplit(TextOf(split[0], function), FromJson(split[1]))
                    : throw new FormatException("Fn::Split must be [delimiter, string].");
            case "Fn::If":
                return argument is JsonArray { Count: 3 } choice
                    ? new TemplateIf(TextOf(choice[0], function), FromJson(choice[1]), FromJson(choice[2]))
                    : throw new FormatException("Fn::If must be [condition, whenTrue, whenFalse].");
            default:
                return new TemplateIntrinsic(function, FromJson(argument));
        }
    }

    private static string TextOf(JsonNode? node, string function) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new FormatException($"{function} expects a plain string here, not {node?.ToJsonString() ?? "null"}.");

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
