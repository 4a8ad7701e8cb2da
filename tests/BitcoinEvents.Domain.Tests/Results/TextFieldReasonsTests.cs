using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Ticketing;
using static BitcoinEvents.Domain.Tests.Events.EventFixtures;

namespace BitcoinEvents.Domain.Tests.Results;

/// <summary>
/// The reasons a text field's problem gives, in both areas that validate free text. They reach clients in
/// 4xx problems, so they are pinned word for word (events and ticketing word a malformed text differently).
/// </summary>
public sealed class TextFieldReasonsTests
{
    [Theory]
    [InlineData(" \u200B ", "is required.")]
    [InlineData("two\nlines", "must be a single line without control characters.")]
    public void EventTitle_GivesTheReason(string title, string reason) =>
        Assert.Equal(new FieldError("title", reason), Assert.Single(FieldErrors(Event.Create(EventId, Organizer, Input() with { Title = title }, Clock()))));

    [Fact]
    public void EventTitle_WhenTooLong_GivesTheLimit() =>
        Assert.Equal(new FieldError("title", "must be at most 200 characters."), Assert.Single(FieldErrors(Event.Create(EventId, Organizer, Input() with { Title = new string('a', 201) }, Clock()))));

    [Fact]
    public void EventDescription_KeepsLineBreaksAndTabs_ButNotOtherControlCharacters()
    {
        Assert.Equal("Talks\r\n\tand beers.", Event.Create(EventId, Organizer, Input() with { Description = " Talks\r\n\tand beers. " }, Clock()).Value.Description);
        Assert.Equal(
            new FieldError("description", "must not contain control characters other than line breaks and tabs."),
            Assert.Single(FieldErrors(Event.Create(EventId, Organizer, Input() with { Description = "bell\u0007" }, Clock()))));
    }

    // A lone surrogate cannot travel in an attribute's InlineData (it is stored as UTF-8), hence the facts.
    [Fact]
    public void EventTitle_WithALoneSurrogate_GivesTheReason() =>
        EventTitle_GivesTheReason("broken \uD800 pair", "must be valid Unicode text.");

    [Fact]
    public void QuotaName_WithALoneSurrogate_GivesTheReason() =>
        QuotaName_GivesTheReason("broken \uDC00 pair", "is not valid Unicode text.");

    [Theory]
    [InlineData("tab\tbed", "must be a single line without control characters.")]
    public void QuotaName_GivesTheReason(string name, string reason) =>
        Assert.Equal(new FieldError("name", reason), Assert.Single(FieldErrors(Quota.Create("q1", EventId, new QuotaInput { Name = name, Capacity = 10 }))));

    [Fact]
    public void QuotaName_WhenTooLong_GivesTheLimit() =>
        Assert.Equal(new FieldError("name", "must be at most 100 characters."), Assert.Single(FieldErrors(Quota.Create("q1", EventId, new QuotaInput { Name = new string('a', 101), Capacity = 10 }))));
}
