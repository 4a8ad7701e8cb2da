using System.Text.Json.Nodes;
using Template.Tests.Support;

namespace Template.Tests;

/// <summary>template.yaml parses as CloudFormation YAML (short tags included) and every reference resolves.</summary>
public sealed class TemplateParsingTests
{
    [Fact]
    public void Template_Parses_WithShortFormIntrinsicsAsTheirLongForms()
    {
        var template = TemplateDocument.Load();

        Assert.Empty(TemplateRules.Structure(template));
        var function = template.Resources["GetEventFunction"]!;
        Assert.Equal("""{"Ref":"EventsTable"}""", function["Properties"]!["Environment"]!["Variables"]!["EVENTS_TABLE"]!.ToJsonString());
        Assert.Equal("""{"Fn::GetAtt":["EventsTable","Arn"]}""", function["Properties"]!["Policies"]![0]!["Statement"]![0]!["Resource"]!.ToJsonString());
        Assert.Equal(256, template.Root["Globals"]!["Function"]!["MemorySize"]!.GetValue<long>());
        Assert.Equal("2010-09-09", template.Root["AWSTemplateFormatVersion"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("!Ref Stage", """{"Ref":"Stage"}""")]
    [InlineData("!GetAtt Table.StreamArn", """{"Fn::GetAtt":["Table","StreamArn"]}""")]
    [InlineData("!GetAtt [Table, Arn]", """{"Fn::GetAtt":["Table","Arn"]}""")]
    [InlineData("!Sub arn:${AWS::Partition}:s3:::${Bucket}/*", """{"Fn::Sub":"arn:${AWS::Partition}:s3:::${Bucket}/*"}""")]
    [InlineData("!If [IsProd, ACTIVE, INACTIVE]", """{"Fn::If":["IsProd","ACTIVE","INACTIVE"]}""")]
    [InlineData("!Equals [!Ref Stage, prod]", """{"Fn::Equals":[{"Ref":"Stage"},"prod"]}""")]
    [InlineData("!Join [',', [a, !Ref B]]", """{"Fn::Join":[",",["a",{"Ref":"B"}]]}""")]
    [InlineData("\"10\"", "\"10\"")]
    [InlineData("10", "10")]
    [InlineData("true", "true")]
    public void ShortTags_BecomeLongForms(string yaml, string json)
    {
        var root = CloudFormationYaml.Parse("Value: " + yaml);

        Assert.Equal(json, root["Value"]!.ToJsonString());
    }

    [Fact]
    public void Parse_RejectsUnknownTagsAndDuplicateKeys()
    {
        var text = File.ReadAllText(RepositoryPaths.Template);

        var unknownTag = text.Replace("EVENTS_TABLE: !Ref EventsTable", "EVENTS_TABLE: !Reff EventsTable", StringComparison.Ordinal);
        var duplicate = text.Replace("      Handler: GetEvent\n", "      Handler: GetEvent\n      Handler: ListEvents\n", StringComparison.Ordinal);

        Assert.NotEqual(text, unknownTag);
        Assert.NotEqual(text, duplicate);
        Assert.Contains("!Reff", Assert.Throws<FormatException>(() => TemplateDocument.Parse(unknownTag)).Message, StringComparison.Ordinal);
        Assert.ThrowsAny<Exception>(() => TemplateDocument.Parse(duplicate));
    }

    [Fact]
    public void Structure_WhenTransformMissing_IsReported()
    {
        var template = TemplateDocument.Load().Clone();
        template.Root.Remove("Transform");

        Assert.Contains(TemplateRules.Structure(template), p => p.Contains("Transform", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryReference_ResolvesToAResourceParameterOrCondition()
    {
        Assert.Empty(TemplateRules.UnresolvedReferences(TemplateDocument.Load()));
    }

    [Fact]
    public void UnresolvedReferences_WhenAResourceIsGone_AreReported()
    {
        var template = TemplateDocument.Load().Clone();
        template.Resources.Remove("IdempotencyTable");
        template.Resources["GetEventFunction"]!["Condition"] = JsonValue.Create("IsStaging");

        var problems = TemplateRules.UnresolvedReferences(template);

        Assert.Contains(problems, p => p.Contains("'IdempotencyTable'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'IdempotencyTable.Arn'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("IsStaging", StringComparison.Ordinal));
    }
}
