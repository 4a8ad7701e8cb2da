using System.Text.RegularExpressions;
using BitcoinEvents.TestSupport;

namespace Web.Tests.Support;

/// <summary>
/// What the web tests read from the DevHost process's banner. Started without <c>--no-web</c>,
/// DevHost builds web/ when stale, serves it, and seeds the demo users, events and ticket types.
/// </summary>
internal static partial class DevHostProcessFacts
{
    extension(DevHostProcess host)
    {
        public Uri WebUrl => new(host.FromBanner(WebPattern(), "web app URL"));

        /// <summary>cognito-local's endpoint, from the banner.</summary>
        public Uri CognitoUrl => new(host.FromBanner(CognitoPattern(), "Cognito URL"));

        /// <summary>Where the local servers log (cognito-local prints the codes it "e-mails" there).</summary>
        public string LogDirectory => host.FromBanner(LogsPattern(), "log folder").Trim();
    }

    [GeneratedRegex(@"web app\s+(http://\S+)")]
    private static partial Regex WebPattern();

    [GeneratedRegex(@"^\s*logs\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex LogsPattern();

    [GeneratedRegex(@"Cognito (http://\S+)")]
    private static partial Regex CognitoPattern();
}
