using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Classroom.LoadTool.Engine;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Protocols.Sdp;

namespace Classroom.LoadTool.Janus;

/// <summary>
/// A player of Janus's streaming plugin: session, handle, "watch" the mountpoint, long-poll until
/// the event with the JSEP offer, answer it with our own SDP and full-ICE/DTLS client
/// (<see cref="OfferAnswerer"/>), "start". Sessions are kept alive every 20 s (Janus
/// drops a session after 60 s of silence) and destroyed at the end.
/// </summary>
internal sealed class JanusConnector : IPlayerConnector
{
    private const int MaxPolls = 10;
    private static readonly TimeSpan KeepaliveEvery = TimeSpan.FromSeconds(20);
    private readonly JanusHttp _api;
    private readonly int _mountpoint;
    private readonly IPAddress _localAddress;
    private readonly ConcurrentDictionary<long, bool> _sessions = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _keepalive;

    private readonly ClientJoinOptions _options;

    public JanusConnector(JanusHttp api, int mountpoint, IPAddress localAddress, ClientJoinOptions? options = null)
    {
        _options = options ?? ClientJoinOptions.Default;
        _api = api;
        _mountpoint = mountpoint;
        _localAddress = localAddress;
        _keepalive = KeepaliveLoopAsync(_stop.Token);
    }

    public string Target => "janus";

    public async Task<RelayClient> ConnectAsync(int index, ReceivedPacketObserver observer, CancellationToken cancellationToken)
    {
        var session = await _api.CreateSessionAsync(cancellationToken).ConfigureAwait(false);
        _sessions[session] = true;
        var handle = await _api.AttachAsync(session, "janus.plugin.streaming", cancellationToken).ConfigureAwait(false);
        await _api.MessageAsync(session, handle, new JsonObject { ["request"] = "watch", ["id"] = _mountpoint }, null, cancellationToken).ConfigureAwait(false);
        var offerText = await WaitForOfferAsync(session, cancellationToken).ConfigureAwait(false);
        var offer = SdpParser.Parse(offerText).Description ?? throw new InvalidOperationException("Janus's offer does not parse");
        return await OfferAnswerer.AnswerAsync(offerText, _localAddress, async (ice, fingerprint, endpoint, ct) =>
        {
            var jsep = new JsonObject { ["type"] = "answer", ["sdp"] = JanusAnswer.Write(offer, ice, fingerprint, endpoint) };
            await _api.MessageAsync(session, handle, new JsonObject { ["request"] = "start" }, jsep, ct).ConfigureAwait(false);
        }, _options with { Observer = observer }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> WaitForOfferAsync(long session, CancellationToken cancellationToken)
    {
        for (var i = 0; i < MaxPolls; i++)
        {
            var node = await _api.PollAsync(session, cancellationToken).ConfigureAwait(false);
            if (node["jsep"]?["sdp"]?.GetValue<string>() is { } sdp) return sdp;
            if (node["plugindata"]?["data"]?["error"] is { } error) throw new InvalidOperationException("streaming plugin: " + error);
        }

        throw new InvalidOperationException("no JSEP offer from Janus");
    }

    private async Task KeepaliveLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(KeepaliveEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var session in _sessions.Keys)
                {
                    try
                    {
                        await _api.KeepaliveAsync(session, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
                    {
                        // Janus may already have dropped it; the player's loss shows that.
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Run over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _keepalive.ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await Parallel.ForEachAsync(_sessions.Keys, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = timeout.Token }, async (session, ct) =>
        {
            try
            {
                await _api.DestroyAsync(session, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or OperationCanceledException)
            {
                // Best effort: Janus reaps it after its session timeout anyway.
            }
        }).ConfigureAwait(false);
        _stop.Dispose();
    }
}
