using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Lambda;

namespace BitcoinEvents.Infrastructure;

/// <summary>The Main of every area's bootstrap: the area, inside the platform's shared setup.</summary>
public static class PlatformHost
{
    /// <summary>Runs <paramref name="area"/> in Lambda (the operation <c>_HANDLER</c> names) or on Kestrel.</summary>
    public static Task<int> RunAsync(string[] args, AreaDefinition area) =>
        LambdaEntryPoint.RunAsync(args, area, PlatformHttp.Defaults);
}
