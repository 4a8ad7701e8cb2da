using System.Text.Json.Serialization;

namespace BitcoinEvents.Lambda;

/// <summary>The <c>requestContext.authentication</c> object: present when the API uses mutual TLS.</summary>
public sealed class HttpApiAuthentication
{
    public HttpApiClientCert? ClientCert { get; init; }
}

/// <summary>
/// The client certificate API Gateway verified against the custom domain's truststore
/// (<c>requestContext.authentication.clientCert</c>): the certificate as PEM and API Gateway's own
/// reading of it.
/// </summary>
public sealed class HttpApiClientCert
{
    public string? ClientCertPem { get; init; }

    [JsonPropertyName("subjectDN")]
    public string? SubjectDN { get; init; }

    [JsonPropertyName("issuerDN")]
    public string? IssuerDN { get; init; }

    public string? SerialNumber { get; init; }

    public HttpApiCertValidity? Validity { get; init; }
}

/// <summary>The certificate's validity as API Gateway prints it, e.g. <c>"May 28 12:30:02 2019 GMT"</c>.</summary>
public sealed class HttpApiCertValidity
{
    public string? NotBefore { get; init; }

    public string? NotAfter { get; init; }
}
