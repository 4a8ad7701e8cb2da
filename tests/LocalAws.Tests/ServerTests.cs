using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime.Signing;
using Amazon.SQS.Model;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.LocalAws.Tests;

public sealed class ServerTests(LocalAwsFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Message_received_max_receive_count_times_moves_to_the_dead_letter_queue()
    {
        var resources = fixture.SampleResources;
        using var sqs = fixture.Servers.CreateSqsClient();
        var queueUrl = resources.QueueUrl("WorkQueue");
        var deadLetterUrl = resources.QueueUrl("WorkDeadLetterQueue");

        var attributes = await sqs.GetQueueAttributesAsync(queueUrl, ["RedrivePolicy", "VisibilityTimeout"], Token);
        Assert.Equal("60", attributes.Attributes["VisibilityTimeout"]);
        var redrive = JsonNode.Parse(attributes.Attributes["RedrivePolicy"])!;
        Assert.Equal(resources.QueueArn("WorkDeadLetterQueue"), redrive["deadLetterTargetArn"]!.GetValue<string>());
        Assert.Equal(2, int.Parse(redrive["maxReceiveCount"]!.ToString(), CultureInfo.InvariantCulture));

        var sent = await sqs.SendMessageAsync(queueUrl, "poison", Token);
        var receives = 0;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            // Visibility 0: the message is visible again at once, as if the consumer had failed.
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, VisibilityTimeout = 0, WaitTimeSeconds = 0, MaxNumberOfMessages = 1 }, Token);
            if (received.Messages is not { Count: > 0 })
            {
                break;
            }

            Assert.Equal(sent.MessageId, received.Messages[0].MessageId);
            receives++;
        }

        Assert.Equal(2, receives);
        var dead = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = deadLetterUrl, WaitTimeSeconds = 1, MaxNumberOfMessages = 1 }, Token);
        var message = Assert.Single(dead.Messages);
        Assert.Equal("poison", message.Body);
    }

    [Fact]
    public async Task Fifo_queue_keeps_order_and_deduplicates_by_content()
    {
        var resources = fixture.SampleResources;
        using var sqs = fixture.Servers.CreateSqsClient();
        var url = resources.QueueUrl("OrderedQueue");
        foreach (var body in new[] { "1", "2", "2", "3" })
        {
            await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = body, MessageGroupId = "g" }, Token);
        }

        var bodies = new List<string>();
        for (var i = 0; i < 5 && bodies.Count < 3; i++)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 }, Token);
            foreach (var message in received.Messages ?? [])
            {
                bodies.Add(message.Body);
                await sqs.DeleteMessageAsync(url, message.ReceiptHandle, Token);
            }
        }

        Assert.Equal(["1", "2", "3"], bodies);
    }

    [Fact]
    public async Task Bucket_takes_objects_with_path_style_addressing()
    {
        using var s3 = fixture.Servers.CreateS3Client();
        var bucket = fixture.Resources.BucketName("MediaBucket");
        await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = bucket, Key = "events/e1/cover/a.png", ContentBody = "png" }, Token);
        using var got = await s3.GetObjectAsync(bucket, "events/e1/cover/a.png", Token);
        using var reader = new StreamReader(got.ResponseStream);
        Assert.Equal("png", await reader.ReadToEndAsync(Token));

        // fauxqs 1.9.2 has no bucket CORS API; provisioning notices instead of pretending.
        Assert.False(fixture.Resources.BucketCorsApplied("MediaBucket"));
    }

    [Fact]
    public async Task Ses_v2_send_email_is_readable_at_store()
    {
        // Signed with AWSSDK.Core's SigV4 handler, as the app will. aws-ses-v2-local checks only that an
        // "AWS..." Authorization header is present, not the signature (see the unsigned request below).
        using var signer = new SigV4SigningHandler(LocalAwsServers.Credentials, RegionEndpoint.USEast1, "ses", new HttpClientHandler());
        using var http = new HttpClient(signer) { BaseAddress = fixture.Servers.SesUrl };
        var subject = "Your ticket " + Guid.NewGuid().ToString("N");
        var request = new JsonObject
        {
            ["FromEmailAddress"] = "tickets@bitcoin-events.test",
            ["Destination"] = new JsonObject { ["ToAddresses"] = new JsonArray("alice@example.com") },
            ["Content"] = new JsonObject
            {
                ["Simple"] = new JsonObject
                {
                    ["Subject"] = new JsonObject { ["Data"] = subject },
                    ["Body"] = new JsonObject { ["Text"] = new JsonObject { ["Data"] = "See you there." } },
                },
            },
        };
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("v2/email/outbound-emails", content, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messageId = (await response.Content.ReadFromJsonAsync<JsonObject>(Token))!["MessageId"]!.GetValue<string>();

        using var mailbox = fixture.Servers.CreateSesMailbox();
        var email = Assert.Single(await mailbox.GetEmailsAsync(cancellationToken: Token), e => e.Subject == subject);
        Assert.Equal(messageId, email.MessageId);
        Assert.Equal(["alice@example.com"], email.To);
        Assert.Equal("tickets@bitcoin-events.test", email.From);
        Assert.Equal("See you there.", email.Text);

        using var unsigned = new HttpClient { BaseAddress = fixture.Servers.SesUrl };
        using var unsignedContent = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        using var rejected = await unsigned.PostAsync("v2/email/outbound-emails", unsignedContent, Token);
        Assert.Equal(HttpStatusCode.Forbidden, rejected.StatusCode);
    }

    [Fact]
    public async Task Cognito_user_signs_in_and_the_access_token_validates_against_the_jwks()
    {
        var resources = fixture.Resources;
        using var cognito = fixture.Servers.CreateCognito();
        var email = $"organizer-{Guid.NewGuid():N}@example.com";
        const string Password = "Correct-Horse-42";
        var sub = await cognito.EnsureUserAsync(resources.UserPoolId!, email, Password, "organizer");
        Assert.Equal(sub, await cognito.EnsureUserAsync(resources.UserPoolId!, email, Password, "organizer", "staff"));

        var tokens = await cognito.SignInAsync(resources.UserPoolClientId!, email, Password, Token);
        Assert.True(tokens.ExpiresIn > 0);

        using var http = new HttpClient();
        var jwks = (await http.GetFromJsonAsync<JsonObject>(resources.JwksUrl, Token))!;
        var (header, payload) = VerifyRs256(tokens.AccessToken, jwks);
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.Equal(resources.AuthIssuer, payload["iss"]!.GetValue<string>());
        Assert.Equal($"http://localhost:{fixture.Servers.CognitoUrl.Port}/{resources.UserPoolId}", resources.AuthIssuer);
        Assert.Equal(resources.AuthAudience, payload["client_id"]!.GetValue<string>());
        Assert.Equal(sub, payload["sub"]!.GetValue<string>());
        Assert.Equal("access", payload["token_use"]!.GetValue<string>());
        Assert.Equal(["organizer", "staff"], payload["cognito:groups"]!.AsArray().Select(g => g!.GetValue<string>()).Order());
        Assert.True(payload["exp"]!.GetValue<long>() > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Null(payload["aud"]);

        var (_, id) = VerifyRs256(tokens.IdToken, jwks);
        Assert.Equal(resources.AuthAudience, id["aud"]!.GetValue<string>());
        Assert.Equal(email, id["email"]!.GetValue<string>());

        await Assert.ThrowsAsync<LocalCognitoException>(() => cognito.SignInAsync(resources.UserPoolClientId!, email, "wrong-password", Token));
    }

    [Fact]
    public void Every_server_listens_on_loopback_only()
    {
        var servers = fixture.Servers;
        foreach (var url in new[] { servers.DynamoDbUrl, servers.SqsUrl, servers.SesUrl, servers.CognitoUrl })
        {
            var listeners = ProcNet.Listeners(url.Port);
            Assert.NotEmpty(listeners);
            Assert.All(listeners, address => Assert.True(IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address), $"port {url.Port} listens on {address}"));
        }
    }

    private static (JsonObject Header, JsonObject Payload) VerifyRs256(string jwt, JsonObject jwks)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonNode.Parse(Base64Url(parts[0]))!.AsObject();
        var payload = JsonNode.Parse(Base64Url(parts[1]))!.AsObject();
        var kid = header["kid"]!.GetValue<string>();
        var key = jwks["keys"]!.AsArray().Single(k => k!["kid"]!.GetValue<string>() == kid)!;
        using var rsa = RSA.Create(new RSAParameters { Modulus = Base64Url(key["n"]!.GetValue<string>()), Exponent = Base64Url(key["e"]!.GetValue<string>()) });
        var valid = rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(valid, "RS256 signature does not verify against the JWKS");
        return (header, payload);
    }

    private static byte[] Base64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}

/// <summary>Listening TCP sockets from /proc/net/tcp and /proc/net/tcp6.</summary>
internal static class ProcNet
{
    public static List<IPAddress> Listeners(int port)
    {
        var result = new List<IPAddress>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4 || fields[3] != "0A")
                {
                    continue;
                }

                var local = fields[1].Split(':');
                if (int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != port)
                {
                    continue;
                }

                result.Add(ParseAddress(local[0]));
            }
        }

        return result;
    }

    private static IPAddress ParseAddress(string hex)
    {
        // /proc prints each 32-bit word in host (little-endian) order.
        var bytes = Convert.FromHexString(hex);
        for (var i = 0; i < bytes.Length; i += 4)
        {
            Array.Reverse(bytes, i, 4);
        }

        return new IPAddress(bytes);
    }
}
