using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Classroom.Hub.Hubs;

/// <summary>One token bucket per join token, shared by hub calls and the hub's HTTP endpoints.</summary>
public sealed class TokenRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public TokenRateLimiter(IOptions<LessonHubOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = o.RateLimitBurst,
                TokensPerPeriod = o.RateLimitPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public bool TryAcquire(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
