using System.Text.Json.Nodes;
using Template.Tests.Support;

namespace Template.Tests;

/// <summary>Every AWS::Serverless::* resource and the Globals of every stack validate against the SAM JSON schema.</summary>
public sealed class SamSchemaTests
{
    [Fact]
    public async Task ServerlessResources_OfEveryStack_ValidateAgainstTheSamSchema()
    {
        var schema = await SamSchema.SharedAsync();

        foreach (var (stack, template) in TemplateDocument.Stacks())
        {
            var problems = schema.Validate(template);
            Assert.True(problems.Count == 0, $"{stack}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }

        Assert.Contains(TemplateDocument.Stacks(), s => s.Document.Functions.Count > 0);
    }

    [Fact]
    public async Task SamSchema_CoversTheServerlessTypesTheTemplatesUse()
    {
        var schema = await SamSchema.SharedAsync();
        var used = TemplateDocument.Stacks()
            .SelectMany(s => s.Document.Resources)
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
        var (_, events) = TemplateDocument.Stacks().Single(s => s.Stack.Area == "Events");
        var template = events.Clone();
        template.Resources["GetEventFunction"]!["Properties"]!.AsObject()["Handlr"] = "GetEvent";
        template.Resources["CompleteEndedEventsFunction"]!["Properties"]!["Events"]!["Hourly"]!.AsObject()["Type"] = "Schedul";
        template.Root["Globals"]!["Function"]!.AsObject()["Runtim"] = "provided.al2023";
        var root = TemplateDocument.Stacks()[0].Document.Clone();
        root.Resources["EventsArea"]!["Properties"]!.AsObject()["Locaton"] = "functions/Events/template.yaml";

        var problems = schema.Validate(template);

        Assert.Contains(problems, p => p.StartsWith("GetEventFunction:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("CompleteEndedEventsFunction:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Globals:", StringComparison.Ordinal));
        Assert.Contains(schema.Validate(root), p => p.StartsWith("EventsArea:", StringComparison.Ordinal));
    }
}
