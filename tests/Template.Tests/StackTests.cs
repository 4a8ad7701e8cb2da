using System.Text.Json.Nodes;
using BitcoinEvents.LocalAws;
using Template.Tests.Support;

namespace Template.Tests;

/// <summary>
/// The stack layout: one root stack of shared resources and one nested stack per area, each far
/// below CloudFormation's 500-resource limit once SAM has expanded it; every area is passed what it
/// declares; every function is invoked by something.
/// </summary>
public sealed class StackTests
{
    /// <summary>The most resources a stack may hold after the SAM transform (CloudFormation refuses more than 500).</summary>
    public const int ResourceBudget = 450;

    [Fact]
    public void EveryStack_ExpandsToAtMost450Resources()
    {
        var report = new List<string>();
        foreach (var (stack, template) in TemplateDocument.Stacks())
        {
            var counts = TemplateRules.ExpandedResourceCounts(template);
            var total = counts.Values.Sum();
            report.Add($"{stack.Name}: {total} resources after the SAM transform ({string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}"))})");
            Assert.True(total <= ResourceBudget, $"{stack.Name} expands to {total} resources; split the area (limit {ResourceBudget}).");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, report));
    }

    [Fact]
    public void ExpandedResourceCounts_CountWhatSamGeneratesPerFunctionAndEvent()
    {
        var template = new TemplateDocument(JsonNode.Parse("""
            {"Resources": {
              "A": {"Type": "AWS::Serverless::Function", "Properties": {"Events": {
                "Q": {"Type": "SQS"}, "S": {"Type": "Schedule"}, "H": {"Type": "HttpApi"}}}},
              "B": {"Type": "AWS::Serverless::Function", "Properties": {"Role": "arn:aws:iam::1:role/r", "AutoPublishAlias": "live"}},
              "N": {"Type": "AWS::Serverless::Application"},
              "T": {"Type": "AWS::DynamoDB::Table"}}}
            """)!.AsObject());

        var counts = TemplateRules.ExpandedResourceCounts(template);

        Assert.Equal(2, counts["AWS::Lambda::Function"]);
        Assert.Equal(1, counts["AWS::IAM::Role"]);
        Assert.Equal(1, counts["AWS::Lambda::EventSourceMapping"]);
        Assert.Equal(1, counts["AWS::Events::Rule"]);
        Assert.Equal(2, counts["AWS::Lambda::Permission"]);
        Assert.Equal(1, counts["AWS::Lambda::Version"]);
        Assert.Equal(1, counts["AWS::CloudFormation::Stack"]);
        Assert.Equal(1, counts["AWS::DynamoDB::Table"]);
        Assert.Equal(11, counts.Values.Sum());
    }

    [Fact]
    public void EveryNestedStack_IsAnArea_PassedEveryParameterItDeclares()
    {
        var problems = TemplateRules.AreaParameters(SamTemplate.LoadDefault());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void AreaParameters_WhenAnAreaDeclaresOneTheRootDoesNotPass_IsReported()
    {
        var template = Templates.WithAreaTemplateText("Events", text => text.Replace(
            "  MediaBucketArn: { Type: String }\n", "  MediaBucketArn: { Type: String }\n  OrdersTable: { Type: String }\n", StringComparison.Ordinal));

        Assert.Contains(TemplateRules.AreaParameters(template), p => p.Contains("OrdersTable", StringComparison.Ordinal));
    }

    [Fact]
    public void PassingAParameterAnAreaDoesNotDeclare_IsRefusedWhenLoading()
    {
        var error = Assert.Throws<FormatException>(() => Templates.WithAreaTemplateText("Events", text => text.Replace(
            "  MediaBucketArn: { Type: String }\n", "", StringComparison.Ordinal)));

        Assert.Contains("MediaBucketArn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFunction_IsInvokedByOneRouteOrByItsEvents_WithPermission()
    {
        var model = SamTemplate.LoadDefault();

        var problems = TemplateRules.Triggers(model, TemplateDocument.Flatten(model));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Triggers_WhenAnOperationIsMissingFromTheRouteList_IsReported()
    {
        var model = Templates.WithAreaTemplateText("Events", text => text.Replace(
            "- [GetEvent, ListEvents]", "- [ListEvents]", StringComparison.Ordinal));

        Assert.Contains(TemplateRules.Triggers(model, TemplateDocument.Flatten(model)), p => p.StartsWith("GetEventFunction: nothing invokes it", StringComparison.Ordinal));
    }

    [Fact]
    public void LogicalIds_AreUniqueAcrossStacks()
    {
        var error = Assert.Throws<FormatException>(() => Templates.WithAreaTemplateText("Events", text => text.Replace(
            "  EventsLogGroup:\n    Type: AWS::Logs::LogGroup", "  AlarmTopic:\n    Type: AWS::SNS::Topic\n  EventsLogGroup:\n    Type: AWS::Logs::LogGroup", StringComparison.Ordinal)));

        Assert.Contains("AlarmTopic", error.Message, StringComparison.Ordinal);
    }
}
