using BitcoinEvents.LocalAws;
using Template.Tests.Support;

namespace Template.Tests;

/// <summary>The outbox's stream consumer and the areas' topic subscriptions follow the platform's rules.</summary>
public sealed class StreamAndTopicTests
{
    // A consumer as docs/adding-an-area.md describes it, added to the Events area's template.
    private const string Consumer = """
          EventsOrderPaidDeadLetterQueue:
            Type: AWS::SQS::Queue
          EventsOrderPaidQueue:
            Type: AWS::SQS::Queue
            Properties:
              RedrivePolicy:
                deadLetterTargetArn: !GetAtt EventsOrderPaidDeadLetterQueue.Arn
                maxReceiveCount: 5
          EventsOrderPaidSubscription:
            Type: AWS::SNS::Subscription
            Properties:
              TopicArn: !Ref DomainEventsTopicArn
              Protocol: sqs
              Endpoint: !GetAtt EventsOrderPaidQueue.Arn
              RawMessageDelivery: true
              FilterPolicy:
                type: [OrderPaid]
                version: [1]
          EventsOrderPaidQueuePolicy:
            Type: AWS::SQS::QueuePolicy
            Properties:
              Queues: [!Ref EventsOrderPaidQueue]
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: { Service: sns.amazonaws.com }
                    Action: sqs:SendMessage
                    Resource: !GetAtt EventsOrderPaidQueue.Arn
                    Condition:
                      ArnEquals:
                        aws:SourceArn: !Ref DomainEventsTopicArn
        """;

    [Fact]
    public void EveryStreamConsumer_ReportsFailures_BoundsRetries_Bisects_AndRecordsWhatItGivesUp()
    {
        var problems = TemplateRules.StreamConsumers(SamTemplate.LoadDefault());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Contains(SamTemplate.LoadDefault().Functions, f => f.StreamSubscriptions.Count > 0);
    }

    [Fact]
    public void StreamConsumers_WithoutRetryLimitBisectOrDestination_AreReported()
    {
        var model = Templates.WithAreaTemplateText("Outbox", text => text
            .Replace("            BisectBatchOnFunctionError: true\n", "", StringComparison.Ordinal)
            .Replace("            MaximumRetryAttempts: 10\n", "", StringComparison.Ordinal)
            .Replace("            FunctionResponseTypes: [ReportBatchItemFailures]\n", "", StringComparison.Ordinal));

        var problems = TemplateRules.StreamConsumers(model);

        Assert.Contains(problems, p => p.Contains("ReportBatchItemFailures", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MaximumRetryAttempts", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("BisectBatchOnFunctionError", StringComparison.Ordinal));
    }

    [Fact]
    public void AConsumerSubscribedAsDocumented_PassesTheSubscriptionRules()
    {
        var model = WithConsumer(Consumer);

        var subscription = Assert.Single(model.TopicSubscriptions, s => s.LogicalId == "EventsOrderPaidSubscription");
        Assert.Equal(("DomainEventsTopic", "EventsOrderPaidQueue"), (subscription.TopicLogicalId, subscription.QueueLogicalId));
        Assert.Empty(TemplateRules.QueueSubscriptions(model));
        Assert.Empty(TemplateRules.QueueSubscriptions(SamTemplate.LoadDefault()));
    }

    [Theory]
    [InlineData("      RawMessageDelivery: true\n", "RawMessageDelivery")]
    [InlineData("      FilterPolicy:\n        type: [OrderPaid]\n        version: [1]\n", "FilterPolicy")]
    [InlineData("      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt EventsOrderPaidDeadLetterQueue.Arn\n        maxReceiveCount: 5\n", "DLQ")]
    [InlineData("            Condition:\n              ArnEquals:\n                aws:SourceArn: !Ref DomainEventsTopicArn", "QueuePolicy")]
    public void ASubscriptionMissingAPart_IsReported(string removed, string named)
    {
        var consumer = Consumer.Replace(removed, "", StringComparison.Ordinal);
        Assert.NotEqual(Consumer, consumer);

        Assert.Contains(TemplateRules.QueueSubscriptions(WithConsumer(consumer)), p => p.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void TheDispatcherGrantsStreamReadsOnTheStream_NotTableAccess()
    {
        Assert.Empty(TemplateRules.TableCoverage(TemplateDocument.Load()));
        var model = Templates.WithAreaTemplateText("Outbox", text => text.Replace(
            "Action: [dynamodb:ListStreams]", "Action: [dynamodb:ListStreams, dynamodb:GetItem]", StringComparison.Ordinal));

        Assert.Contains(TemplateRules.TableCoverage(TemplateDocument.Flatten(model)), p => p.StartsWith("DispatchOutboxFunction:", StringComparison.Ordinal));
    }

    private static SamTemplate WithConsumer(string resources) =>
        Templates.WithAreaTemplateText("Events", text => text.Replace(
            "  # ---------------------------------------------------------------- operations\n",
            resources + "\n  # ---------------------------------------------------------------- operations\n",
            StringComparison.Ordinal));
}
