using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Features;

namespace BitcoinEvents.Lambda;

/// <summary>
/// The connection's client certificate under mutual TLS: what Kestrel would give the application
/// after the TLS handshake (<c>HttpContext.Connection.ClientCertificate</c>), read from the PEM API
/// Gateway passes on. API Gateway's own reading (subject, issuer, serial, validity) stays on
/// <see cref="HttpApiEventFeature"/>.
/// </summary>
/// <remarks>
/// The PEM is parsed on first use, so a request that never looks at the certificate pays nothing.
/// A PEM that holds no readable certificate gives no certificate (null), not a failed invocation:
/// API Gateway only invokes after it verified the certificate, so such an event was made by hand,
/// and code that requires a certificate then refuses the request as it would without one.
/// </remarks>
internal sealed class HttpApiTlsConnectionFeature(string? clientCertPem) : ITlsConnectionFeature, IDisposable
{
    private X509Certificate2? _certificate;
    private bool _read;

    public X509Certificate2? ClientCertificate
    {
        get
        {
            if (!_read)
            {
                _certificate = Read(clientCertPem);
                _read = true;
            }

            return _certificate;
        }

        set
        {
            _certificate = value;
            _read = true;
        }
    }

    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult(ClientCertificate);

    public void Dispose() => _certificate?.Dispose();

    /// <summary>The first certificate in <paramref name="pem"/>, or null when there is none to read.</summary>
    internal static X509Certificate2? Read(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
