using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Events;

/// <summary>
/// An event whose change the caller is allowed to make. Only <see cref="EventAccess.Manage"/>
/// makes one, after checking who asks; the changes below then check only the state machine and
/// the field rules. Holding one is the proof: authorization happens once per change.
/// </summary>
public sealed class ManagedEvent
{
    internal ManagedEvent(Event e) => Event = e;

    /// <summary>The event as it was read.</summary>
    public Event Event { get; }

    /// <inheritdoc cref="Events.Event.Update"/>
    public Result<Event> Update(EventInput patch, TimeProvider clock) => Event.Update(patch, clock);

    /// <inheritdoc cref="Events.Event.Publish"/>
    public Result<Event> Publish(TimeProvider clock) => Event.Publish(clock);

    /// <inheritdoc cref="Events.Event.Cancel"/>
    public Result<Event> Cancel(string? reason, TimeProvider clock) => Event.Cancel(reason, clock);

    /// <inheritdoc cref="Events.Event.PlanCoverImageUpload"/>
    public Result<string> PlanCoverImageUpload(string? contentType, string uniqueName) => Event.PlanCoverImageUpload(contentType, uniqueName);
}
