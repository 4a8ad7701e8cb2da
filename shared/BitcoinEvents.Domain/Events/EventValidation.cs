using BitcoinEvents.Domain.Places;
using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Events;

/// <summary>An event's fields once every rule holds: trimmed, normalised, instants in UTC.</summary>
public sealed record EventDetails(
    string Title,
    string? Description,
    Venue Venue,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    string? CoverImageKey);

/// <summary>Checks every field of an event at once, so the client hears of every mistake in one answer.</summary>
public static class EventValidation
{
    public const string Required = TextFields.RequiredReason;

    /// <summary>
    /// Validates a complete input. <paramref name="requireFutureStart"/> is set when the event is (to be) listed:
    /// publishing, or moving a published event.
    /// </summary>
    public static Result<EventDetails> Validate(string eventId, EventInput input, DateTimeOffset now, bool requireFutureStart)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();

        var title = RequiredText(input.Title, EventFields.Title, EventRules.TitleMaxLength, errors);
        var description = OptionalText(input.Description, EventFields.Description, EventRules.DescriptionMaxLength, errors, multiline: true);
        var venue = ValidateVenue(input.Venue, errors);
        var (startsAt, endsAt) = ValidateSchedule(input.StartsAt, input.EndsAt, now, requireFutureStart, errors);

        int capacity = 0;
        if (input.Capacity is not { } requested)
        {
            errors.Add(new(EventFields.Capacity, Required));
        }
        else if (requested is < EventRules.MinCapacity or > EventRules.MaxCapacity)
        {
            errors.Add(new(EventFields.Capacity, $"must be between {EventRules.MinCapacity:N0} and {EventRules.MaxCapacity:N0}."));
        }
        else
        {
            capacity = requested;
        }

        var coverImageKey = string.IsNullOrEmpty(input.CoverImageKey) ? null : input.CoverImageKey;
        if (coverImageKey is not null && !CoverImages.IsValidKey(coverImageKey, eventId))
        {
            errors.Add(new(EventFields.CoverImageKey, $"must be a key under '{CoverImages.Prefix(eventId)}', as returned by a cover image upload."));
        }

        if (errors.Count > 0)
        {
            return new ValidationFailed(errors);
        }

        return new EventDetails(title!, description, venue!, startsAt, endsAt, capacity, coverImageKey);
    }

    /// <summary>The rule every listed event keeps: it starts in the future when it is published or moved.</summary>
    public static FieldError? CheckStartsInFuture(DateTimeOffset startsAt, DateTimeOffset now) =>
        startsAt > now ? null : new FieldError(EventFields.StartsAt, "must be in the future to publish the event.");

    public static Result<string> ValidateCancellationReason(string? reason)
    {
        var errors = new List<FieldError>();
        var text = RequiredText(reason, EventFields.Reason, EventRules.CancellationReasonMaxLength, errors, multiline: true);
        return errors.Count > 0 ? new ValidationFailed(errors) : text!;
    }

    private static Venue? ValidateVenue(VenueInput? input, List<FieldError> errors)
    {
        if (input is null)
        {
            errors.Add(new(EventFields.Venue, Required));
            return null;
        }

        var before = errors.Count;
        var name = RequiredText(input.Name, EventFields.VenueName, EventRules.VenueNameMaxLength, errors);
        var lines = new List<string>();
        if (input.AddressLines is not { Count: > 0 })
        {
            errors.Add(new(EventFields.VenueAddressLines, "needs at least one line."));
        }
        else if (input.AddressLines.Count > EventRules.MaxAddressLines)
        {
            errors.Add(new(EventFields.VenueAddressLines, $"may have at most {EventRules.MaxAddressLines} lines."));
        }
        else
        {
            for (var i = 0; i < input.AddressLines.Count; i++)
            {
                var line = RequiredText(input.AddressLines[i], EventFields.VenueAddressLine(i), EventRules.AddressLineMaxLength, errors);
                if (line is not null)
                {
                    lines.Add(line);
                }
            }
        }

        var city = RequiredText(input.City, EventFields.VenueCity, EventRules.CityMaxLength, errors);
        var region = OptionalText(input.Region, EventFields.VenueRegion, EventRules.RegionMaxLength, errors);
        var postalCode = OptionalText(input.PostalCode, EventFields.VenuePostalCode, EventRules.PostalCodeMaxLength, errors);

        var country = input.Country?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(country))
        {
            errors.Add(new(EventFields.VenueCountry, Required));
        }
        else if (!CountryCodes.IsAssigned(country))
        {
            errors.Add(new(EventFields.VenueCountry, "must be an ISO 3166-1 alpha-2 country code, such as 'PT'."));
        }

        var timeZone = input.TimeZone?.Trim();
        if (string.IsNullOrEmpty(timeZone))
        {
            errors.Add(new(EventFields.VenueTimeZone, Required));
        }
        else if (!TimeZoneIds.IsKnown(timeZone))
        {
            errors.Add(new(EventFields.VenueTimeZone, "must be an IANA time zone, such as 'Europe/Lisbon'."));
        }

        return errors.Count > before ? null : new Venue(name!, lines, city!, region, postalCode, country!, timeZone!);
    }

    private static (DateTimeOffset StartsAt, DateTimeOffset EndsAt) ValidateSchedule(
        DateTimeOffset? startsAt, DateTimeOffset? endsAt, DateTimeOffset now, bool requireFutureStart, List<FieldError> errors)
    {
        if (startsAt is null)
        {
            errors.Add(new(EventFields.StartsAt, Required));
        }
        else if (startsAt.Value > now.AddYears(EventRules.MaxLeadTimeYears))
        {
            errors.Add(new(EventFields.StartsAt, $"must be at most {EventRules.MaxLeadTimeYears} years from now."));
        }
        else if (requireFutureStart && CheckStartsInFuture(startsAt.Value, now) is { } notInFuture)
        {
            errors.Add(notInFuture);
        }

        if (endsAt is null)
        {
            errors.Add(new(EventFields.EndsAt, Required));
        }
        else if (startsAt is not null && endsAt.Value <= startsAt.Value)
        {
            errors.Add(new(EventFields.EndsAt, "must be after startsAt."));
        }
        else if (startsAt is not null && endsAt.Value - startsAt.Value > EventRules.MaxDuration)
        {
            errors.Add(new(EventFields.EndsAt, $"must be at most {EventRules.MaxDuration.TotalDays:N0} days after startsAt."));
        }

        return (startsAt?.ToUniversalTime() ?? default, endsAt?.ToUniversalTime() ?? default);
    }

    private const string NotUnicode = "must be valid Unicode text.";

    private static string? RequiredText(string? value, string field, int maxLength, List<FieldError> errors, bool multiline = false) =>
        TextFields.Required(value, field, maxLength, errors, multiline, NotUnicode);

    private static string? OptionalText(string? value, string field, int maxLength, List<FieldError> errors, bool multiline = false) =>
        TextFields.Optional(value, field, maxLength, errors, multiline, NotUnicode);
}
