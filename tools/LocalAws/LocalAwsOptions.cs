namespace BitcoinEvents.LocalAws;

/// <summary>The local servers <see cref="LocalAwsServers"/> can start.</summary>
[Flags]
public enum LocalServer
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>DynamoDB Local (the official jar, run on Java).</summary>
    DynamoDb = 1,

    /// <summary>fauxqs: SQS, SNS topics and S3 on one port.</summary>
    Fauxqs = 2,

    /// <summary>aws-ses-v2-local: SES v1/v2; sent mail readable at GET /store.</summary>
    Ses = 4,

    /// <summary>cognito-local: Cognito user pools, RS256 tokens.</summary>
    Cognito = 8,

    /// <summary>The SNS fake for SMS and mobile push (tools/LocalAws/sns-mobile-fake.mjs): fauxqs's SNS publishes to topics only.</summary>
    SnsMobile = 16,

    /// <summary>Every server.</summary>
    All = DynamoDb | Fauxqs | Ses | Cognito | SnsMobile,
}

/// <summary>How <see cref="LocalAwsServers"/> starts the local servers.</summary>
public sealed record LocalAwsOptions
{
    /// <summary>Which servers to start. Default: all.</summary>
    public LocalServer Servers { get; init; } = LocalServer.All;

    /// <summary>
    /// True (default): nothing is kept (DynamoDB in memory, Cognito in a temporary folder deleted on dispose).
    /// False: DynamoDB tables and Cognito pools/users persist under <see cref="DataDirectory"/>.
    /// fauxqs (SQS/S3) and the SES store are in memory whatever this says.
    /// </summary>
    public bool InMemory { get; init; } = true;

    /// <summary>Folder of persistent data (when not <see cref="InMemory"/>) and of the logs. Default: <c>&lt;repo&gt;/.local/data</c>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Folder of the servers' log files. Default: <c>&lt;DataDirectory&gt;/logs</c>, or a temporary folder when in memory.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>DynamoDB Local's port; 0 = any free port.</summary>
    public int DynamoDbPort { get; init; }

    /// <summary>fauxqs's port (SQS, SNS, S3); 0 = any free port.</summary>
    public int FauxqsPort { get; init; }

    /// <summary>aws-ses-v2-local's port; 0 = any free port.</summary>
    public int SesPort { get; init; }

    /// <summary>cognito-local's port; 0 = any free port.</summary>
    public int CognitoPort { get; init; }

    /// <summary>The SMS and push fake's port; 0 = any free port.</summary>
    public int SnsMobilePort { get; init; }

    /// <summary>How long each server may take to answer.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Run <c>npm ci</c> first when node_modules is missing or stale. Default: true.</summary>
    public bool InstallNodePackages { get; init; } = true;

    /// <summary>The <c>java</c> executable. Default: <c>$LOCALAWS_JAVA</c>, then <c>$JAVA_HOME/bin/java</c> if it is Java 17+, then <c>java</c> on PATH.</summary>
    public string? JavaExecutable { get; init; }

    /// <summary>The <c>node</c> executable. Default: <c>node</c> on PATH.</summary>
    public string NodeExecutable { get; init; } = "node";

    /// <summary>Keep the temporary folder (logs, in-memory Cognito data) after dispose, for post-mortems.</summary>
    public bool KeepTemporaryFiles { get; init; }

    /// <summary>Log level of fauxqs (pino levels: fatal, error, warn, info, debug).</summary>
    public string FauxqsLogLevel { get; init; } = "warn";

    /// <summary>
    /// The settings tools/DevHost uses: data persisted in <c>&lt;repo&gt;/.local/data</c>, and the
    /// emulators' well-known ports (DynamoDB 8000, fauxqs 4566, SES 8005, SMS/push 8006, Cognito 9229)
    /// so that tokens and URLs stay valid across restarts.
    /// </summary>
    public static LocalAwsOptions ForDevHost() => new()
    {
        InMemory = false,
        DataDirectory = RepositoryPaths.DefaultDataDirectory,
        DynamoDbPort = 8000,
        FauxqsPort = 4566,
        SesPort = 8005,
        SnsMobilePort = 8006,
        CognitoPort = 9229,
    };

    /// <summary>The settings for tests: everything in memory, free ports.</summary>
    public static LocalAwsOptions ForTests(LocalServer servers = LocalServer.All) => new() { Servers = servers };
}
