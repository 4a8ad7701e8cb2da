using System.Text.Json.Nodes;
using BitcoinEvents.FakeProviders.Webhooks;

namespace BitcoinEvents.FakeProviders;

/// <summary>
/// The fake of one provider: its documented API (the requests the Payments area makes, answered in
/// the provider's wire format), its payments' states, and the webhooks they cause, signed as the
/// provider signs them. Registered once in <see cref="FakeProviderRegistrations.All"/>; mounted under
/// <c>/{Id}</c> of the fake server; driven through the control API (README.md).
/// </summary>
public interface IFakeProvider
{
    /// <summary>The provider's id, as the Payments area names it (<c>stripe</c>).</summary>
    string Id { get; }

    /// <summary>The control actions it supports (<see cref="FakeActions"/>: pay, fail, expire, ...).</summary>
    IReadOnlyCollection<string> Actions { get; }

    /// <summary>The Payments area's settings that point it at this fake (its API base URL setting), given the fake's base URL (ends with <c>/{Id}/</c>).</summary>
    IReadOnlyDictionary<string, string> PlatformSettings(Uri apiBase);

    /// <summary>Maps the provider's API (paths as the provider documents them, relative to the fake's base).</summary>
    void MapApi(IEndpointRouteBuilder api);

    /// <summary>
    /// Does <paramref name="action"/> to the payment the provider knows as <paramref name="reference"/>
    /// (a PaymentIntent, Checkout Session, order, invoice, address): returns the webhooks it causes, which
    /// the control API delivers as asked.
    /// </summary>
    FakeActionResult Act(string reference, FakeAction action);

    /// <summary>What the fake holds (its payments and refunds), for <c>GET /control/{id}/payments</c>.</summary>
    JsonNode Describe();
}

/// <summary>What each fake is built with: the dev secrets, the clock.</summary>
public sealed record FakeContext(DevSecrets Secrets, FakeWebhooks Webhooks, TimeProvider Clock);

/// <summary>How a fake is created (one line each in <see cref="FakeProviderRegistrations.All"/>).</summary>
public delegate IFakeProvider FakeProviderFactory(FakeContext context);

/// <summary>The control actions (a fake supports those that make sense for its provider).</summary>
public static class FakeActions
{
    /// <summary>The buyer pays the amount asked for.</summary>
    public const string Pay = "pay";

    /// <summary>The buyer pays less (<c>amount</c>, default half).</summary>
    public const string Underpay = "underpay";

    /// <summary>The buyer pays more (<c>amount</c>, default 1.5x).</summary>
    public const string Overpay = "overpay";

    /// <summary>The buyer pays after the provider's expiry.</summary>
    public const string PayLate = "pay-late";

    /// <summary>The attempt fails (card declined, UPI failed).</summary>
    public const string Fail = "fail";

    /// <summary>The provider's session or invoice expires.</summary>
    public const string Expire = "expire";

    /// <summary>The provider refunds (<c>amount</c>, default all) from its dashboard.</summary>
    public const string Refund = "refund";
}

/// <summary>A control request: the action and, where it takes one, an amount in the payment's minor units.</summary>
public sealed record FakeAction(string Name, long? Amount = null);

/// <summary>What a control action did.</summary>
public abstract record FakeActionResult
{
    private FakeActionResult()
    {
    }

    /// <summary>Done: the webhooks it causes, in the order the provider would send them.</summary>
    public sealed record Done(IReadOnlyList<FakeWebhookEvent> Webhooks) : FakeActionResult;

    /// <summary>No payment with that reference.</summary>
    public sealed record NotFound : FakeActionResult;

    /// <summary>The action does not apply (unknown, or not in this state): <paramref name="Reason"/>.</summary>
    public sealed record Refused(string Reason) : FakeActionResult;
}
