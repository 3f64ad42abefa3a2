using System.Net;
using System.Net.Sockets;

namespace Classroom.MediaRelay.Ingest;

/// <summary>
/// One SRT caller at the front: its induction and our cookie, then — once its key is accepted — a
/// loopback socket to its feed's ffmpeg listener, through which its handshake is replayed (with
/// ffmpeg's cookie) and every later datagram relayed both ways.
/// </summary>
internal sealed class SrtPeer(IPEndPoint remote, byte[] induction, uint cookie, Socket front) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Socket? _inner;
    private byte[]? _conclusion;
    private volatile bool _ffmpegAnswered;
    private IngestBridge.Accepted? _accepted;
    private IngestBridge? _bridge;
    private Task? _relay;
    private Task? _replay;
    private long _lastSeen = Environment.TickCount64;
    private volatile bool _ended;

    public IPEndPoint Remote => remote;

    public uint Cookie => cookie;

    public Task? Authenticating { get; set; }

    public bool Opened => _inner is not null;

    public bool Ended => _ended || (_accepted?.Connection?.IsCancellationRequested ?? false);

    public TimeSpan IdleFor => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastSeen));

    /// <summary>The key was accepted: connect to ffmpeg's listener and replay the caller's handshake to it.</summary>
    public void Open(IngestBridge.Accepted accepted, IPEndPoint ffmpeg, byte[] conclusion, IngestBridge bridge)
    {
        _accepted = accepted;
        _bridge = bridge;
        _conclusion = conclusion;
        var inner = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        inner.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        inner.Connect(ffmpeg);
        _inner = inner;
        _relay = Task.Run(RelayFromFfmpegAsync);
        _replay = Task.Run(ReplayInductionAsync);
    }

    /// <summary>ffmpeg may still be starting: its induction is sent every 200 ms until it answers (10 s at most).</summary>
    private async Task ReplayInductionAsync()
    {
        try
        {
            for (var i = 0; i < 50 && !_ffmpegAnswered; i++)
            {
                SendInner(induction);
                await Task.Delay(200, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RelayFromFfmpegAsync()
    {
        var buffer = new byte[2048];
        while (!_stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await _inner!.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                if (_stop.IsCancellationRequested) return;
                continue; // ICMP unreachable while ffmpeg (re)starts
            }

            var packet = buffer.AsMemory(0, n);
            if (SrtHandshake.IsHandshake(packet.Span) && SrtHandshake.Type(packet.Span) == SrtHandshake.Induction)
            {
                if (_ffmpegAnswered || _conclusion is null) continue;
                var conclusion = (byte[])_conclusion.Clone();
                SrtHandshake.SetCookie(conclusion, SrtHandshake.Cookie(packet.Span));
                _conclusion = conclusion;
                _ffmpegAnswered = true;
                SendInner(conclusion);
                continue;
            }

            try
            {
                await front.SendToAsync(packet, SocketFlags.None, remote).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>The caller repeats its conclusion until answered: pass it on with ffmpeg's cookie once known.</summary>
    public void ConclusionAgain(byte[] conclusion)
    {
        Touch();
        if (!_ffmpegAnswered || _conclusion is null) return;
        SrtHandshake.SetCookie(conclusion, SrtHandshake.Cookie(_conclusion));
        SendInner(conclusion);
    }

    /// <summary>A datagram from the caller after the handshake: relayed to ffmpeg (nothing before its key was accepted).</summary>
    public void FromCaller(ReadOnlySpan<byte> packet)
    {
        Touch();
        if (!_ffmpegAnswered) return;
        SendInner(packet);
        _accepted?.Feed?.AddDatagram(packet.Length);
        if (packet.Length >= 16 && packet[0] == 0x80 && packet[1] == 0x05) _ended = true; // shutdown
    }

    private void Touch() => Interlocked.Exchange(ref _lastSeen, Environment.TickCount64);

    private void SendInner(ReadOnlySpan<byte> packet)
    {
        try
        {
            _inner?.Send(packet);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // ffmpeg not listening (starting or restarting): the caller retransmits
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _inner?.Dispose();
        if (_relay is not null) await _relay.ConfigureAwait(false);
        if (_replay is not null) await _replay.ConfigureAwait(false);
        if (Authenticating is not null) await Authenticating.ConfigureAwait(false);
        if (_accepted is { Feed: { } feed, Connection: { } connection } accepted)
        {
            _bridge?.Release(accepted.StudioId, connection, feed);
            feed.EndedByHost = _ended; // an SRT shutdown from the host ends the lesson; silence only loses it
            await feed.DisposeAsync().ConfigureAwait(false);
            connection.Dispose();
        }

        _stop.Dispose();
    }
}
