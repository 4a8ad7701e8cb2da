using PhoneNumbers;

namespace BitcoinEvents.Domain.Notifications;

/// <summary>
/// Phone numbers for SMS: E.164 as sent (<c>+</c>, country code, number), checked against
/// libphonenumber's metadata (a number that exists in its country's plan, and one that can take a
/// text: mobile, or a number the plan can't tell from one), and kept in its canonical E.164 form.
/// </summary>
public static class SmsPhoneNumbers
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The canonical E.164 form of <paramref name="input"/>, or null with the reason in <paramref name="reason"/>.</summary>
    public static string? Normalize(string? input, out string? reason)
    {
        reason = null;
        if (string.IsNullOrEmpty(input) || input[0] != '+' || input.Length is < 8 or > 16 || input.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            reason = "must be an E.164 number: '+', the country code and the number, digits only (such as '+351912345678').";
            return null;
        }

        PhoneNumber number;
        try
        {
            number = Util.Parse(input, null);
        }
        catch (NumberParseException)
        {
            reason = "is not a phone number of any country's numbering plan.";
            return null;
        }

        if (!Util.IsValidNumber(number))
        {
            reason = "is not a phone number in use in its country's numbering plan.";
            return null;
        }

        var type = Util.GetNumberType(number);
        if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE or PhoneNumberType.PERSONAL_NUMBER))
        {
            reason = "must be a mobile number: it receives the text messages.";
            return null;
        }

        return Util.Format(number, PhoneNumberFormat.E164);
    }
}
