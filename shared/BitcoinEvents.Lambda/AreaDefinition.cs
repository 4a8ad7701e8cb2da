using Microsoft.AspNetCore.Builder;

namespace BitcoinEvents.Lambda;

/// <summary>
/// One area's operations: its services, its HTTP endpoints and its queue consumers and schedules.
/// The same definition runs on Kestrel locally and behind the Lambda Runtime API in AWS.
/// </summary>
public sealed class AreaDefinition
{
    /// <summary>The area's name, e.g. "Events".</summary>
    public required string Name { get; init; }

    /// <summary>Registers the area's services (DynamoDB, authentication, ...).</summary>
    public required Action<WebApplicationBuilder> AddServices { get; init; }

    /// <summary>
    /// Adds the area's middleware and maps its endpoints. Every endpoint is named after its
    /// operation with <c>.WithName("&lt;OperationName&gt;")</c>: that name is the function's Handler.
    /// </summary>
    public required Action<WebApplication> MapHttp { get; init; }

    /// <summary>The area's queue consumers and scheduled jobs.</summary>
    public IReadOnlyList<BackgroundOperation> BackgroundOperations { get; init; } = [];
}
