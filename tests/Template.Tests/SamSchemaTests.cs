using System.Text.Json.Nodes;
using Template.Tests.Support;

namespace Template.Tests;

/// <summary>Every AWS::Serverless::* resource and the Globals validate against the SAM JSON schema.</summary>
public sealed class SamSchemaTests
{
    [Fact]
    public async Task ServerlessResources_ValidateAgainstTheSamSchema()
    {
        var schema = await SamSchema.SharedAsync();
        var template = TemplateDocument.Load();

        Assert.NotEmpty(template.Functions);
        var problems = schema.Validate(template);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task SamSchema_CoversTheServerlessTypesTheTemplateUses()
    {
        var schema = await SamSchema.SharedAsync();
        var used = TemplateDocument.Load().Resources
            .Select(r => r.Value?["Type"]?.GetValue<string>())
            .OfType<string>()
            .Where(t => t.StartsWith("AWS::Serverless::", StringComparison.Ordinal))
            .Distinct();

        Assert.All(used, type => Assert.Contains(type, schema.ResourceTypes));
    }

    [Fact]
    public async Task Validate_WhenAPropertyIsMisspelledOrMistyped_ReportsIt()
    {
        var schema = await SamSchema.SharedAsync();
        var template = TemplateDocument.Load().Clone();
        var function = template.Resources["GetEventFunction"]!["Properties"]!.AsObject();
        function["Handlr"] = "GetEvent";
        var api = template.Resources["ListEventsFunction"]!["Properties"]!["Events"]!["Api"]!["Properties"]!.AsObject();
        api["Path"] = new JsonArray("/events");
        template.Root["Globals"]!["Function"]!.AsObject()["Runtim"] = "provided.al2023";

        var problems = schema.Validate(template);

        Assert.Contains(problems, p => p.StartsWith("GetEventFunction:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ListEventsFunction:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Globals:", StringComparison.Ordinal));
    }
}
