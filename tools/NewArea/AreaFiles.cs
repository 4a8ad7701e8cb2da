namespace BitcoinEvents.NewArea;

/// <summary>The files of a new area: a working starting point with one operation of each kind.</summary>
internal static class AreaFiles
{
    public static Dictionary<string, string> For(string area, IReadOnlyList<(string Name, string Type)> parameters)
    {
        var lower = area.ToLowerInvariant();
        string Fill(string text) => text.Replace("__Area__", area, StringComparison.Ordinal).Replace("__area__", lower, StringComparison.Ordinal);
        var parameterLines = string.Join("\n", parameters.Select(p => $"  {p.Name}: {{ Type: {p.Type} }}"));
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"functions/{area}/{area}.csproj"] = Fill(Project),
            [$"functions/{area}/Program.cs"] = Fill(ProgramFile),
            [$"functions/{area}/{area}Area.cs"] = Fill(AreaFile),
            [$"functions/{area}/Contracts/{area}Contracts.cs"] = Fill(Contracts),
            [$"functions/{area}/Operations/Get{area}Status.cs"] = Fill(HttpOperation),
            [$"functions/{area}/Operations/On{area}Requested.cs"] = Fill(QueueOperation),
            [$"functions/{area}/Operations/Sweep{area}.cs"] = Fill(ScheduledOperation),
            [$"functions/{area}/template.yaml"] = Fill(Template).Replace("__Parameters__", parameterLines, StringComparison.Ordinal),
            [$"functions/{area}/Makefile"] = Fill(Makefile),
            [$"tests/{area}.Tests/{area}.Tests.csproj"] = Fill(TestProject),
            [$"tests/{area}.Tests/Operations/{area}OperationsTests.cs"] = Fill(Tests),
        };
    }

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <!-- The __Area__ area. Its build settings come from functions/Directory.Build.props. -->
        </Project>

        """;

    private const string ProgramFile = """
        return await BitcoinEvents.Infrastructure.PlatformHost.RunAsync(args, BitcoinEvents.__Area__.__Area__Area.Definition);

        """;

    private const string AreaFile = """
        using BitcoinEvents.__Area__.Contracts;
        using BitcoinEvents.__Area__.Operations;
        using BitcoinEvents.Lambda;
        using Microsoft.AspNetCore.Http.Json;
        using Microsoft.Extensions.DependencyInjection;

        namespace BitcoinEvents.__Area__;

        /// <summary>The __Area__ area. Each operation is one function of functions/__Area__/template.yaml whose Handler is its name.</summary>
        public static class __Area__Area
        {
            public static AreaDefinition Definition { get; } = new()
            {
                Name = "__Area__",
                AddServices = builder => builder.Services.Configure<JsonOptions>(options =>
                    options.SerializerOptions.TypeInfoResolverChain.Insert(0, __Area__JsonContext.Default)),
                // One entry per HTTP operation: a Lambda function maps only the one its Handler names.
                HttpOperations = [new(Get__Area__Status.Name, Get__Area__Status.Map)],
                BackgroundOperations =
                [
                    BackgroundOperation.Queue<On__Area__Requested, __Area__Requested>(On__Area__Requested.Name, () => __Area__JsonContext.Default.__Area__Requested),
                    BackgroundOperation.Schedule<Sweep__Area__>(Sweep__Area__.Name),
                ],
            };
        }

        """;

    private const string Contracts = """
        using System.Text.Json;
        using System.Text.Json.Serialization;

        namespace BitcoinEvents.__Area__.Contracts;

        /// <summary>GET /__area__/status.</summary>
        public sealed record __Area__StatusResponse(string Area, string Status);

        /// <summary>A message on the __Area__Queue (versioned: a breaking change is a new record).</summary>
        public sealed record __Area__Requested(string Id);

        /// <summary>Source-generated JSON for the area (Native AOT: no reflection).</summary>
        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
        [JsonSerializable(typeof(__Area__StatusResponse))]
        [JsonSerializable(typeof(__Area__Requested))]
        public sealed partial class __Area__JsonContext : JsonSerializerContext;

        """;

    private const string HttpOperation = """
        using BitcoinEvents.__Area__.Contracts;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Http.HttpResults;
        using Microsoft.AspNetCore.Routing;

        namespace BitcoinEvents.__Area__.Operations;

        /// <summary>GET /__area__/status, anonymous: the area answers.</summary>
        public static class Get__Area__Status
        {
            public const string Name = nameof(Get__Area__Status);

            public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
                routes.MapGet("/__area__/status", Handle)
                    .WithName(Name)
                    .AllowAnonymous();

            internal static Ok<__Area__StatusResponse> Handle() => TypedResults.Ok(new __Area__StatusResponse("__Area__", "ok"));
        }

        """;

    private const string QueueOperation = """
        using BitcoinEvents.__Area__.Contracts;
        using BitcoinEvents.Lambda;
        using Microsoft.Extensions.Logging;

        namespace BitcoinEvents.__Area__.Operations;

        /// <summary>Consumes __Area__Queue, one message at a time; must be idempotent (SQS delivers at least once).</summary>
        public sealed partial class On__Area__Requested(ILogger<On__Area__Requested> logger) : ISqsMessageHandler<__Area__Requested>
        {
            public const string Name = nameof(On__Area__Requested);

            public Task HandleAsync(__Area__Requested message, SqsMessageContext context, CancellationToken ct)
            {
                ArgumentNullException.ThrowIfNull(message);
                ArgumentException.ThrowIfNullOrWhiteSpace(message.Id);
                LogHandled(logger, message.Id);
                return Task.CompletedTask;
            }

            [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Handled request {Id}")]
            private static partial void LogHandled(ILogger logger, string id);
        }

        """;

    private const string ScheduledOperation = """
        using BitcoinEvents.Lambda;
        using Microsoft.Extensions.Logging;

        namespace BitcoinEvents.__Area__.Operations;

        /// <summary>Scheduled (hourly); must tolerate running twice for one tick.</summary>
        public sealed partial class Sweep__Area__(TimeProvider clock, ILogger<Sweep__Area__> logger) : IScheduledJob
        {
            public const string Name = nameof(Sweep__Area__);

            public Task RunAsync(ScheduledEvent scheduledEvent, CancellationToken ct)
            {
                ArgumentNullException.ThrowIfNull(scheduledEvent);
                var now = clock.GetUtcNow();
                LogRun(logger, scheduledEvent.Time, now);
                return Task.CompletedTask;
            }

            [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Swept for the tick of {Tick} at {Now}")]
            private static partial void LogRun(ILogger logger, DateTimeOffset tick, DateTimeOffset now);
        }

        """;

    private const string Template = """
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
        Description: >-
          __Area__ area (nested stack of template.yaml). One function per operation, all served by this
          folder's one Native AOT bootstrap (Handler = operation).

        # The platform's shared resources: template.yaml passes the same set to every area.
        Parameters:
        __Parameters__

        # Each HTTP operation's route on the platform's HTTP API (listed under SignedIn or Anonymous below).
        Mappings:
          Routes:
            Get__Area__Status: { RouteKey: "GET /__area__/status" }

        Globals:
          Function:
            CodeUri: ./
            Runtime: provided.al2023
            Architectures:
              - !Ref Architecture
            MemorySize: 256
            Timeout: 10
            Tracing: Active
            LoggingConfig:
              LogFormat: JSON
              ApplicationLogLevel: INFO
              SystemLogLevel: WARN
              LogGroup: !Ref __Area__LogGroup
            Environment:
              Variables:
                STAGE: !Ref Stage

        Resources:
          __Area__LogGroup:
            Type: AWS::Logs::LogGroup
            Properties:
              LogGroupName: !Sub /bitcoin-events/${Stage}/__area__
              RetentionInDays: !Ref LogRetentionDays

          __Area__DeadLetterQueue:
            Type: AWS::SQS::Queue
            Properties:
              MessageRetentionPeriod: 1209600
              SqsManagedSseEnabled: true

          __Area__Queue:
            Type: AWS::SQS::Queue
            Properties:
              VisibilityTimeout: 60
              SqsManagedSseEnabled: true
              RedrivePolicy:
                deadLetterTargetArn: !GetAtt __Area__DeadLetterQueue.Arn
                maxReceiveCount: 5

          # ---------------------------------------------------------------- operations
          Get__Area__StatusFunction:
            Type: AWS::Serverless::Function
            Metadata: { BuildMethod: makefile }
            Properties:
              Handler: Get__Area__Status

          On__Area__RequestedFunction:
            Type: AWS::Serverless::Function
            Metadata: { BuildMethod: makefile }
            Properties:
              Handler: On__Area__Requested
              Policies:
                - Statement:
                    - Effect: Allow
                      Action: [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes, sqs:ChangeMessageVisibility]
                      Resource: !GetAtt __Area__Queue.Arn
              Events:
                Requests:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt __Area__Queue.Arn
                    BatchSize: 10
                    FunctionResponseTypes: [ReportBatchItemFailures]

          Sweep__Area__Function:
            Type: AWS::Serverless::Function
            Metadata: { BuildMethod: makefile }
            Properties:
              Handler: Sweep__Area__
              Events:
                Hourly:
                  Type: Schedule
                  Properties:
                    Schedule: rate(1 hour)
                    RetryPolicy:
                      MaximumRetryAttempts: 2

          # ---------------------------------------------------------------- routes and alarms
          Fn::ForEach::Anonymous:
            - Operation
            - [Get__Area__Status]
            - ${Operation}Route:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref HttpApiId
                  RouteKey: !FindInMap [Routes, "${Operation}", RouteKey]
                  AuthorizationType: NONE
                  Target: !Join [/, [integrations, !Ref "${Operation}Integration"]]
              ${Operation}Integration:
                Type: AWS::ApiGatewayV2::Integration
                Properties:
                  ApiId: !Ref HttpApiId
                  IntegrationType: AWS_PROXY
                  IntegrationUri: !GetAtt ${Operation}Function.Arn
                  PayloadFormatVersion: "2.0"
              ${Operation}Permission:
                Type: AWS::Lambda::Permission
                Properties:
                  Action: lambda:InvokeFunction
                  FunctionName: !Ref "${Operation}Function"
                  Principal: apigateway.amazonaws.com
                  SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${HttpApiId}/*

          # Every function of the area: an alarm on its Lambda Errors metric (crash, init error, timeout).
          Fn::ForEach::ErrorAlarms:
            - Operation
            - [Get__Area__Status, On__Area__Requested, Sweep__Area__]
            - ${Operation}ErrorsAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  AlarmDescription: ${Operation} failed (crash, init error or timeout).
                  Namespace: AWS/Lambda
                  MetricName: Errors
                  Dimensions:
                    - Name: FunctionName
                      Value: !Ref "${Operation}Function"
                  Statistic: Sum
                  Period: 300
                  EvaluationPeriods: 1
                  Threshold: 1
                  ComparisonOperator: GreaterThanOrEqualToThreshold
                  TreatMissingData: notBreaching
                  AlarmActions: [!Ref AlarmTopicArn]

        """;

    private const string Makefile = """
        # sam build runs `make build-<LogicalId>` here for each function of this area's template.yaml.
        include $(dir $(lastword $(MAKEFILE_LIST)))../area.mk

        """;

    private const string TestProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <ItemGroup>
            <PackageReference Include="Microsoft.NET.Test.Sdk" />
            <PackageReference Include="xunit.v3" />
            <PackageReference Include="xunit.runner.visualstudio" />
            <PackageReference Include="Microsoft.AspNetCore.Mvc.Testing" />
          </ItemGroup>
          <ItemGroup>
            <Using Include="Xunit" />
          </ItemGroup>
          <ItemGroup>
            <ProjectReference Include="../../functions/__Area__/__Area__.csproj" />
            <FrameworkReference Include="Microsoft.AspNetCore.App" />
          </ItemGroup>
        </Project>

        """;

    private const string Tests = """
        using System.Net;
        using System.Net.Http.Json;
        using BitcoinEvents.__Area__.Contracts;
        using BitcoinEvents.__Area__.Operations;
        using BitcoinEvents.Lambda;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Mvc.Testing;
        using Microsoft.Extensions.Logging.Abstractions;

        namespace __Area__.Tests.Operations;

        /// <summary>The area's operations through its real app (the same wiring as in Lambda and on Kestrel).</summary>
        public sealed class __Area__OperationsTests
        {
            [Fact]
            public async Task GetStatus_AnswersOk()
            {
                await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseEnvironment("Production"));
                using var client = app.CreateClient();

                using var response = await client.GetAsync("/__area__/status", TestContext.Current.CancellationToken);

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var body = await response.Content.ReadFromJsonAsync<__Area__StatusResponse>(TestContext.Current.CancellationToken);
                Assert.Equal(new __Area__StatusResponse("__Area__", "ok"), body);
            }

            [Fact]
            public async Task OnRequested_WithoutAnId_FailsTheMessage()
            {
                var handler = new On__Area__Requested(NullLogger<On__Area__Requested>.Instance);
                using var invocation = new LambdaInvocation("request", DateTimeOffset.UtcNow.AddMinutes(1));
                var context = new SqsMessageContext { MessageId = "m1", Attributes = new Dictionary<string, string>(), MessageAttributes = new Dictionary<string, SqsMessageAttributeValue>(), Invocation = invocation };

                await Assert.ThrowsAnyAsync<ArgumentException>(() => handler.HandleAsync(new __Area__Requested(" "), context, TestContext.Current.CancellationToken));
            }
        }

        """;
}
