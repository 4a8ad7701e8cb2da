using BitcoinEvents.Domain.Callers;

namespace BitcoinEvents.Domain.Tests.Callers;

public sealed class CallerTests
{
    [Fact]
    public void Roles_ComeFromGroups()
    {
        var caller = new Caller("sub", CallerGroups.Organizer, CallerGroups.Admin);

        Assert.True(caller.IsOrganizer);
        Assert.True(caller.IsAdmin);
        Assert.False(new Caller("sub", CallerGroups.Attendee).IsOrganizer);
    }

    [Fact]
    public void Groups_AreCaseSensitive()
    {
        Assert.False(new Caller("sub", "Admin").IsAdmin);
    }

    [Fact]
    public void Equality_ComparesIdAndGroups()
    {
        Assert.Equal(new Caller("a", "x", "y"), new Caller("a", "y", "x"));
        Assert.NotEqual(new Caller("a", "x"), new Caller("a", "y"));
    }

    [Fact]
    public void Id_IsRequired()
    {
        Assert.Throws<ArgumentException>(() => new Caller(" "));
    }
}
