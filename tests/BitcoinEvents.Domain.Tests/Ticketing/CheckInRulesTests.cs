using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Ticketing;

namespace BitcoinEvents.Domain.Tests.Ticketing;

/// <summary>The door's rules on the stored ticket, and what a reassignment, a void and a late offline scan do to them.</summary>
public sealed class CheckInRulesTests
{
    private static readonly DateTimeOffset Now = new(2030, 3, 1, 18, 0, 0, TimeSpan.Zero);
    private const string EventId = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private static Ticket NewTicket(params string[] sessions) => new()
    {
        Id = "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        EventId = EventId,
        OrderId = "00112233445566778899aabbccddeeff",
        OwnerId = "owner",
        TicketTypeId = "ffeeddccbbaa99887766554433221100",
        TypeName = "General",
        SessionIds = sessions,
        HolderName = "Alice",
        Status = TicketStatus.Valid,
        Revision = 1,
        IssuedAt = Now,
        UpdatedAt = Now,
        QrToken = "signed.rev.one",
        Version = 1,
    };

    private static TicketToken TokenOf(Ticket t) => new(t.Id, t.EventId, t.SessionIds, t.Revision);

    private static CheckIn At(DateTimeOffset at, string device = "door-1", string door = Ticket.WholeEvent) => new(door, at, device, "staff-1", Guid.NewGuid().ToString());

    [Fact]
    public void FirstScan_Admits_AtTheWholeEventDoor_ThenTheNextIsAlreadyCheckedIn_WithTheFirst()
    {
        var ticket = NewTicket();
        var admit = Assert.IsType<CheckInDecision.Admit>(CheckInRules.Decide(ticket, TokenOf(ticket), EventId, null, Now));
        Assert.Equal(Ticket.WholeEvent, admit.SessionKey);

        var first = At(Now);
        var inside = ticket.WithCheckIn(first, Now);
        var again = Assert.IsType<CheckInDecision.AlreadyCheckedIn>(CheckInRules.Decide(inside, TokenOf(ticket), EventId, null, Now.AddMinutes(3)));

        Assert.Equal(first, again.First);
        Assert.Equal(2, inside.Version);
    }

    [Fact]
    public void AnEarlierScanUploadedLate_TakesThePlaceOfTheRecordedCheckIn()
    {
        var recorded = At(Now.AddMinutes(10), "tablet-b");
        var ticket = NewTicket().WithCheckIn(recorded, Now.AddMinutes(10));

        var decision = Assert.IsType<CheckInDecision.AdmitEarlier>(CheckInRules.Decide(ticket, TokenOf(ticket), EventId, null, Now));
        Assert.Equal(recorded, decision.Later);

        var earliest = At(Now, "tablet-a");
        var corrected = ticket.WithCheckIn(earliest, Now.AddMinutes(20));
        Assert.Equal([earliest], corrected.CheckIns);

        // At the same time or later, it is a second entry.
        Assert.IsType<CheckInDecision.AlreadyCheckedIn>(CheckInRules.Decide(ticket, TokenOf(ticket), EventId, null, recorded.At));
    }

    [Fact]
    public void Reassigning_RaisesTheRevision_AndDropsTheToken_SoTheOldQrIsSuperseded()
    {
        var ticket = NewTicket();
        var oldToken = TokenOf(ticket);

        var reassigned = ticket.Reassign("Bob", Now).Value;

        Assert.Equal(2, reassigned.Revision);
        Assert.Null(reassigned.QrToken);
        Assert.Equal("superseded", Assert.IsType<CheckInDecision.Refuse>(CheckInRules.Decide(reassigned, oldToken, EventId, null, Now)).Code);
        Assert.IsType<CheckInDecision.Admit>(CheckInRules.Decide(reassigned, TokenOf(reassigned), EventId, null, Now));
    }

    [Fact]
    public void VoidByOrganizer_NeedsAReason_AndAVoidTicketIsRefused()
    {
        var ticket = NewTicket();

        Assert.Equal("reason", Assert.IsType<ValidationFailed>(ticket.VoidByOrganizer("  ", Now).Error).Errors.Single().Field);
        Assert.IsType<ValidationFailed>(ticket.VoidByOrganizer(new string('r', Ticket.VoidReasonMaxLength + 1), Now).Error);
        var voided = ticket.VoidByOrganizer("Chargeback", Now).Value;

        var refused = Assert.IsType<CheckInDecision.Refuse>(CheckInRules.Decide(voided, TokenOf(ticket), EventId, null, Now));
        Assert.Equal("void", refused.Code);
        Assert.Contains("Chargeback", refused.Reason, StringComparison.Ordinal);
        Assert.IsType<InvalidStateTransition>(voided.VoidByOrganizer("again", Now).Error);
    }

    [Fact]
    public void SessionDoors_AreCheckedInOneByOne()
    {
        var ticket = NewTicket("s1", "s2");

        Assert.Equal("session_required", Assert.IsType<CheckInDecision.Refuse>(CheckInRules.Decide(ticket, TokenOf(ticket), EventId, null, Now)).Code);
        Assert.Equal("wrong_session", Assert.IsType<CheckInDecision.Refuse>(CheckInRules.Decide(ticket, TokenOf(ticket), EventId, "s3", Now)).Code);
        var day1 = ticket.WithCheckIn(At(Now, door: "s1"), Now);
        Assert.IsType<CheckInDecision.AlreadyCheckedIn>(CheckInRules.Decide(day1, TokenOf(ticket), EventId, "s1", Now.AddHours(1)));
        Assert.Equal("s2", Assert.IsType<CheckInDecision.Admit>(CheckInRules.Decide(day1, TokenOf(ticket), EventId, "s2", Now.AddDays(1))).SessionKey);
    }

    [Fact]
    public void ATicketOfAnotherEvent_IsRefused_WhateverIsStored()
    {
        var ticket = NewTicket();
        var foreign = TokenOf(ticket) with { EventId = "99999999999999999999999999999999" };

        Assert.Equal("wrong_event", Assert.IsType<CheckInDecision.Refuse>(CheckInRules.Decide(ticket, foreign, EventId, null, Now)).Code);
        Assert.Equal("unknown_ticket", Assert.IsType<CheckInDecision.Refuse>(CheckInRules.Decide(null, TokenOf(ticket), EventId, null, Now)).Code);
    }
}
