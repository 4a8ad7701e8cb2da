using System.Text.Json.Nodes;
using Template.Tests.Support;

namespace Template.Tests;

/// <summary>Each function's log group, environment and table permissions.</summary>
public sealed class FunctionResourceTests
{
    [Fact]
    public void EveryFunction_LogsToAGroupWithRetention()
    {
        var problems = TemplateRules.LogGroups(TemplateDocument.Load());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void LogGroups_WhenRetentionOrGroupMissing_AreReported()
    {
        var template = TemplateDocument.Load().Clone();
        template.Resources["EventsLogGroup"]!["Properties"]!.AsObject().Remove("RetentionInDays");
        template.Resources["GetEventFunction"]!["Properties"]!.AsObject().Remove("LoggingConfig");

        var problems = TemplateRules.LogGroups(template);

        Assert.Contains(problems, p => p.StartsWith("GetEventFunction:", StringComparison.Ordinal) && p.Contains("no log group", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ListEventsFunction:", StringComparison.Ordinal) && p.Contains("RetentionInDays", StringComparison.Ordinal));
    }

    [Fact]
    public void LogGroups_LambdaDefaultGroupDeclaredWithRetention_IsAccepted()
    {
        var template = TemplateDocument.Load().Clone();
        template.Resources["GetEventFunction"]!["Properties"]!.AsObject().Remove("LoggingConfig");
        template.Resources["GetEventLogGroup"] = JsonNode.Parse("""
            {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": {"Fn::Sub": "/aws/lambda/${GetEventFunction}"}, "RetentionInDays": 14}}
            """);

        Assert.Empty(TemplateRules.LogGroups(template));
    }

    [Fact]
    public void EnvironmentVariables_ReferOnlyToResourcesThatExist()
    {
        var problems = TemplateRules.EnvironmentReferences(TemplateDocument.Load());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EnvironmentVariables_WhenTheyReferToAMissingResource_AreReported()
    {
        var template = TemplateDocument.Load().Clone();
        template.Resources["GetEventFunction"]!["Properties"]!["Environment"]!["Variables"]!.AsObject()["ORDERS_TABLE"] =
            JsonNode.Parse("""{"Ref": "OrdersTable"}""");

        Assert.Contains(TemplateRules.EnvironmentReferences(template), p => p.StartsWith("GetEventFunction:", StringComparison.Ordinal) && p.Contains("OrdersTable", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryTable_InAFunctionsEnvironment_IsCoveredByItsPolicy_AndNoOther()
    {
        var problems = TemplateRules.TableCoverage(TemplateDocument.Load());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void TableCoverage_WhenEnvironmentNamesATableThePolicyDoesNot_IsReported()
    {
        var template = TemplateDocument.Load().Clone();
        template.Resources["GetEventFunction"]!["Properties"]!["Environment"]!["Variables"]!.AsObject()["IDEMPOTENCY_TABLE"] =
            JsonNode.Parse("""{"Ref": "IdempotencyTable"}""");

        Assert.Contains(TemplateRules.TableCoverage(template), p => p.StartsWith("GetEventFunction:", StringComparison.Ordinal) && p.Contains("grants nothing on it", StringComparison.Ordinal));
    }

    [Fact]
    public void TableCoverage_WhenPolicyNamesATableTheEnvironmentDoesNot_IsReported()
    {
        var template = TemplateDocument.Load().Clone();
        template.Resources["ListEventsFunction"]!["Properties"]!["Policies"]![0]!["Statement"]!.AsArray().Add(JsonNode.Parse("""
            {"Effect": "Allow", "Action": ["dynamodb:GetItem"], "Resource": {"Fn::GetAtt": ["IdempotencyTable", "Arn"]}}
            """));

        Assert.Contains(TemplateRules.TableCoverage(template), p => p.StartsWith("ListEventsFunction:", StringComparison.Ordinal) && p.Contains("IdempotencyTable", StringComparison.Ordinal));
    }

    [Fact]
    public void TableCoverage_CountsSamPolicyTemplatesAndIndexArns()
    {
        var template = TemplateDocument.Load().Clone();
        var properties = template.Resources["GetEventFunction"]!["Properties"]!.AsObject();
        properties["Policies"] = JsonNode.Parse("""[{"DynamoDBReadPolicy": {"TableName": {"Ref": "EventsTable"}}}]""");

        Assert.Empty(TemplateRules.TableCoverage(template));
    }

    [Fact]
    public void EveryFunction_HasAnErrorsAlarmThatNotifies()
    {
        var problems = TemplateRules.ErrorAlarms(TemplateDocument.Load());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void ErrorAlarms_WhenAFunctionHasNone_IsReported()
    {
        var template = TemplateDocument.Load().Clone();
        template.Resources.Remove("GetEventErrorsAlarm");

        Assert.Equal(["GetEventFunction: no alarm on its Errors metric with an action"], TemplateRules.ErrorAlarms(template));
    }

    [Fact]
    public void TheWebAppClient_AllowsPasswordSignInAndRefresh_TheFlowsTheReadmeAndTheWebAppUse()
    {
        var flows = SamTemplate.LoadDefault().UserPool!.ExplicitAuthFlows;

        Assert.Equal(["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], flows);
    }
}
