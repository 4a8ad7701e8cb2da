using BitcoinEvents.LocalAws;

namespace BitcoinEvents.LocalAws.Tests;

public sealed class TemplateTests
{
    private static readonly SamTemplate Template = SamTemplate.LoadDefault();
    private static readonly SamTemplate Sample = SamTemplate.Load(LocalAwsFixture.SampleTemplatePath);

    [Fact]
    public void Stacks_are_the_root_and_each_area_it_declares()
    {
        Assert.Equal(TemplateStack.RootName, Template.Root.Name);
        var events = Template.Stack("EventsArea");
        Assert.Equal("Events", events.Area);
        Assert.Same(Template.Root, events.Parent);
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "functions", "Events", "template.yaml"), events.Path);
        Assert.Contains("Events", Template.Areas);
        Assert.Null(Template.Root.Area);
    }

    [Fact]
    public void Short_tags_become_long_forms_and_parameters_take_what_the_parent_passes()
    {
        var written = Template.Stack("EventsArea").Source["Resources"]!["CreateEventFunction"]!["Properties"]!["Environment"]!["Variables"]!["EVENTS_TABLE"]!;
        Assert.Equal("""{"Ref":"EventsTable"}""", written.ToJsonString());

        // EventsTableArn is the area's parameter; the root passes !GetAtt EventsTable.Arn.
        var policy = Template.Stack("EventsArea").Resolved["Resources"]!["GetEventFunction"]!["Properties"]!["Policies"]![0]!["Statement"]![0]!["Resource"]!;
        Assert.Equal("""{"Fn::GetAtt":["EventsTable","Arn"]}""", policy.ToJsonString());
    }

    [Fact]
    public void ForEach_loops_expand_into_routes_integrations_and_alarms()
    {
        var resources = Template.Stack("EventsArea").Expanded["Resources"]!.AsObject();
        Assert.DoesNotContain(resources, r => r.Key.StartsWith("Fn::ForEach", StringComparison.Ordinal));
        Assert.Equal("POST /events", resources["CreateEventRoute"]!["Properties"]!["RouteKey"]!.GetValue<string>());
        Assert.Equal("""{"Fn::GetAtt":["CreateEventFunction","Arn"]}""", resources["CreateEventIntegration"]!["Properties"]!["IntegrationUri"]!.ToJsonString());
        Assert.Equal("""{"Ref":"CompleteEndedEventsFunction"}""", resources["CompleteEndedEventsErrorsAlarm"]!["Properties"]!["Dimensions"]![0]!["Value"]!.ToJsonString());
    }

    [Fact]
    public void Functions_merge_globals_and_parse_events()
    {
        var create = Template.Function("CreateEventFunction");
        Assert.Equal("CreateEvent", create.Handler);
        Assert.Equal("Events", create.Area);
        Assert.Equal("EventsArea", create.Stack);
        Assert.Equal(new TemplateRef("Stage"), create.Environment["STAGE"]);
        Assert.Equal(new TemplateRef("EventsTable"), create.Environment["EVENTS_TABLE"]);
        Assert.Equal(10, create.TimeoutSeconds);
        Assert.Equal(256, create.MemorySize);
        Assert.Equal("./", create.CodeUri);
        var route = Assert.Single(create.HttpRoutes);
        Assert.Equal(new TemplateHttpRoute("POST", "/events", true) { EventName = "CreateEventRoute", Authorizer = "HttpApiAuthorizer", ApiLogicalId = "HttpApi" }, route);

        var get = Template.Function("GetEventFunction");
        Assert.False(Assert.Single(get.HttpRoutes).RequiresAuthorization);

        var complete = Template.Function("CompleteEndedEventsFunction");
        Assert.Equal(60, complete.TimeoutSeconds);
        Assert.Empty(complete.HttpRoutes);
        var schedule = Assert.Single(complete.Schedules);
        Assert.Equal("rate(1 hour)", schedule.Expression);
        Assert.True(schedule.Enabled);
    }

    [Fact]
    public void Every_function_has_a_handler_and_an_event()
    {
        Assert.NotEmpty(Template.Functions);
        Assert.All(Template.Functions, f =>
        {
            Assert.False(string.IsNullOrEmpty(f.Handler));
            Assert.True(f.HttpRoutes.Count + f.QueueSubscriptions.Count + f.Schedules.Count + f.StreamSubscriptions.Count > 0, f.LogicalId);
        });
        Assert.Equal(Template.Functions.Count, Template.Functions.Select(f => f.Handler).Distinct().Count());
    }

    [Fact]
    public void Tables_buckets_and_user_pool_are_read()
    {
        var events = Assert.Single(Template.Tables, t => t.LogicalId == "EventsTable");
        Assert.Equal(["pk", "sk"], events.KeySchema.Select(k => k.AttributeName));
        Assert.Equal(["ByStart", "ByPublished", "ByOrganizer"], events.GlobalSecondaryIndexes.Select(i => i.IndexName));
        Assert.All(events.GlobalSecondaryIndexes, i => Assert.Equal("ALL", i.ProjectionType));
        Assert.Null(events.TtlAttribute);
        Assert.Null(events.StreamViewType);

        var idempotency = Assert.Single(Template.Tables, t => t.LogicalId == "IdempotencyTable");
        Assert.Equal("expiresAt", idempotency.TtlAttribute);

        // The media bucket (uploads from the browser: CORS) and the web app's (CloudFront only: none).
        Assert.Equal(["MediaBucket", "WebBucket"], Template.Buckets.Select(b => b.LogicalId).Order(StringComparer.Ordinal));
        var bucket = Template.Buckets.Single(b => b.LogicalId == "MediaBucket");
        Assert.Empty(Template.Buckets.Single(b => b.LogicalId == "WebBucket").CorsRules);
        var cors = Assert.Single(bucket.CorsRules);
        Assert.Equal(new TemplateRef("FrontendOrigin"), Assert.Single(cors.AllowedOrigins));
        Assert.Equal(["PUT"], cors.AllowedMethods);

        var pool = Assert.IsType<TemplateUserPool>(Template.UserPool);
        Assert.Equal("UserPool", pool.PoolLogicalId);
        Assert.Equal("UserPoolClient", pool.ClientLogicalId);
        Assert.Equal(["organizer", "attendee", "staff", "admin"], pool.GroupNames);
        Assert.Equal(["email"], pool.UsernameAttributes);
        Assert.Equal(60, (int)pool.ClientSettings["AccessTokenValidity"]!);

        Assert.Equal("dev", Template.Parameters["Stage"].Default);
        Assert.IsType<TemplateIntrinsic>(Template.Conditions["IsProd"]);
    }

    [Fact]
    public void Sample_template_queues_redrive_and_events()
    {
        Assert.Equal(6, Sample.Queues.Count);
        var work = Assert.Single(Sample.Queues, q => q.LogicalId == "WorkQueue");
        Assert.Equal(new TemplateQueue("WorkQueue", false, 60, "WorkDeadLetterQueue", 2), work);
        var ordered = Assert.Single(Sample.Queues, q => q.LogicalId == "OrderedQueue");
        Assert.True(ordered.Fifo);
        Assert.True(ordered.ContentBasedDeduplication);
        Assert.Equal("OrderedDeadLetterQueue", ordered.RedriveTarget);
        Assert.Equal(3, ordered.MaxReceiveCount);

        var worker = Sample.Function("WorkerFunction");
        Assert.Equal("Worker", worker.Handler);
        Assert.Equal(15, worker.TimeoutSeconds);
        Assert.Equal(512, worker.MemorySize);
        Assert.Equal(
            [new TemplateQueueSubscription("WorkQueue", 5, true) { EventName = "Work" }, new TemplateQueueSubscription("OrderedQueue", 10, false) { EventName = "Ordered" }],
            worker.QueueSubscriptions);
        Assert.Equal(2, worker.Schedules.Count);
        Assert.Contains(worker.Schedules, s => s is { Expression: "cron(0 3 * * ? *)", Enabled: false, Input: "{\"kind\":\"nightly\"}" });
        Assert.Contains(worker.Schedules, s => s is { Expression: "rate(5 minutes)", Enabled: true });

        var open = Assert.Single(Sample.Function("PublicFunction").HttpRoutes);
        Assert.Equal(new TemplateHttpRoute("GET", "/open", false) { EventName = "Open", ApiLogicalId = "Api" }, open);
        Assert.Equal("DefaultHandler", Sample.Function("PublicFunction").Handler);

        var ledger = Assert.Single(Sample.Tables);
        Assert.Equal("NEW_AND_OLD_IMAGES", ledger.StreamViewType);
        Assert.Equal("ttl", ledger.TtlAttribute);
        var lsi = Assert.Single(ledger.LocalSecondaryIndexes);
        Assert.Equal("INCLUDE", lsi.ProjectionType);
        Assert.Equal(["note"], lsi.NonKeyAttributes);
    }

    [Fact]
    public void Stream_events_topics_and_subscriptions_are_read()
    {
        var stream = Assert.Single(Sample.Function("WorkerFunction").StreamSubscriptions);
        Assert.Equal("LedgerTable", stream.TableLogicalId);
        Assert.Equal("LedgerChanges", stream.EventName);
        Assert.Equal("LATEST", stream.StartingPosition);
        Assert.Equal(25, stream.BatchSize);
        Assert.True(stream.ReportBatchItemFailures);
        Assert.True(stream.Enabled);
        Assert.Equal(3, stream.MaximumRetryAttempts);
        Assert.True(stream.BisectBatchOnFunctionError);
        Assert.Equal(["{\"eventName\": [\"INSERT\", \"MODIFY\"]}"], stream.FilterPatterns);
        Assert.Equal(new TemplateGetAtt("WorkDeadLetterQueue", "Arn"), stream.OnFailureDestination);

        Assert.Equal([new TemplateTopic("EventsTopic", false)], Sample.Topics);
        var paid = Assert.Single(Sample.TopicSubscriptions, s => s.LogicalId == "PaidSubscription");
        Assert.Equal(("EventsTopic", "sqs", "PaidQueue", true), (paid.TopicLogicalId, paid.Protocol, paid.QueueLogicalId, paid.RawMessageDelivery));
        Assert.Equal("{\"type\":[\"Paid\"]}", paid.FilterPolicy);
        Assert.Null(paid.FilterPolicyScope);
        var refunded = Assert.Single(Sample.TopicSubscriptions, s => s.LogicalId == "RefundedSubscription");
        Assert.True(refunded.RawMessageDelivery);
        Assert.Equal("MessageBody", refunded.FilterPolicyScope);
        Assert.Equal("{\"type\": [\"Refunded\"]}", refunded.FilterPolicy);
        var email = Assert.Single(Sample.TopicSubscriptions, s => s.LogicalId == "OpsEmailSubscription");
        Assert.Equal("email", email.Protocol);
        Assert.Null(email.QueueLogicalId);
    }

    [Fact]
    public void The_outbox_dispatcher_reads_the_outbox_tables_stream_through_its_areas_parameter()
    {
        var dispatch = Template.Function("DispatchOutboxFunction");
        Assert.Equal("Outbox", dispatch.Area);
        var stream = Assert.Single(dispatch.StreamSubscriptions);
        Assert.Equal("OutboxTable", stream.TableLogicalId);
        Assert.Equal("TRIM_HORIZON", stream.StartingPosition);
        Assert.True(stream.ReportBatchItemFailures);
        Assert.NotNull(stream.MaximumRetryAttempts);
        Assert.True(stream.BisectBatchOnFunctionError);
        Assert.Equal(new TemplateGetAtt("OutboxDispatchFailuresQueue", "Arn"), stream.OnFailureDestination);

        var outbox = Assert.Single(Template.Tables, t => t.LogicalId == "OutboxTable");
        Assert.Equal("NEW_IMAGE", outbox.StreamViewType);
        Assert.Equal("expiresAt", outbox.TtlAttribute);
        Assert.Contains(Template.Topics, t => t.LogicalId == "DomainEventsTopic");
    }

    [Fact]
    public void Sample_template_short_and_long_forms_parse()
    {
        var env = Sample.Function("WorkerFunction").Environment;
        Assert.Equal(new TemplateRef("WorkQueue"), env["WORK_QUEUE_URL"]);
        Assert.Equal(new TemplateGetAtt("WorkQueue", "Arn"), env["WORK_QUEUE_ARN"]);
        Assert.Equal(new TemplateRef("LedgerTable"), env["LEDGER_TABLE"]);
        Assert.Equal(new TemplateGetAtt("LedgerTable", "StreamArn"), env["LEDGER_STREAM"]);
        Assert.Equal("overridden", env["SHARED"].Literal);
        Assert.Equal(new TemplateRef("Stage"), env["STAGE"]);
        Assert.IsType<TemplateSub>(env["GREETING"]);
        Assert.Equal(["Stage", "LedgerTable"], env["WITH_VARS"].References.OrderByDescending(r => r));
        Assert.IsType<TemplateJoin>(env["JOINED"]);
        Assert.IsType<TemplateSelect>(env["SECOND"]);
        Assert.IsType<TemplateIf>(env["CHOSEN"]);
        Assert.Equal(["LedgerTable"], env["LONG_SUB"].References);
    }
}
