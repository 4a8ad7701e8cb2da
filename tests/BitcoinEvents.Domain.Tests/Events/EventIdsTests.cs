using BitcoinEvents.Domain.Events;
using static BitcoinEvents.Domain.Tests.Events.EventFixtures;

namespace BitcoinEvents.Domain.Tests.Events;

public sealed class EventIdsTests
{
    [Fact]
    public void New_IsWellFormedAndTimeOrdered()
    {
        var clock = Clock();
        var first = EventIds.New(clock);
        clock.Advance(TimeSpan.FromMilliseconds(2));
        var second = EventIds.New(clock);

        Assert.True(EventIds.IsWellFormed(first));
        Assert.True(string.CompareOrdinal(first, second) < 0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0190A1B2C3D4E5F60718293A4B5C6D7E")]
    [InlineData("0190a1b2-c3d4-e5f6-0718-293a4b5c6d7e")]
    [InlineData("0190a1b2c3d4e5f60718293a4b5c6d7")]
    [InlineData("0190a1b2c3d4e5f60718293a4b5c6d7g")]
    public void IsWellFormed_RejectsAnythingElse(string? id)
    {
        Assert.False(EventIds.IsWellFormed(id));
        Assert.False(id is not null && System.Text.RegularExpressions.Regex.IsMatch(id, EventIds.Pattern));
    }

    [Fact]
    public void Pattern_SaysWhatIsWellFormedAccepts()
    {
        var id = EventIds.New(Clock());

        Assert.Matches(EventIds.Pattern, id);
        Assert.DoesNotMatch(EventIds.Pattern, id.ToUpperInvariant());
        Assert.DoesNotMatch(EventIds.Pattern, id[1..]);
    }
}

public sealed class EventStatusNamesTests
{
    [Theory]
    [InlineData(EventStatus.Draft, "draft")]
    [InlineData(EventStatus.Published, "published")]
    [InlineData(EventStatus.Completed, "completed")]
    [InlineData(EventStatus.Cancelled, "cancelled")]
    public void Names_RoundTrip(EventStatus status, string name)
    {
        Assert.Equal(name, status.ToName());
        Assert.True(EventStatusNames.TryParse(name, out var parsed));
        Assert.Equal(status, parsed);
    }

    [Theory]
    [InlineData("Draft")]
    [InlineData("deleted")]
    [InlineData(null)]
    public void TryParse_RejectsUnknownNames(string? name)
    {
        Assert.False(EventStatusNames.TryParse(name, out _));
    }

    [Fact]
    public void Venue_EqualityComparesAddressLinesByValue()
    {
        var a = new Venue("Hall", ["Main St 1", "Floor 2"], "Lisbon", null, null, "PT", "Europe/Lisbon");
        var b = new Venue("Hall", ["Main St 1", "Floor 2"], "Lisbon", null, null, "PT", "Europe/Lisbon");
        var c = new Venue("Hall", ["Main St 1"], "Lisbon", null, null, "PT", "Europe/Lisbon");

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
