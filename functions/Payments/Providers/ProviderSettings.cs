using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Payments.Providers;

/// <summary>
/// A provider's settings, read once from configuration (the function's environment in Lambda; the
/// dev secrets and the fakes' URLs locally). A function gets only the settings it needs (its
/// template environment): a secret this function was not given is null, and whatever needs it throws
/// <see cref="ProviderNotConfiguredException"/> naming the setting, never the value.
/// </summary>
public sealed class ProviderSettings(IConfiguration configuration)
{
    /// <summary>The setting's value, or null when it is absent or empty.</summary>
    public string? Optional(string name)
    {
        var value = configuration[name];
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>The setting's value; throws when absent.</summary>
    public string Required(string name) => Optional(name) ?? throw new ProviderNotConfiguredException(name);

    /// <summary>A base URL setting (ends with /), or <paramref name="fallback"/> (the provider's public API).</summary>
    public Uri BaseUrl(string name, string fallback)
    {
        var value = Optional(name) ?? fallback;
        return new Uri(value.EndsWith('/') ? value : value + "/");
    }
}

/// <summary>A provider setting this function needs was not given to it.</summary>
public sealed class ProviderNotConfiguredException : InvalidOperationException
{
    public ProviderNotConfiguredException(string setting)
        : base($"{setting} is not set for this function.") => Setting = setting;

    public ProviderNotConfiguredException()
    {
        Setting = string.Empty;
    }

    public ProviderNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
        Setting = string.Empty;
    }

    public string Setting { get; }
}
