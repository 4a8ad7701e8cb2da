using System.Collections.Concurrent;
using System.Text;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Notifications.Email;
using Scriban;
using Scriban.Runtime;

namespace BitcoinEvents.Notifications.Templates;

/// <summary>A notice as every channel shows it.</summary>
internal sealed record RenderedNotice(string Subject, string Text, string Html, string Short);

/// <summary>
/// The Liquid templates in <c>functions/Notifications/Templates/</c>, one folder per kind:
/// <c>subject.liquid</c> (one line), <c>text.liquid</c> and <c>html.liquid</c> (the email's two
/// parts, each placed in its <c>_layout</c>), <c>short.liquid</c> (SMS and push). They are embedded
/// in the assembly, parsed once per process (Scriban's Liquid parser), and rendered with strict
/// variables: a name no view defines is an error, not an empty string.
/// </summary>
internal static class NotificationTemplates
{
    public static readonly IReadOnlyList<string> Parts = ["subject", "text", "html", "short"];

    private static readonly ConcurrentDictionary<string, Template> Parsed = new(StringComparer.Ordinal);

    /// <summary>The template file of a kind's part, as it is in the repository ("eventReminder/html.liquid").</summary>
    public static string PathOf(NotificationKind kind, string part) => NotificationKinds.Name(kind) + "/" + part + ".liquid";

    public static RenderedNotice Render(ScriptObject textView, ScriptObject htmlView, NotificationKind kind)
    {
        var subject = OneLine(Render(PathOf(kind, "subject"), textView));
        var text = Render("_layout/text.liquid", With(textView, Render(PathOf(kind, "text"), textView), subject));
        var html = Render("_layout/html.liquid", With(htmlView, Render(PathOf(kind, "html"), htmlView), System.Text.Encodings.Web.HtmlEncoder.Default.Encode(subject)));
        var brief = OneLine(Render(PathOf(kind, "short"), textView));
        return new RenderedNotice(subject, Normalize(text), html, brief);
    }

    /// <summary>The email of a rendered notice, with its inline images.</summary>
    public static RenderedEmail Email(RenderedNotice notice, IReadOnlyList<InlineImage> images) => new(notice.Subject, notice.Text, notice.Html, images);

    /// <summary>Renders one template file with <paramref name="view"/>.</summary>
    public static string Render(string path, ScriptObject view)
    {
        var template = Parsed.GetOrAdd(path, Load);
        var context = new LiquidTemplateContext { StrictVariables = true, EnableRelaxedMemberAccess = false };
        context.PushGlobal(view);
        return template.Render(context);
    }

    /// <summary>Every template file the assembly embeds (for tests and the preview).</summary>
    public static IReadOnlyList<string> Files() =>
        [.. typeof(NotificationTemplates).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("Templates/", StringComparison.Ordinal)).Select(n => n["Templates/".Length..]).Order(StringComparer.Ordinal)];

    private static ScriptObject With(ScriptObject view, string content, string subject)
    {
        var copy = new ScriptObject();
        foreach (var (name, value) in view)
        {
            copy[name] = value;
        }

        copy["content"] = content;
        copy["subject"] = subject;
        return copy;
    }

    private static Template Load(string path)
    {
        using var stream = typeof(NotificationTemplates).Assembly.GetManifestResourceStream("Templates/" + path)
            ?? throw new InvalidOperationException($"No template {path}: functions/Notifications/Templates/{path} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var template = Template.ParseLiquid(reader.ReadToEnd(), path);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"Template {path} does not parse: {string.Join("; ", template.Messages)}");
        }

        return template;
    }

    // Subjects and texts travel in headers and SMS: one line, no control characters, no runs of spaces.
    private static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    // Plain text: trailing spaces off each line, at most one blank line in a row.
    private static string Normalize(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).ToList();
        var builder = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            blank = line.Length == 0 ? blank + 1 : 0;
            if (blank <= 1 && !(builder.Length == 0 && line.Length == 0))
            {
                builder.Append(line).Append('\n');
            }
        }

        return builder.ToString().TrimEnd('\n') + "\n";
    }
}
