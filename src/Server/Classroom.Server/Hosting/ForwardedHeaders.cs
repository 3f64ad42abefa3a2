using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Classroom.Server.Hosting;

/// <summary>
/// The client address and scheme come from X-Forwarded-For / X-Forwarded-Proto only when the
/// peer is a listed proxy ("Classroom:KnownProxies", default the nginx on this machine), and only
/// one hop is believed: a client cannot pick the address that rate limits and the audit log see.
/// </summary>
public static class ClassroomForwardedHeaders
{
    public const string KnownProxiesKey = "Classroom:KnownProxies";

    public static readonly string[] DefaultKnownProxies = ["127.0.0.1", "::1"];

    /// <summary>The configured proxies (a list under <see cref="KnownProxiesKey"/>, or one comma-separated value), else the defaults.</summary>
    public static IReadOnlyList<IPAddress> KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection(KnownProxiesKey);
        var values = section.Get<string[]>() is { Length: > 0 } list ? list
            : section.Value is { Length: > 0 } one ? one.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : DefaultKnownProxies;
        var proxies = new List<IPAddress>();
        foreach (var value in values)
        {
            if (!IPAddress.TryParse(value, out var address))
                throw new InvalidOperationException($"{KnownProxiesKey}: '{value}' is not an IP address.");
            proxies.Add(address);
        }

        return proxies;
    }

    public static void Configure(ForwardedHeadersOptions options, IReadOnlyList<IPAddress> proxies)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = 1;
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
    }
}
