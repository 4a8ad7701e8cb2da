using System.Text.Json.Nodes;
using BitcoinEvents.LocalAws;
using Template.Tests.Support;

namespace Template.Tests;

/// <summary>
/// The templates parse as CloudFormation YAML (short tags included) with LocalAws' reader, the
/// one reader of templates in the repository, and every reference of every stack resolves.
/// </summary>
public sealed class TemplateParsingTests
{
    private static string EventsTemplatePath => Path.Combine(RepositoryPaths.Root, "functions", "Events", "template.yaml");

    [Fact]
    public void Templates_Parse_WithShortFormIntrinsicsAsTheirLongForms()
    {
        foreach (var (stack, template) in TemplateDocument.Stacks())
        {
            Assert.True(TemplateRules.Structure(template).Count == 0, $"{stack}: {string.Join("; ", TemplateRules.Structure(template))}");
        }

        var events = TemplateDocument.Stacks().Single(s => s.Stack.Area == "Events").Document;
        var function = events.Resources["GetEventFunction"]!;
        Assert.Equal("""{"Ref":"EventsTable"}""", function["Properties"]!["Environment"]!["Variables"]!["EVENTS_TABLE"]!.ToJsonString());
        Assert.Equal("""{"Ref":"EventsTableArn"}""", function["Properties"]!["Policies"]![0]!["Statement"]![0]!["Resource"]!.ToJsonString());
        Assert.Equal(256, events.Root["Globals"]!["Function"]!["MemorySize"]!.GetValue<long>());
        Assert.Equal("2010-09-09", events.Root["AWSTemplateFormatVersion"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("!Ref Stage", """{"Ref":"Stage"}""")]
    [InlineData("!GetAtt Table.StreamArn", """{"Fn::GetAtt":["Table","StreamArn"]}""")]
    [InlineData("!GetAtt [Table, Arn]", """{"Fn::GetAtt":["Table","Arn"]}""")]
    [InlineData("!Sub arn:${AWS::Partition}:s3:::${Bucket}/*", """{"Fn::Sub":"arn:${AWS::Partition}:s3:::${Bucket}/*"}""")]
    [InlineData("!If [IsProd, ACTIVE, INACTIVE]", """{"Fn::If":["IsProd","ACTIVE","INACTIVE"]}""")]
    [InlineData("!Equals [!Ref Stage, prod]", """{"Fn::Equals":[{"Ref":"Stage"},"prod"]}""")]
    [InlineData("!Join [',', [a, !Ref B]]", """{"Fn::Join":[",",["a",{"Ref":"B"}]]}""")]
    [InlineData("!FindInMap [Routes, GetEvent, RouteKey]", """{"Fn::FindInMap":["Routes","GetEvent","RouteKey"]}""")]
    [InlineData("\"10\"", "\"10\"")]
    [InlineData("10", "10")]
    [InlineData("true", "true")]
    public void ShortTags_BecomeLongForms(string yaml, string json)
    {
        var root = CloudFormationYaml.Parse("Value: " + yaml);

        Assert.Equal(json, root["Value"]!.ToJsonString());
    }

    [Fact]
    public void Aliases_AreResolvedIntoCopies()
    {
        var root = CloudFormationYaml.Parse("""
            A:
              Parameters: &Shared
                Stage: !Ref Stage
            B: { Parameters: *Shared }
            """);

        Assert.Equal(root["A"]!["Parameters"]!.ToJsonString(), root["B"]!["Parameters"]!.ToJsonString());
        Assert.NotSame(root["A"]!["Parameters"], root["B"]!["Parameters"]);
    }

    [Fact]
    public void Parse_RejectsUnknownTagsAndDuplicateKeys()
    {
        var text = File.ReadAllText(EventsTemplatePath);

        var unknownTag = text.Replace("EVENTS_TABLE: !Ref EventsTable\n          IDEMPOTENCY_TABLE", "EVENTS_TABLE: !Reff EventsTable\n          IDEMPOTENCY_TABLE", StringComparison.Ordinal);
        var duplicate = text.Replace("      Handler: GetEvent\n", "      Handler: GetEvent\n      Handler: ListEvents\n", StringComparison.Ordinal);

        Assert.NotEqual(text, unknownTag);
        Assert.NotEqual(text, duplicate);
        Assert.Contains("!Reff", Assert.Throws<FormatException>(() => CloudFormationYaml.Parse(unknownTag)).Message, StringComparison.Ordinal);
        Assert.ThrowsAny<Exception>(() => CloudFormationYaml.Parse(duplicate));
    }

    [Fact]
    public void Structure_WhenTransformMissing_IsReported()
    {
        var template = TemplateDocument.Stacks()[0].Document.Clone();
        template.Root.Remove("Transform");

        Assert.Contains(TemplateRules.Structure(template), p => p.Contains("Transform", StringComparison.Ordinal));
    }

    [Fact]
    public void Structure_WhenForEachIsUsedWithoutLanguageExtensions_IsReported()
    {
        var source = SamTemplate.LoadDefault().Stacks.Single(s => s.Area == "Events").Source.DeepClone().AsObject();
        source["Transform"] = "AWS::Serverless-2016-10-31";

        Assert.Contains(TemplateRules.Structure(new TemplateDocument(source)), p => p.Contains("AWS::LanguageExtensions", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryReference_OfEveryStack_ResolvesToAResourceParameterOrCondition()
    {
        foreach (var (stack, template) in TemplateDocument.Stacks())
        {
            var problems = TemplateRules.UnresolvedReferences(template);
            Assert.True(problems.Count == 0, $"{stack}: {string.Join("; ", problems)}");
        }
    }

    [Fact]
    public void UnresolvedReferences_WhenAResourceIsGone_AreReported()
    {
        var template = TemplateDocument.Stacks().Single(s => s.Stack.Area == "Events").Document.Clone();
        template.Resources.Remove("EventsLogGroup");
        template.Resources["GetEventFunction"]!["Condition"] = JsonValue.Create("IsStaging");
        template.Parameters.Remove("IdempotencyTableArn");

        var problems = TemplateRules.UnresolvedReferences(template);

        Assert.Contains(problems, p => p.Contains("'EventsLogGroup'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'IdempotencyTableArn'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("IsStaging", StringComparison.Ordinal));
    }
}
