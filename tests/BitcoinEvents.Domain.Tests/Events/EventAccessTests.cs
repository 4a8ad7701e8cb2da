using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;
using static BitcoinEvents.Domain.Tests.Events.EventFixtures;

namespace BitcoinEvents.Domain.Tests.Events;

public sealed class EventAccessTests
{
    [Fact]
    public void CanCreate_OrganizerAndAdminOnly()
    {
        Assert.True(EventAccess.CanCreate(Organizer));
        Assert.True(EventAccess.CanCreate(Admin));
        Assert.False(EventAccess.CanCreate(Attendee));
        Assert.False(EventAccess.CanCreate(new Caller("staff-sub", CallerGroups.Staff)));
    }

    [Fact]
    public void Draft_IsVisibleOnlyToItsOrganizerAndAdmins()
    {
        var draft = Draft();

        Assert.True(draft.CanView(Organizer));
        Assert.True(draft.CanView(Admin));
        Assert.False(draft.CanView(OtherOrganizer));
        Assert.False(draft.CanView(Attendee));
        Assert.False(draft.CanView(null));
    }

    [Fact]
    public void Published_IsVisibleToEveryone()
    {
        var published = Published();

        Assert.True(published.CanView(null));
        Assert.True(published.CanView(Attendee));
        Assert.True(published.CanView(OtherOrganizer));
    }

    [Fact]
    public void CanManage_OwnerOrAdminOnly()
    {
        var published = Published();

        Assert.True(published.CanManage(Organizer));
        Assert.True(published.CanManage(Admin));
        Assert.False(published.CanManage(OtherOrganizer));
        Assert.False(published.CanManage(null));
    }

    [Fact]
    public void Owner_KeepsControlAfterLeavingTheOrganizerGroup()
    {
        var draft = Draft();
        var formerOrganizer = new Caller(Organizer.Id, CallerGroups.Attendee);

        Assert.Null(draft.CheckCanChange(formerOrganizer));
    }

    [Fact]
    public void ForPublic_Draft_IsNotFound()
    {
        Assert.IsType<NotFound>(EventAccess.ForPublic(Draft(), EventId).Error);
    }

    [Fact]
    public void ForPublic_Missing_IsNotFound()
    {
        var error = Assert.IsType<NotFound>(EventAccess.ForPublic(null, EventId).Error);

        Assert.Equal(EventId, error.Id);
    }

    [Fact]
    public void ForPublic_CancelledAndCompleted_AreVisible()
    {
        var clock = Clock();
        var cancelled = Draft().Cancel(Organizer, "Off", clock).Value;
        var published = Published(clock: clock);
        clock.Advance(TimeSpan.FromDays(40));
        var completed = published.Complete(clock).Value;

        Assert.True(EventAccess.ForPublic(cancelled, EventId).IsSuccess);
        Assert.True(EventAccess.ForPublic(completed, EventId).IsSuccess);
    }

    [Fact]
    public void ForOrganizer_AnotherOrganizer_IsNotFoundEvenWhenPublished()
    {
        Assert.IsType<NotFound>(EventAccess.ForOrganizer(Published(), EventId, OtherOrganizer).Error);
    }

    [Fact]
    public void ForOrganizer_OwnerAndAdmin_SeeDrafts()
    {
        Assert.True(EventAccess.ForOrganizer(Draft(), EventId, Organizer).IsSuccess);
        Assert.True(EventAccess.ForOrganizer(Draft(), EventId, Admin).IsSuccess);
    }

    [Fact]
    public void OrganizerToList_DefaultsToTheCaller()
    {
        Assert.Equal(Organizer.Id, EventAccess.OrganizerToList(Organizer, null).Value);
        Assert.Equal(Organizer.Id, EventAccess.OrganizerToList(Organizer, Organizer.Id).Value);
    }

    [Fact]
    public void OrganizerToList_AnotherOrganizer_OnlyForAdmins()
    {
        Assert.Equal(Organizer.Id, EventAccess.OrganizerToList(Admin, Organizer.Id).Value);
        Assert.IsType<Forbidden>(EventAccess.OrganizerToList(OtherOrganizer, Organizer.Id).Error);
    }

    [Fact]
    public void OrganizerToList_AdminWithMalformedOrganizerId_NamesOrganizerId()
    {
        var error = Assert.IsType<ValidationFailed>(EventAccess.OrganizerToList(Admin, new string('x', 129)).Error);

        Assert.Equal("organizerId", Assert.Single(error.Errors).Field);
        Assert.IsType<ValidationFailed>(EventAccess.OrganizerToList(Admin, "has space").Error);
        Assert.IsType<Forbidden>(EventAccess.OrganizerToList(OtherOrganizer, "has space").Error);
    }

    [Fact]
    public void Manage_MissingEvent_IsNotFoundForItsId()
    {
        var error = Assert.IsType<NotFound>(EventAccess.Manage(null, EventId, Organizer).Error);

        Assert.Equal(EventId, error.Id);
    }

    [Fact]
    public void Manage_DecidesOnceWhoMayChange()
    {
        var draft = Draft();
        var published = Published();

        Assert.Same(draft, EventAccess.Manage(draft, EventId, Organizer).Value.Event);
        Assert.True(EventAccess.Manage(draft, EventId, Admin).IsSuccess);
        Assert.IsType<NotFound>(EventAccess.Manage(draft, EventId, OtherOrganizer).Error);
        Assert.IsType<Forbidden>(EventAccess.Manage(published, EventId, Attendee).Error);
    }
}
