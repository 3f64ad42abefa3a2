using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Classroom.Hub.Directory;

/// <summary>
/// Base address of the scheduler: <see cref="LessonHubOptions.SchedulerBaseUrl"/>, else this
/// server's own first listening address (the all-in-one process hosts the scheduler too).
/// </summary>
public sealed class SchedulerAddress(IOptions<LessonHubOptions> options, IServer server)
{
    public Uri Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.SchedulerBaseUrl)) return new Uri(options.Value.SchedulerBaseUrl);
        var own = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                  ?? throw new InvalidOperationException("Hub:SchedulerBaseUrl is not set and the server has no address yet.");
        // A wildcard listen address is not something to connect to: use loopback.
        var uri = new UriBuilder(own.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal));
        return uri.Uri;
    }
}
