namespace BitcoinEvents.Lambda.Tests;

/// <summary>What the test area's echo endpoint saw of the request.</summary>
public sealed record EchoResponse(
    string Method,
    string Scheme,
    string Host,
    string PathBase,
    string Path,
    string QueryString,
    string? RawTarget,
    Dictionary<string, string[]> Query,
    Dictionary<string, string[]> Headers,
    Dictionary<string, string> Cookies,
    Dictionary<string, string?> RouteValues,
    string BodyBase64,
    long? ContentLength,
    bool CanHaveBody,
    EchoUser User,
    string TraceIdentifier,
    string? RemoteIp);

public sealed record EchoUser(
    bool IsAuthenticated,
    string? AuthenticationType,
    string? Name,
    bool IsOrganizer,
    List<EchoClaim> Claims);

public sealed record EchoClaim(string Type, string Value);

/// <summary>What the test area's client-cert endpoint saw of a mutual TLS caller.</summary>
public sealed record ClientCertResponse(
    string? Subject,
    string? SerialNumber,
    string? NotAfter,
    bool SameOnConnection,
    string? SubjectDN,
    string? IssuerDN,
    string? DescribedSerialNumber,
    string? DescribedNotAfter);
