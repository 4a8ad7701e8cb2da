using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using BitcoinEvents.Payments.Contracts;
using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Payments.Processing;

/// <summary>
/// The queue of stored webhook deliveries (<c>WEBHOOK_QUEUE_URL</c>) the worker OnWebhookReceived
/// applies. Locally the SQS endpoint comes from <c>AWS_ENDPOINT_URL_SQS</c>.
/// </summary>
internal sealed class WebhookQueue : IDisposable
{
    public const string Setting = "WEBHOOK_QUEUE_URL";

    private readonly Lazy<AmazonSQSClient> _sqs;
    private readonly string? _url;

    public WebhookQueue(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _url = configuration[Setting];
        _sqs = new Lazy<AmazonSQSClient>(() => Create(configuration));
    }

    /// <summary>Puts the delivery's key on the queue (the body stays in the table).</summary>
    public Task SendAsync(WebhookReceived message, CancellationToken ct)
    {
        var url = string.IsNullOrEmpty(_url) ? throw new InvalidOperationException($"{Setting} is not set.") : _url;
        return _sqs.Value.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = url,
            MessageBody = JsonSerializer.Serialize(message, PaymentsJsonContext.Default.WebhookReceived),
        }, ct);
    }

    public void Dispose()
    {
        if (_sqs.IsValueCreated)
        {
            _sqs.Value.Dispose();
        }
    }

    private static AmazonSQSClient Create(IConfiguration configuration)
    {
        var config = new AmazonSQSConfig();
        var endpoint = configuration["AWS_ENDPOINT_URL_SQS"];
        if (string.IsNullOrEmpty(endpoint))
        {
            if (configuration["AWS_REGION"] is { Length: > 0 } region)
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }

            return new AmazonSQSClient(config);
        }

        // Local servers only (no endpoint override in AWS): any credentials do.
        config.ServiceURL = endpoint;
        config.AuthenticationRegion = configuration["AWS_REGION"] ?? "us-east-1";
        return new AmazonSQSClient(new BasicAWSCredentials("local", "local"), config);
    }
}
