namespace BitcoinEvents.Domain.Ticketing;

/// <summary>The limits of ticketing, in one place.</summary>
public static class TicketingRules
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 2_000;
    public const long MaxPriceMinor = 1_000_000_000_000;
    public const int MaxPerOrderLimit = 50;
    public const int MaxTicketsPerHold = 20;
    public const int MaxLinesPerHold = 10;
    public const int MaxTicketTypesPerEvent = 50;
    public const int MaxQuotasPerType = 4;
    public const int MaxSessionsPerEvent = 50;
    public const int MaxBucketsPerQuota = 32;
    public const int VoucherCodeMinLength = 3;
    public const int VoucherCodeMaxLength = 32;
    public const int HolderNameMaxLength = 120;
    public const int MinHoldMinutes = 5;
    public const int MaxHoldMinutes = 60;
    public const int DefaultHoldMinutes = 15;
    public const int DefaultOfferMinutes = 30;
    public const int DefaultRefundHoursBeforeStart = 48;
    public const int MaxWaitingQuantity = 10;
    public const int MaxStaffPerEvent = 200;
    public const int CancellationReasonMaxLength = 500;
}
