using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>How many seats of a ticket type are left for sale.</summary>
public sealed record SeatsLeft(string TicketTypeId, string Name, int Available);

/// <summary>
/// A reservation asked for more seats than are left (409): the problem says how many of each type
/// are left, and whether the waiting list is open (a type that is sold out offers it).
/// </summary>
public sealed record NotEnoughSeats(IReadOnlyList<SeatsLeft> Left)
    : DomainError(Describe(Left)), IProblemExtensions
{
    public bool SoldOut => Left.Any(l => l.Available == 0);

    public IEnumerable<KeyValuePair<string, object?>> Extensions =>
    [
        KeyValuePair.Create<string, object?>("seatsLeft", Left.ToArray()),
        KeyValuePair.Create<string, object?>("waitingListOpen", SoldOut),
    ];

    private static string Describe(IReadOnlyList<SeatsLeft> left)
    {
        var soldOut = left.Where(l => l.Available == 0).Select(l => l.Name).ToList();
        var some = left.Where(l => l.Available > 0).Select(l => $"{l.Available} of {l.Name}").ToList();
        var parts = new List<string>();
        if (soldOut.Count > 0)
        {
            parts.Add($"{string.Join(", ", soldOut)} {(soldOut.Count == 1 ? "is" : "are")} sold out: join the waiting list to get seats that free up");
        }

        if (some.Count > 0)
        {
            parts.Add($"only {string.Join(", ", some)} left");
        }

        return string.Join("; ", parts) + ".";
    }
}
