using System.Text.Json.Nodes;
using Template.Tests.Support;

namespace Template.Tests;

/// <summary>Least privilege: no statement anywhere allows every action of a service, every action, or every resource.</summary>
public sealed class IamPolicyTests
{
    [Fact]
    public void NoStatement_GrantsWildcardActionsOrResources()
    {
        var problems = TemplateRules.BroadIamGrants(TemplateDocument.Load());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("Action", "\"*\"")]
    [InlineData("Action", "[\"dynamodb:GetItem\", \"dynamodb:*\"]")]
    [InlineData("Resource", "\"*\"")]
    [InlineData("Resource", "[{\"Fn::GetAtt\": [\"EventsTable\", \"Arn\"]}, \"*\"]")]
    [InlineData("Resource", "{\"Fn::Sub\": \"*\"}")]
    [InlineData("NotAction", "[\"iam:*\"]")]
    public void BroadGrant_IsReported(string field, string json)
    {
        var template = TemplateDocument.Load().Clone();
        var statement = template.Resources["GetEventFunction"]!["Properties"]!["Policies"]![0]!["Statement"]![0]!.AsObject();
        statement[field] = JsonNode.Parse(json);

        Assert.Contains(TemplateRules.BroadIamGrants(template), p => p.StartsWith("GetEventFunction:", StringComparison.Ordinal));
    }

    [Fact]
    public void BroadGrant_InAPlainIamResource_IsReported()
    {
        var template = TemplateDocument.Load().Clone();
        template.Resources["ExtraPolicy"] = JsonNode.Parse("""
            {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Version": "2012-10-17",
              "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::bucket"}}}}
            """);

        Assert.Contains(TemplateRules.BroadIamGrants(template), p => p.StartsWith("ExtraPolicy:", StringComparison.Ordinal));
    }

    [Fact]
    public void BroadManagedPolicy_OnAFunction_IsReported()
    {
        var template = TemplateDocument.Load().Clone();
        template.Resources["GetEventFunction"]!["Properties"]!["Policies"]!.AsArray().Add("AmazonDynamoDBFullAccess");

        Assert.Contains(TemplateRules.BroadIamGrants(template), p => p.Contains("AmazonDynamoDBFullAccess", StringComparison.Ordinal));
    }

    [Fact]
    public void DenyStatements_MayUseWildcards()
    {
        var template = TemplateDocument.Load().Clone();
        template.Resources["GetEventFunction"]!["Properties"]!["Policies"]![0]!["Statement"]!.AsArray()
            .Add(JsonNode.Parse("""{"Effect": "Deny", "Action": "dynamodb:*", "Resource": "*"}"""));

        Assert.Empty(TemplateRules.BroadIamGrants(template));
    }

    [Fact]
    public void KmsKeys_LetInTheAccountOnly_AndAreUsedOnlyByTheFunctionsThatNameThem_SigningPinned()
    {
        var problems = TemplateRules.KmsKeys(TemplateDocument.Load());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void KmsKeys_TheTicketKeySignsOnlyWhereTicketsAreIssuedOrReassigned_AndVerifiesWhereTheyAreChecked()
    {
        var template = TemplateDocument.Load();
        var signers = template.Functions.Where(f => Grants(f, "kms:Sign")).Select(f => f.LogicalId).Order();
        var readers = template.Functions.Where(f => Grants(f, "kms:GetPublicKey") && !Grants(f, "kms:Sign")).Select(f => f.LogicalId).Order();

        Assert.Equal(["ApplyPaymentSucceededFunction", "CheckoutHoldFunction", "CreateComplimentaryOrderFunction", "ReassignTicketFunction"], signers);
        Assert.Equal(["CreateCheckInFunction", "GetTicketKeysFunction", "UploadCheckInsFunction"], readers);

        static bool Grants(FunctionResource f, string action) =>
            f.Resource["Properties"]?["Policies"]?.ToJsonString().Contains($"\"{action}\"", StringComparison.Ordinal) ?? false;
    }

    [Theory]
    [InlineData("{\"AWS\": \"*\"}")]
    [InlineData("\"*\"")]
    [InlineData("{\"AWS\": \"arn:aws:iam::111122223333:root\"}")]
    [InlineData("{\"Service\": \"lambda.amazonaws.com\"}")]
    public void KmsKeys_AKeyPolicyLettingInAnyoneButTheAccount_IsReported(string principal)
    {
        var template = TemplateDocument.Load().Clone();
        template.Resources["TicketingTicketSigningKey"]!["Properties"]!["KeyPolicy"]!["Statement"]![1]!["Principal"] = JsonNode.Parse(principal);

        Assert.Contains(TemplateRules.KmsKeys(template), p => p.StartsWith("TicketingTicketSigningKey:", StringComparison.Ordinal));
    }

    [Fact]
    public void KmsKeys_SigningWithoutPinnedAlgorithm_OrAdministeringTheKey_OrUsingAKeyTheEnvironmentDoesNotName_IsReported()
    {
        var template = TemplateDocument.Load().Clone();
        var reassign = template.Resources["ReassignTicketFunction"]!["Properties"]!["Policies"]![0]!["Statement"]!.AsArray();
        reassign.Single(st => st!["Action"]!.ToJsonString().Contains("kms:Sign", StringComparison.Ordinal))!.AsObject().Remove("Condition");
        template.Resources["GetTicketKeysFunction"]!["Properties"]!["Policies"]![0]!["Statement"]!.AsArray().Add(JsonNode.Parse("""
            {"Effect": "Allow", "Action": ["kms:ScheduleKeyDeletion"], "Resource": {"Fn::GetAtt": ["TicketingTicketSigningKey", "Arn"]}}
            """));
        template.Resources["GetTicketFunction"]!["Properties"]!["Policies"]![0]!["Statement"]!.AsArray().Add(JsonNode.Parse("""
            {"Effect": "Allow", "Action": ["kms:GetPublicKey"], "Resource": {"Fn::GetAtt": ["TicketingTicketSigningKey", "Arn"]}}
            """));

        var problems = TemplateRules.KmsKeys(template);

        Assert.Contains(problems, p => p.StartsWith("ReassignTicketFunction:", StringComparison.Ordinal) && p.Contains("kms:SigningAlgorithm", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("GetTicketKeysFunction:", StringComparison.Ordinal) && p.Contains("kms:ScheduleKeyDeletion", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("GetTicketFunction:", StringComparison.Ordinal) && p.Contains("does not name", StringComparison.Ordinal));
    }

    [Fact]
    public void KeyPolicy_ResourceStar_IsTheKeyItself_NotABroadGrant_ButAWildcardActionStillIs()
    {
        var template = TemplateDocument.Load().Clone();
        Assert.DoesNotContain(TemplateRules.BroadIamGrants(template), p => p.StartsWith("TicketingTicketSigningKey:", StringComparison.Ordinal));

        template.Resources["TicketingTicketSigningKey"]!["Properties"]!["KeyPolicy"]!["Statement"]![1]!["Action"] = "kms:*";

        Assert.Contains(TemplateRules.BroadIamGrants(template), p => p.StartsWith("TicketingTicketSigningKey:", StringComparison.Ordinal) && p.Contains("kms:*", StringComparison.Ordinal));
    }

    [Fact]
    public void SnsPublishAloneOnEveryResource_IsAllowed_ForSms()
    {
        var problems = TemplateRules.BroadIamGrants(TemplateDocument.Load());

        Assert.DoesNotContain(problems, p => p.StartsWith("DeliverNotificationFunction:", StringComparison.Ordinal));
        Assert.Contains("*", TemplateDocument.Load().Resources["DeliverNotificationFunction"]!["Properties"]!["Policies"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[\"sns:Publish\", \"sns:CreateTopic\"]")]
    [InlineData("\"sns:CreatePlatformEndpoint\"")]
    [InlineData("\"sqs:SendMessage\"")]
    public void ResourceLessException_CoversSnsPublishAloneOnly(string actions)
    {
        var template = TemplateDocument.Load().Clone();
        var statement = template.Resources["GetEventFunction"]!["Properties"]!["Policies"]![0]!["Statement"]![0]!.AsObject();
        statement["Action"] = JsonNode.Parse(actions);
        statement["Resource"] = "*";

        Assert.Contains(TemplateRules.BroadIamGrants(template), p => p.StartsWith("GetEventFunction:", StringComparison.Ordinal));
    }

    [Fact]
    public void KeyPolicy_DelegatingToTheAccount_IsAllowed_ButNotToAnotherPrincipal()
    {
        Assert.DoesNotContain(TemplateRules.BroadIamGrants(TemplateDocument.Load()), p => p.StartsWith("NotificationsUnsubscribeKey:", StringComparison.Ordinal));

        var template = TemplateDocument.Load().Clone();
        template.Resources["NotificationsUnsubscribeKey"]!["Properties"]!["KeyPolicy"]!["Statement"]![0]!["Principal"] = JsonNode.Parse("""{"AWS": "*"}""");

        Assert.Contains(TemplateRules.BroadIamGrants(template), p => p.StartsWith("NotificationsUnsubscribeKey:", StringComparison.Ordinal));
    }
}
