using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;
using static BitcoinEvents.Domain.Tests.Events.EventFixtures;

namespace BitcoinEvents.Domain.Tests.Events;

/// <summary>Draft → Published → Completed; Draft or Published → Cancelled; nothing else.</summary>
public sealed class EventLifecycleTests
{
    [Fact]
    public void Publish_Draft_BecomesPublishedAndListed()
    {
        var clock = Clock();
        var draft = Draft(clock: clock);
        clock.Advance(TimeSpan.FromHours(1));

        var published = draft.Publish(Organizer, clock).Value;

        Assert.Equal(EventStatus.Published, published.Status);
        Assert.Equal(Now.AddHours(1), published.PublishedAt);
        Assert.Equal(Now.AddHours(1), published.UpdatedAt);
        Assert.Equal(2, published.Version);
        Assert.True(published.IsListed);
        Assert.True(published.IsPublic);
    }

    [Fact]
    public void Publish_WhenStartInPast_NamesStartsAt()
    {
        var clock = Clock();
        var draft = Draft(clock: clock);
        clock.Advance(TimeSpan.FromDays(30));

        Assert.Equal("startsAt", SingleFieldInError(draft.Publish(Organizer, clock)));
    }

    [Fact]
    public void Publish_WhenStartIsNow_NamesStartsAt()
    {
        var clock = Clock();
        var draft = Draft(clock: clock);
        clock.SetUtcNow(draft.StartsAt);

        Assert.Equal("startsAt", SingleFieldInError(draft.Publish(Organizer, clock)));
    }

    [Fact]
    public void Publish_WhenAlreadyPublished_ReturnsInvalidStateTransition()
    {
        var error = Assert.IsType<InvalidStateTransition>(Published().Publish(Organizer, Clock()).Error);

        Assert.Equal("published", error.CurrentState);
    }

    [Fact]
    public void Publish_WhenCancelled_ReturnsInvalidStateTransition()
    {
        var cancelled = Draft().Cancel(Organizer, "No speakers", Clock()).Value;

        Assert.IsType<InvalidStateTransition>(cancelled.Publish(Organizer, Clock()).Error);
    }

    [Fact]
    public void Publish_ByAnotherOrganizer_ReturnsNotFound()
    {
        Assert.IsType<NotFound>(Draft().Publish(OtherOrganizer, Clock()).Error);
    }

    [Fact]
    public void Publish_ByAdmin_Succeeds()
    {
        Assert.True(Draft().Publish(Admin, Clock()).IsSuccess);
    }

    [Fact]
    public void Cancel_Draft_RecordsReasonAndTime()
    {
        var cancelled = Draft().Cancel(Organizer, "  Venue closed  ", Clock()).Value;

        Assert.Equal(EventStatus.Cancelled, cancelled.Status);
        Assert.Equal("Venue closed", cancelled.CancellationReason);
        Assert.Equal(Now, cancelled.CancelledAt);
        Assert.Equal(2, cancelled.Version);
        Assert.False(cancelled.IsListed);
        Assert.True(cancelled.IsPublic);
    }

    [Fact]
    public void Cancel_Published_LeavesTheListing()
    {
        var cancelled = Published().Cancel(Organizer, "Speaker ill", Clock()).Value;

        Assert.Equal(EventStatus.Cancelled, cancelled.Status);
        Assert.False(cancelled.IsListed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Cancel_WithoutReason_NamesReason(string? reason)
    {
        Assert.Equal("reason", SingleFieldInError(Published().Cancel(Organizer, reason, Clock())));
    }

    [Fact]
    public void Cancel_WhenAlreadyCancelled_ReturnsInvalidStateTransition()
    {
        var cancelled = Draft().Cancel(Organizer, "Once", Clock()).Value;

        Assert.IsType<InvalidStateTransition>(cancelled.Cancel(Organizer, "Twice", Clock()).Error);
    }

    [Fact]
    public void Cancel_WhenCompleted_ReturnsInvalidStateTransition()
    {
        var clock = Clock();
        var published = Published(clock: clock);
        clock.Advance(TimeSpan.FromDays(40));
        var completed = published.Complete(clock).Value;

        Assert.IsType<InvalidStateTransition>(completed.Cancel(Organizer, "Too late", clock).Error);
    }

    [Fact]
    public void Cancel_ByAnotherOrganizerOfPublishedEvent_ReturnsForbidden()
    {
        Assert.IsType<Forbidden>(Published().Cancel(OtherOrganizer, "Not mine", Clock()).Error);
    }

    [Fact]
    public void Complete_AfterTheEnd_BecomesCompleted()
    {
        var clock = Clock();
        var published = Published(clock: clock);
        clock.SetUtcNow(published.EndsAt);

        var completed = published.Complete(clock).Value;

        Assert.Equal(EventStatus.Completed, completed.Status);
        Assert.Equal(published.EndsAt, completed.CompletedAt);
        Assert.Equal(published.Version + 1, completed.Version);
        Assert.False(completed.IsListed);
    }

    [Fact]
    public void Complete_BeforeTheEnd_ReturnsInvalidStateTransition()
    {
        var clock = Clock();
        var published = Published(clock: clock);
        clock.SetUtcNow(published.EndsAt.AddSeconds(-1));

        Assert.IsType<InvalidStateTransition>(published.Complete(clock).Error);
    }

    [Fact]
    public void Complete_Draft_ReturnsInvalidStateTransition()
    {
        var clock = Clock();
        var draft = Draft(clock: clock);
        clock.Advance(TimeSpan.FromDays(60));

        Assert.IsType<InvalidStateTransition>(draft.Complete(clock).Error);
    }

    [Fact]
    public void Complete_WhenAlreadyCompleted_ReturnsInvalidStateTransition()
    {
        var clock = Clock();
        var published = Published(clock: clock);
        clock.Advance(TimeSpan.FromDays(60));
        var completed = published.Complete(clock).Value;

        Assert.IsType<InvalidStateTransition>(completed.Complete(clock).Error);
    }

    [Fact]
    public void PlanCoverImageUpload_ReturnsAKeyUnderTheCoverPrefix()
    {
        var key = Draft().PlanCoverImageUpload(Organizer, "image/webp", "abc123").Value;

        Assert.Equal($"events/{EventId}/cover/abc123.webp", key);
        Assert.True(CoverImages.IsValidKey(key, EventId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("image/gif")]
    [InlineData("IMAGE/PNG")]
    [InlineData("text/html")]
    public void PlanCoverImageUpload_WithUnsupportedContentType_NamesContentType(string? contentType)
    {
        Assert.Equal("contentType", SingleFieldInError(Draft().PlanCoverImageUpload(Organizer, contentType, "abc")));
    }

    [Fact]
    public void PlanCoverImageUpload_ByAnotherOrganizerOfDraft_ReturnsNotFound()
    {
        Assert.IsType<NotFound>(Draft().PlanCoverImageUpload(OtherOrganizer, "image/png", "abc").Error);
    }

    [Fact]
    public void PlanCoverImageUpload_ByAttendeeOfPublishedEvent_ReturnsForbidden()
    {
        Assert.IsType<Forbidden>(Published().PlanCoverImageUpload(Attendee, "image/png", "abc").Error);
    }

    [Fact]
    public void PlanCoverImageUpload_ForCancelledEvent_ReturnsInvalidStateTransition()
    {
        var cancelled = Draft().Cancel(Organizer, "Off", Clock()).Value;

        Assert.IsType<InvalidStateTransition>(cancelled.PlanCoverImageUpload(Organizer, "image/png", "abc").Error);
    }
}
