using BitcoinEvents.Payments.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Payments.Operations;

/// <summary>GET /payments/status, anonymous: the area answers.</summary>
public static class GetPaymentsStatus
{
    public const string Name = nameof(GetPaymentsStatus);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/payments/status", Handle)
            .WithName(Name)
            .AllowAnonymous();

    internal static Ok<PaymentsStatusResponse> Handle() => TypedResults.Ok(new PaymentsStatusResponse("Payments", "ok"));
}
