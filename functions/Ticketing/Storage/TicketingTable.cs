using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Ticketing.Storage;

/// <summary>The ticketing table's name (<c>TICKETING_TABLE</c>), read once.</summary>
internal sealed class TicketingTable(IConfiguration configuration)
{
    public const string Setting = "TICKETING_TABLE";

    private readonly string? _name = configuration[Setting];

    public string Name => string.IsNullOrEmpty(_name) ? throw new InvalidOperationException($"{Setting} is not set.") : _name;
}
