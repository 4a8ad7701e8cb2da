using System.Text;

// GET runtime/invocation/next, POST a fixed payload 2.0 response to runtime/invocation/{id}/response,
// repeat: no host, no DI, no logging, no JSON parsing. Only what any custom runtime must do.
var runtimeApi = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
if (string.IsNullOrEmpty(runtimeApi))
{
    Console.Error.WriteLine("AWS_LAMBDA_RUNTIME_API is not set.");
    return 2;
}

const string Response = """{"statusCode":200,"headers":{"content-type":"application/json"},"body":"{}"}""";

using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
{
    BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/invocation/"),
    Timeout = Timeout.InfiniteTimeSpan,
};

while (true)
{
    string requestId;
    using (var next = await http.GetAsync(new Uri("next", UriKind.Relative), HttpCompletionOption.ResponseContentRead))
    {
        next.EnsureSuccessStatusCode();
        requestId = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").First();
    }

    using var content = new StringContent(Response, Encoding.UTF8, "application/json");
    using var posted = await http.PostAsync(new Uri($"{Uri.EscapeDataString(requestId)}/response", UriKind.Relative), content);
    posted.EnsureSuccessStatusCode();
}
