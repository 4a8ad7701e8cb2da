using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Payments.Storage;

/// <summary>The area's table (<c>PAYMENTS_TABLE</c>), read from configuration once.</summary>
internal sealed class PaymentsTable(IConfiguration configuration)
{
    public const string Setting = "PAYMENTS_TABLE";

    private readonly string? _name = configuration[Setting];

    public string Name => string.IsNullOrEmpty(_name) ? throw new InvalidOperationException($"{Setting} is not set.") : _name;
}
