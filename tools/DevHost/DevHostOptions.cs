using System.Globalization;

namespace BitcoinEvents.DevHost;

/// <summary>
/// What <c>dotnet run --project tools/DevHost -- [options]</c> was asked for. Every option also
/// has an environment variable; the command line wins.
/// </summary>
internal sealed record DevHostOptions
{
    public const int DefaultPort = 5080;
    public const int DefaultDynamoDbPort = 8000;
    public const int DefaultFauxqsPort = 4566;
    public const int DefaultSesPort = 8005;
    public const int DefaultSnsMobilePort = 8006;
    public const int DefaultCognitoPort = 9229;
    public const int DefaultFakeProvidersPort = 5090;
    public const int DefaultWebPort = 5081;

    public const string Usage = """
        Usage: dotnet run --project tools/DevHost -- [options]

          --port N            the platform's HTTP port on 127.0.0.1 (DEVHOST_PORT, default 5080)
          --in-memory         keep no data between runs (DEVHOST_IN_MEMORY=true); default: persist
                              in <repo>/.local/data
          --data-dir PATH     where data persists (DEVHOST_DATA_DIR, default <repo>/.local/data)
          --dynamodb-port N   DynamoDB Local (DEVHOST_DYNAMODB_PORT, default 8000)
          --fauxqs-port N     SQS, SNS and S3 (DEVHOST_FAUXQS_PORT, default 4566)
          --ses-port N        SES v2 (DEVHOST_SES_PORT, default 8005)
          --sns-mobile-port N SMS and push, the SNS fake (DEVHOST_SNS_MOBILE_PORT, default 8006)
          --cognito-port N    Cognito (DEVHOST_COGNITO_PORT, default 9229)
          --fake-providers-port N
                              the fake payment providers, Stripe, Razorpay, ... and their control
                              API (DEVHOST_FAKE_PROVIDERS_PORT, default 5090)
          --no-demo-data      create no demo users or events (DEVHOST_NO_DEMO_DATA=true)
          --web-port N        the web app on 127.0.0.1 (DEVHOST_WEB_PORT, default 5081)
          --no-web            neither build nor serve the web app (DEVHOST_NO_WEB=true)
          --openapi-out PATH  start nothing: write the OpenAPI document every area serves to PATH
                              (relative to the repository root; web/openapi.json is the web
                              app's snapshot) and exit
          --check             start nothing: build every area of template.yaml, check their routes,
                              handlers and background operations against the templates, and exit
                              (0 when they agree)
          --help              this text

        A port of 0 picks a free one. Everything listens on 127.0.0.1 only.
        """;

    public int Port { get; init; } = DefaultPort;

    public bool InMemory { get; init; }

    /// <summary>Null: <c>&lt;repo&gt;/.local/data</c>.</summary>
    public string? DataDirectory { get; init; }

    public int DynamoDbPort { get; init; } = DefaultDynamoDbPort;

    public int FauxqsPort { get; init; } = DefaultFauxqsPort;

    public int SesPort { get; init; } = DefaultSesPort;

    public int SnsMobilePort { get; init; } = DefaultSnsMobilePort;

    public int CognitoPort { get; init; } = DefaultCognitoPort;

    public int FakeProvidersPort { get; init; } = DefaultFakeProvidersPort;

    public bool DemoData { get; init; } = true;

    public int WebPort { get; init; } = DefaultWebPort;

    /// <summary>Build web/ when stale and serve it on <see cref="WebPort"/>.</summary>
    public bool Web { get; init; } = true;

    /// <summary>Only write the OpenAPI document to this path, then exit.</summary>
    public string? OpenApiOut { get; init; }

    public bool ShowHelp { get; init; }

    /// <summary>Only build the areas and enforce the route contract, then exit.</summary>
    public bool CheckOnly { get; init; }

    /// <summary>Reads the environment, then the command line; throws <see cref="ArgumentException"/> with the usage on a bad option.</summary>
    public static DevHostOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var options = new DevHostOptions
        {
            Port = PortFrom(environment("DEVHOST_PORT"), "DEVHOST_PORT") ?? DefaultPort,
            InMemory = FlagFrom(environment("DEVHOST_IN_MEMORY")),
            DataDirectory = NullIfEmpty(environment("DEVHOST_DATA_DIR")),
            DynamoDbPort = PortFrom(environment("DEVHOST_DYNAMODB_PORT"), "DEVHOST_DYNAMODB_PORT") ?? DefaultDynamoDbPort,
            FauxqsPort = PortFrom(environment("DEVHOST_FAUXQS_PORT"), "DEVHOST_FAUXQS_PORT") ?? DefaultFauxqsPort,
            SesPort = PortFrom(environment("DEVHOST_SES_PORT"), "DEVHOST_SES_PORT") ?? DefaultSesPort,
            SnsMobilePort = PortFrom(environment("DEVHOST_SNS_MOBILE_PORT"), "DEVHOST_SNS_MOBILE_PORT") ?? DefaultSnsMobilePort,
            CognitoPort = PortFrom(environment("DEVHOST_COGNITO_PORT"), "DEVHOST_COGNITO_PORT") ?? DefaultCognitoPort,
            FakeProvidersPort = PortFrom(environment("DEVHOST_FAKE_PROVIDERS_PORT"), "DEVHOST_FAKE_PROVIDERS_PORT") ?? DefaultFakeProvidersPort,
            DemoData = !FlagFrom(environment("DEVHOST_NO_DEMO_DATA")),
            WebPort = PortFrom(environment("DEVHOST_WEB_PORT"), "DEVHOST_WEB_PORT") ?? DefaultWebPort,
            Web = !FlagFrom(environment("DEVHOST_NO_WEB")),
        };

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{arg} needs a value.{Environment.NewLine}{Usage}");
                }

                return args[++i];
            }

            options = arg switch
            {
                "--port" => options with { Port = PortFrom(Value(), arg)!.Value },
                "--in-memory" => options with { InMemory = true },
                "--data-dir" => options with { DataDirectory = Value() },
                "--dynamodb-port" => options with { DynamoDbPort = PortFrom(Value(), arg)!.Value },
                "--fauxqs-port" => options with { FauxqsPort = PortFrom(Value(), arg)!.Value },
                "--ses-port" => options with { SesPort = PortFrom(Value(), arg)!.Value },
                "--sns-mobile-port" => options with { SnsMobilePort = PortFrom(Value(), arg)!.Value },
                "--cognito-port" => options with { CognitoPort = PortFrom(Value(), arg)!.Value },
                "--fake-providers-port" => options with { FakeProvidersPort = PortFrom(Value(), arg)!.Value },
                "--no-demo-data" => options with { DemoData = false },
                "--web-port" => options with { WebPort = PortFrom(Value(), arg)!.Value },
                "--no-web" => options with { Web = false },
                "--openapi-out" => options with { OpenApiOut = Value() },
                "--check" => options with { CheckOnly = true },
                "--help" or "-h" => options with { ShowHelp = true },
                _ => throw new ArgumentException($"Unknown option '{arg}'.{Environment.NewLine}{Usage}"),
            };
        }

        return options;
    }

    private static int? PortFrom(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)
        {
            return port;
        }

        throw new ArgumentException($"{name}: '{value}' is not a port number (0-65535).");
    }

    private static bool FlagFrom(string? value) =>
        value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
