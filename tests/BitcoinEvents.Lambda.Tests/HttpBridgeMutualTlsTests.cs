using System.Text.Json.Nodes;

namespace BitcoinEvents.Lambda.Tests;

/// <summary>
/// Mutual TLS on an HTTP API custom domain: API Gateway verifies the client's certificate and
/// passes it on in <c>requestContext.authentication.clientCert</c> (payload format 2.0).
/// </summary>
public sealed class HttpBridgeMutualTlsTests(HttpBridgeFixture bridge) : IClassFixture<HttpBridgeFixture>
{
    [Fact]
    public async Task Invoke_WithClientCert_GivesTheConnectionTheClientsCertificate()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-mtls.json"));

        Assert.Equal(200, response.StatusCode);
        var seen = response.BodyAs<ClientCertResponse>();
        Assert.Equal("CN=client.bitcoinevents.test, O=Bitcoin Events Test, C=PT", seen.Subject);
        Assert.Equal("1A2B3C4D5E6F", seen.SerialNumber);
        Assert.Equal("2036-11-27T12:26:39.0000000Z", seen.NotAfter);
        Assert.True(seen.SameOnConnection);
    }

    [Fact]
    public async Task Invoke_WithClientCert_KeepsApiGatewaysReadingOfIt()
    {
        var response = await bridge.InvokeAsync(Fixtures.Read("http-api-v2-mtls.json"));

        var seen = response.BodyAs<ClientCertResponse>();
        Assert.Equal("CN=client.bitcoinevents.test,O=Bitcoin Events Test,C=PT", seen.SubjectDN);
        Assert.Equal("CN=client.bitcoinevents.test,O=Bitcoin Events Test,C=PT", seen.IssuerDN);
        Assert.Equal("1a:2b:3c:4d:5e:6f", seen.DescribedSerialNumber);
        Assert.Equal("Nov 27 12:26:39 2036 GMT", seen.DescribedNotAfter);
    }

    [Theory]
    [InlineData("not a certificate")]
    [InlineData("-----BEGIN CERTIFICATE-----\nTm90IERFUg==\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\n%%%%\n-----END CERTIFICATE-----\n")]
    [InlineData("")]
    public async Task Invoke_WithUnreadableClientCertPem_AnswersWithoutACertificate(string pem)
    {
        var root = JsonNode.Parse(Fixtures.Read("http-api-v2-mtls.json"))!;
        root["requestContext"]!["authentication"]!["clientCert"]!["clientCertPem"] = pem;

        var response = await bridge.InvokeAsync(root.ToJsonString());

        Assert.Equal(200, response.StatusCode);
        var seen = response.BodyAs<ClientCertResponse>();
        Assert.Null(seen.Subject);
        Assert.Equal("1a:2b:3c:4d:5e:6f", seen.DescribedSerialNumber);
    }

    [Fact]
    public async Task Invoke_WithoutMutualTls_HasNoClientCertificate()
    {
        var response = await bridge.InvokeAsync(Fixtures.HttpEvent("http-api-v2-get.json", rawPath: "/client-cert"));

        Assert.Equal(200, response.StatusCode);
        var seen = response.BodyAs<ClientCertResponse>();
        Assert.Null(seen.Subject);
        Assert.Null(seen.SubjectDN);
    }
}
