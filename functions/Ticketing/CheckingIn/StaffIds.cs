namespace BitcoinEvents.Ticketing.CheckingIn;

/// <summary>
/// The users staff assignments name: Cognito subjects, which are UUIDs (<c>sub</c>). Anything else
/// names no user (404 without a read), so a path can't assign a made-up id.
/// </summary>
internal static class StaffIds
{
    public const string Pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    public static bool IsWellFormed(string? id) => id is { Length: 36 } && Guid.TryParseExact(id, "D", out _);
}
