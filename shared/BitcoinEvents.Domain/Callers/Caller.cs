namespace BitcoinEvents.Domain.Callers;

/// <summary>
/// Who makes a request: the identity provider's subject id and the groups the caller belongs to
/// (Cognito groups: organizer, attendee, staff, admin).
/// </summary>
public sealed record Caller
{
    public Caller(string id, IEnumerable<string> groups)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(groups);
        Id = id;
        Groups = groups.ToHashSet(StringComparer.Ordinal);
    }

    public Caller(string id, params string[] groups)
        : this(id, (IEnumerable<string>)groups)
    {
    }

    /// <summary>The subject id (Cognito <c>sub</c>).</summary>
    public string Id { get; }

    public IReadOnlySet<string> Groups { get; }

    public bool IsAdmin => Groups.Contains(CallerGroups.Admin);

    public bool IsOrganizer => Groups.Contains(CallerGroups.Organizer);

    public bool IsInGroup(string group) => Groups.Contains(group);

    public bool Equals(Caller? other) =>
        other is not null && Id == other.Id && Groups.SetEquals(other.Groups);

    public override int GetHashCode() => Id.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => $"{Id} [{string.Join(',', Groups.Order(StringComparer.Ordinal))}]";
}

/// <summary>The user pool's groups (template.yaml: OrganizerGroup, AttendeeGroup, StaffGroup, AdminGroup).</summary>
public static class CallerGroups
{
    public const string Organizer = "organizer";
    public const string Attendee = "attendee";
    public const string Staff = "staff";
    public const string Admin = "admin";
}
