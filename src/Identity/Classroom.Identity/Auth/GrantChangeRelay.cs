using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Classroom.Identity.Auth;

/// <summary>
/// Shares <see cref="GrantChanges"/> between identity nodes over a Redis channel (docs/security.md
/// "Grant changes across nodes"): each change is published as "node|person|UTC ticks", and every
/// node records the changes of the others with the publishing node's time (its own echo is
/// ignored). Redis only fans out, it is never the record: while it is unreachable a publish is
/// logged and dropped (a request never fails for it) and the other nodes catch up when the
/// security-stamp interval runs out. Does nothing when neither Identity:Redis nor Hub:Redis is set.
/// </summary>
public sealed class GrantChangeRelay(GrantChanges changes, IOptions<AccountOptions> options, IConfiguration configuration, ILogger<GrantChangeRelay> log)
    : IHostedService, IAsyncDisposable
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("classroom:identity:grant-changes");

    private readonly string _node = Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer? _redis;
    private int _subscribed;

    /// <summary>The Redis connection string in use, or null (in-process only).</summary>
    public string? ConnectionString => !string.IsNullOrWhiteSpace(options.Value.Redis) ? options.Value.Redis
        : !string.IsNullOrWhiteSpace(configuration["Hub:Redis"]) ? configuration["Hub:Redis"] : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (ConnectionString is not { } connection) return;
        var config = ConfigurationOptions.Parse(connection);
        // Keep retrying when Redis is down at start instead of failing the node; reconnect within
        // about a second; fail a publish at once while disconnected rather than replay it late.
        config.AbortOnConnectFail = false;
        config.ReconnectRetryPolicy = new LinearRetry(1000);
        config.BacklogPolicy = BacklogPolicy.FailFast;
        _redis = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
        _redis.ConnectionRestored += (_, _) => _ = SubscribeAsync();
        await SubscribeAsync().ConfigureAwait(false);
        changes.PublishWith(Publish);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync().ConfigureAwait(false);
    }

    private async Task SubscribeAsync()
    {
        if (_redis is null || Volatile.Read(ref _subscribed) == 1) return;
        try
        {
            await _redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message)).ConfigureAwait(false);
            Interlocked.Exchange(ref _subscribed, 1);
            IdentityLog.GrantRelaySubscribed(log, _node);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Subscribed again when the connection is restored.
            IdentityLog.GrantRelayFailed(log, "subscribed to", e);
        }
    }

    private void Publish(long personId, DateTimeOffset at)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"{_node}|{personId}|{at.UtcTicks}");
        _ = PublishAsync(message);
    }

    private async Task PublishAsync(string message)
    {
        try
        {
            await _redis!.GetSubscriber().PublishAsync(Channel, message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            IdentityLog.GrantRelayFailed(log, "published", e);
        }
    }

    private void Receive(RedisValue value)
    {
        var parts = ((string?)value ?? string.Empty).Split('|');
        if (parts.Length != 3 || parts[0] == _node) return;
        if (long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var person) &&
            long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) &&
            ticks is >= 0 and <= 3155378975999999999) // DateTime.MaxValue.Ticks
            changes.Record(person, new DateTimeOffset(ticks, TimeSpan.Zero));
    }
}
