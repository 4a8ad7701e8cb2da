namespace BitcoinEvents.Domain.Events;

/// <summary>Draft → Published → Completed; Draft or Published → Cancelled.</summary>
public enum EventStatus
{
    Draft,
    Published,
    Completed,
    Cancelled,
}

public static class EventStatusNames
{
    /// <summary>The status as the API and the table spell it: "draft", "published", "completed", "cancelled".</summary>
    public static string ToName(this EventStatus status) => status switch
    {
        EventStatus.Draft => "draft",
        EventStatus.Published => "published",
        EventStatus.Completed => "completed",
        EventStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? name, out EventStatus status)
    {
        switch (name)
        {
            case "draft": status = EventStatus.Draft; return true;
            case "published": status = EventStatus.Published; return true;
            case "completed": status = EventStatus.Completed; return true;
            case "cancelled": status = EventStatus.Cancelled; return true;
            default: status = default; return false;
        }
    }
}
