using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Classroom.MediaRelay.Ingest;

/// <summary>
/// The public SRT port. ffmpeg's SRT listener neither checks a caller's stream id nor can be given
/// a key it only knows the hash of, so this front answers the caller's induction itself, reads the
/// stream id from its conclusion, and only for a key naming a studio with a lesson starts that
/// studio's feed: an ffmpeg listening on a loopback port, to which the front then replays the
/// caller's induction, swaps the SYN cookie in the conclusion for ffmpeg's, and from then on relays
/// every datagram both ways (one loopback socket per caller). A refused caller gets a rejection
/// handshake; no datagram of it ever reaches ffmpeg.
/// </summary>
internal sealed class SrtFront : IAsyncDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);
    private readonly Socket _socket;
    private readonly IngestBridge _bridge;
    private readonly IngestOptions _options;
    private readonly IngestLog _log;
    private readonly ConcurrentDictionary<IPEndPoint, SrtPeer> _peers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly uint _socketId = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
    private Task? _receiving;
    private Task? _sweeping;

    public SrtFront(IPAddress address, int port, IngestBridge bridge, IngestOptions options, IngestLog log)
    {
        _bridge = bridge;
        _options = options;
        _log = log;
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, port));
    }

    /// <summary>Starts receiving; returns the bound port.</summary>
    public int Start()
    {
        _receiving = Task.Run(ReceiveAsync);
        _sweeping = Task.Run(SweepAsync);
        return ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[2048];
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                if (_stop.IsCancellationRequested) return;
                continue;
            }

            var remote = (IPEndPoint)received.RemoteEndPoint;
            var packet = buffer.AsSpan(0, received.ReceivedBytes);
            if (SrtHandshake.IsHandshake(packet) && SrtHandshake.Type(packet) == SrtHandshake.Induction)
            {
                await OnInductionAsync(remote, packet.ToArray()).ConfigureAwait(false);
                continue;
            }

            if (!_peers.TryGetValue(remote, out var peer)) continue; // no induction first: not a caller we know
            if (SrtHandshake.IsHandshake(packet) && SrtHandshake.Type(packet) == SrtHandshake.Conclusion)
            {
                OnConclusion(peer, packet.ToArray());
                continue;
            }

            peer.FromCaller(packet);
        }
    }

    private async Task OnInductionAsync(IPEndPoint remote, byte[] induction)
    {
        if (_peers.TryGetValue(remote, out var existing))
        {
            if (existing.Opened) return; // a late retransmission; a reconnect comes from a new port or after idle
            if (_peers.TryRemove(remote, out var stale)) await stale.DisposeAsync().ConfigureAwait(false);
        }

        if (_peers.Count(p => !p.Value.Opened) >= _options.MaxPendingConnections) return;
        var peer = new SrtPeer(remote, induction, (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue), _socket);
        _peers[remote] = peer;
        await SendAsync(SrtHandshake.InductionResponse(induction, peer.Cookie, _socketId), remote).ConfigureAwait(false);
    }

    private void OnConclusion(SrtPeer peer, byte[] conclusion)
    {
        if (peer.Authenticating is not null)
        {
            peer.ConclusionAgain(conclusion); // the caller repeats it until answered
            return;
        }

        if (SrtHandshake.Cookie(conclusion) != peer.Cookie) return;
        peer.Authenticating = Task.Run(() => AuthenticateAsync(peer, conclusion));
    }

    private async Task AuthenticateAsync(SrtPeer peer, byte[] conclusion)
    {
        var remote = peer.Remote.ToString();
        using var auth = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        auth.CancelAfter(TimeSpan.FromSeconds(_options.AuthTimeoutSeconds));
        try
        {
            var key = SrtHandshake.TryStreamId(conclusion, out var streamId) ? streamId : string.Empty;
            var port = FreeLoopbackUdpPort();
            var accepted = await _bridge.Accept(key, "srt", remote, port, auth.Token).ConfigureAwait(false);
            if (accepted.Feed is null)
            {
                await SendAsync(SrtHandshake.Rejection(conclusion, _socketId), peer.Remote).ConfigureAwait(false);
                return;
            }

            peer.Open(accepted, new IPEndPoint(IPAddress.Loopback, port), conclusion, _bridge);
        }
        catch (OperationCanceledException)
        {
            _log.Refused(remote, "SRT key check timed out");
        }
    }

    private static int FreeLoopbackUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private async Task SendAsync(byte[] packet, IPEndPoint to)
    {
        try
        {
            await _socket.SendToAsync(packet, SocketFlags.None, to).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Callers silent for 10 s (gone, or refused) are forgotten and their feeds end.</summary>
    private async Task SweepAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                foreach (var (remote, peer) in _peers)
                {
                    if (peer.IdleFor < Idle && !peer.Ended) continue;
                    if (_peers.TryRemove(new KeyValuePair<IPEndPoint, SrtPeer>(remote, peer))) await peer.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_receiving is not null) await _receiving.ConfigureAwait(false);
        if (_sweeping is not null) await _sweeping.ConfigureAwait(false);
        foreach (var peer in _peers.Values) await peer.DisposeAsync().ConfigureAwait(false);
        _peers.Clear();
        _stop.Dispose();
    }
}
