using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Classroom.MediaRelay.Dtls;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Media;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Demux;
using Classroom.MediaRelay.Protocols.Rtp;
using Classroom.MediaRelay.Protocols.Stun;

namespace Classroom.MediaRelay.Client;

/// <summary>
/// Sees every decrypted RTP or RTCP packet a <see cref="RelayClient"/> receives, on its receive loop (keep it short).
/// <paramref name="arrivalNanos"/> is when the datagram arrived, on the <see cref="Stopwatch"/>
/// clock in nanoseconds, as the <see cref="IClientReceiver"/> reports it, or 0 when the receive
/// path does not know it (the client's own async loop never does).
/// </summary>
internal delegate void ReceivedPacketObserver(PacketKind kind, ReadOnlySpan<byte> packet, long arrivalNanos);

/// <summary>
/// A non-browser WHIP/WHEP peer built from the relay's own parts: full ICE (controlling with
/// USE-CANDIDATE as the offerer, RFC 8445 §7.2; controlled when it answers a full-ICE offerer),
/// the DTLS client role, SRTP. Internal: kept in the relay for the origin→edge cascade (an edge
/// subscribes to its origin as this client does); tests and the load tool reach it through
/// InternalsVisibleTo, and their own receive threads and answerers plug in from outside.
/// </summary>
internal sealed class RelayClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly IceCredentials _local;
    private readonly IceCredentials _remote;
    private readonly DtlsHandshaker _handshaker;
    private readonly QueuedDatagramTransport _dtlsTransport;
    private readonly TaskCompletionSource _iceDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _sendBuffer = new byte[2048];
    private readonly Lock _sendGate = new();
    private readonly byte[] _remotePassword;
    private readonly byte[] _localPassword;
    private IDisposable? _registration;
    private DtlsChannel? _dtls;
    private volatile SrtpPair? _srtp;
    private readonly bool _controlling;
    private readonly bool _ownsHandshaker;

    /// <summary>A whole 4 s picture group at 1 Mbit/s (≈ 450 video + 200 audio packets) fits.</summary>
    private const int MaxPendingBeforeKeys = 1024;
    private readonly Lock _pendingGate = new();
    private readonly Queue<(byte[] Datagram, bool IsRtcp, long ArrivalNanos)> _pending = new();
    private int _disposed;
    private long _audio;
    private long _video;
    private long _rtcp;

    private RelayClient(Socket socket, IceCredentials local, IceCredentials remote, DtlsHandshaker handshaker, bool ownsHandshaker, bool controlling,
        string resource, uint audioSsrc, uint videoSsrc)
    {
        _socket = socket;
        _local = local;
        _remote = remote;
        _handshaker = handshaker;
        _ownsHandshaker = ownsHandshaker;
        _controlling = controlling;
        Resource = resource;
        AudioSsrc = audioSsrc;
        VideoSsrc = videoSsrc;
        _dtlsTransport = new QueuedDatagramTransport(d => Send(d.Span));
        _remotePassword = Encoding.UTF8.GetBytes(remote.Pwd);
        _localPassword = Encoding.UTF8.GetBytes(local.Pwd);
    }

    /// <summary>The socket's handle, for an <see cref="IClientReceiver"/>.</summary>
    internal SafeHandle SocketHandle => _socket.SafeHandle;

    /// <summary>This side's ICE credentials (an answer carries them).</summary>
    internal IceCredentials LocalIce => _local;

    /// <summary>This side's certificate fingerprint (an answer carries it).</summary>
    internal string LocalFingerprint => _handshaker.Certificate.Fingerprint;

    /// <summary>This side's UDP endpoint (an answer's host candidate).</summary>
    internal IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public string Resource { get; }
    public uint AudioSsrc { get; }
    public uint VideoSsrc { get; }
    /// <summary>A publisher's second video section (courseware) sends on this SSRC.</summary>
    public uint SecondVideoSsrc => VideoSsrc + 1;

    /// <summary>The answer's accepted sections (mid, kind, msid, the relay's SSRC) with the packets received on each.</summary>
    public IReadOnlyList<AnswerSection> Sections { get; private init; } = [];

    /// <summary>Packets received on the section whose msid is <paramref name="msid"/> ("studio camera"), 0 when there is none.</summary>
    public long PacketsOn(string msid) => Sections.FirstOrDefault(s => s.Msid == msid)?.Packets ?? 0;

    public long AudioPackets => Interlocked.Read(ref _audio);
    public long VideoPackets => Interlocked.Read(ref _video);
    public long RtcpPackets => Interlocked.Read(ref _rtcp);
    public Protocols.Srtp.SrtpProfile? Profile { get; private set; }

    /// <summary>
    /// Optional per-packet hook (the load tool timestamps packets with it). Set it through
    /// <see cref="ClientJoinOptions.Observer"/> to see the packets that arrive during the join, or after connecting.
    /// </summary>
    public ReceivedPacketObserver? Observer { get; set; }

    /// <summary>Where this client's join spent its time (Stopwatch timestamps of each step).</summary>
    public RelayClientTimings Timings { get; private set; }

    /// <summary>POSTs an offer to <paramref name="endpoint"/> (…/whip/{lesson} or …/whep/{lesson}), then runs ICE and DTLS.</summary>
    public static Task<RelayClient> ConnectAsync(HttpClient http, Uri endpoint, string token, SessionRole role, CancellationToken cancellationToken) =>
        ConnectAsync(http, endpoint, token, role, advertisedFingerprint: null, ClientJoinOptions.Default, cancellationToken);

    /// <summary>As above, with a shared DTLS identity and/or receive threads (<see cref="ClientJoinOptions"/>; the load tool).</summary>
    public static Task<RelayClient> ConnectAsync(HttpClient http, Uri endpoint, string token, SessionRole role, ClientJoinOptions options,
        CancellationToken cancellationToken) =>
        ConnectAsync(http, endpoint, token, role, advertisedFingerprint: null, options, cancellationToken);

    /// <summary>As above; <paramref name="advertisedFingerprint"/> lets tests put a wrong fingerprint in the offer.</summary>
    internal static Task<RelayClient> ConnectAsync(HttpClient http, Uri endpoint, string token, SessionRole role,
        string? advertisedFingerprint, CancellationToken cancellationToken) =>
        ConnectAsync(http, endpoint, token, role, advertisedFingerprint, ClientJoinOptions.Default, cancellationToken);

    private static async Task<RelayClient> ConnectAsync(HttpClient http, Uri endpoint, string token, SessionRole role,
        string? advertisedFingerprint, ClientJoinOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var start = Stopwatch.GetTimestamp();
        var local = IceCredentials.Generate();
        var handshaker = HandshakerFor(options);
        uint audioSsrc = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue - 64), videoSsrc = audioSsrc + 1;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(ClientOfferWriter.Write(role, local, advertisedFingerprint ?? handshaker.Certificate.Fingerprint, audioSsrc, videoSsrc,
                options.AudioSections, options.VideoSections, options.PreferH264), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"{endpoint} answered {(int)response.StatusCode}: {answer}");
        var parsed = AnswerCandidates.Read(answer) ?? throw new InvalidOperationException("the answer lacks ICE credentials, fingerprint or a UDP candidate");
        var answered = Stopwatch.GetTimestamp();
        var target = parsed.Udp;
        var client = Open(target, target.Address, local, new IceCredentials(parsed.IceUfrag, parsed.IcePwd), handshaker, options, controlling: true,
            response.Headers.Location?.ToString() ?? string.Empty, audioSsrc, videoSsrc, AnswerSections.Read(answer));
        try
        {
            await client.EstablishAsync(parsed.Fingerprint, start, answered, "relay", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _ = client.KeepConsentAsync();
        return client;
    }

    /// <summary>
    /// Opens an ICE-controlled client towards a full-ICE offerer at <paramref name="peer"/> (whose
    /// offer gave <paramref name="remote"/>), receiving already: the caller sends its answer with
    /// <see cref="LocalIce"/>, <see cref="LocalFingerprint"/> and <see cref="LocalEndPoint"/>, then
    /// calls <see cref="EstablishAsync"/> (the offerer controls, RFC 8445 §6.1.1).
    /// </summary>
    internal static RelayClient OpenControlled(IPEndPoint peer, IPAddress localAddress, IceCredentials remote, ClientJoinOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Open(peer, localAddress, IceCredentials.Generate(), remote, HandshakerFor(options), options, controlling: false, string.Empty, 0, 0, []);
    }

    private static DtlsHandshaker HandshakerFor(ClientJoinOptions options) =>
        options.Handshaker ?? new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), 1, options.DtlsTimeout);

    private static RelayClient Open(IPEndPoint peer, IPAddress localAddress, IceCredentials local, IceCredentials remote, DtlsHandshaker handshaker,
        ClientJoinOptions options, bool controlling, string resource, uint audioSsrc, uint videoSsrc, IReadOnlyList<AnswerSection> sections)
    {
        var socket = new Socket(peer.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        var client = new RelayClient(socket, local, remote, handshaker, options.Handshaker is null, controlling, resource, audioSsrc, videoSsrc)
        {
            Observer = options.Observer,
            Sections = sections,
        };
        try
        {
            socket.Bind(new IPEndPoint(localAddress, 0));
            socket.Connect(peer);
            if (options.Receiver is { } receiver) client._registration = receiver.Add(client, socket);
            else _ = client.ReceiveLoopAsync();
        }
        catch
        {
            client.Close();
            throw;
        }

        return client;
    }

    private void Activate(DtlsChannel channel)
    {
        _dtls = channel;
        Profile = channel.Outcome.Profile;
        var srtp = SrtpPair.Create(channel.Outcome, isServer: false);
        lock (_pendingGate)
        {
            // Held packets first, in arrival order; the receive thread waits at the gate meanwhile.
            while (_pending.TryDequeue(out var held)) OnSrtp(srtp, held.Datagram, held.IsRtcp, held.ArrivalNanos);
            _srtp = srtp;
        }
    }

    /// <summary>SRTP/SRTCP that arrived before the keys and did not fit the hold (<see cref="MaxPendingBeforeKeys"/>).</summary>
    public long EarlyDropped { get; private set; }

    private async Task RunIceAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[512];
        var transaction = new byte[12];
        var password = _remotePassword;
        for (var attempt = 0; attempt < 100 && !_iceDone.Task.IsCompleted; attempt++)
        {
            SendCheck(buffer, transaction, password);
            await Task.WhenAny(_iceDone.Task, Task.Delay(50, cancellationToken)).ConfigureAwait(false);
        }

        if (!_iceDone.Task.IsCompleted) throw new InvalidOperationException("no ICE response from the relay");
    }

    private void SendCheck(byte[] buffer, byte[] transaction, byte[] password)
    {
        RandomNumberGenerator.Fill(transaction);
        var n = StunBinding.WriteRequest(buffer, new StunBindingRequest
        {
            TransactionId = transaction,
            Username = _remote.Ufrag + ":" + _local.Ufrag,
            Password = password,
            Priority = 1_845_501_695,
            Controlling = _controlling,
            TieBreaker = (ulong)RandomNumberGenerator.GetInt32(int.MaxValue),
            UseCandidate = _controlling,
        });
        Send(buffer.AsSpan(0, n));
    }

    /// <summary>
    /// Consent freshness (RFC 7675 §5.1): a check every 4–6 s (randomized) for the client's life,
    /// since the relay closes a session after 30 s without one. Ends when the client is disposed.
    /// </summary>
    /// <summary>Stops the consent checks (tests of the relay's consent expiry); the session stays otherwise intact.</summary>
    internal bool ConsentPaused { get; set; }

    private async Task KeepConsentAsync()
    {
        var buffer = new byte[512];
        var transaction = new byte[12];
        var password = _remotePassword;
        var stop = _stop.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(RandomNumberGenerator.GetInt32(4000, 6000)), stop).ConfigureAwait(false);
                if (!ConsentPaused) SendCheck(buffer, transaction, password);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // Disposed.
        }
    }

    /// <summary>Sends one RTP packet with a synthetic payload through SRTP.</summary>
    public bool SendRtp(byte payloadType, ushort sequence, uint timestamp, uint ssrc, bool marker, ReadOnlySpan<byte> payload)
    {
        var srtp = _srtp;
        if (srtp is null) return false;
        lock (_sendGate)
        {
            var length = new RtpWriter(_sendBuffer, payloadType, sequence, timestamp, ssrc, marker).Complete(payload);
            if (!srtp.TryProtectRtp(_sendBuffer, length, out var protectedLength)) return false;
            Send(_sendBuffer.AsSpan(0, protectedLength));
            return true;
        }
    }

    private void Send(ReadOnlySpan<byte> datagram)
    {
        try
        {
            _socket.Send(datagram);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // UDP: a lost datagram is the peer's problem to recover from, as on any network.
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[2048];
        while (!_stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                if (e is SocketException) continue;
                return;
            }

            OnDatagram(buffer.AsSpan(0, n));
        }
    }

    /// <summary>One datagram from the relay (or the offerer), on the receive loop or an <see cref="IClientReceiver"/>'s thread.</summary>
    internal void OnDatagram(Span<byte> datagram, long arrivalNanos = 0)
    {
        var password = _remotePassword;
        var kind = PacketClassifier.Classify(datagram);
        switch (kind)
        {
            case PacketKind.Stun:
                if (StunMessageReader.TryRead(datagram, out var message) && message.Type == StunMessageType.BindingSuccessResponse &&
                    StunIntegrity.VerifyMessageIntegrity(message, password))
                    _iceDone.TrySetResult();
                else if (!_controlling && message.Type == StunMessageType.BindingRequest && StunIntegrity.VerifyMessageIntegrity(message, _localPassword))
                    AnswerCheck(message.TransactionId);
                break;
            case PacketKind.Dtls:
                _dtlsTransport.Enqueue(datagram);
                _dtls?.Drain();
                break;
            case PacketKind.Rtp:
            case PacketKind.Rtcp:
                if (_srtp is { } srtp) OnSrtp(srtp, datagram, kind == PacketKind.Rtcp, arrivalNanos);
                else HoldUntilKeys(datagram, kind == PacketKind.Rtcp, arrivalNanos);
                break;
        }
    }

    private void OnSrtp(SrtpPair srtp, Span<byte> datagram, bool isRtcp, long arrivalNanos)
    {
        if (!isRtcp)
        {
            if (srtp.TryUnprotectRtp(datagram, out var length) && RtpHeader.TryRead(datagram[..length], out var header))
            {
                Interlocked.Increment(ref header.PayloadType == ClientOfferWriter.OpusPayloadType ? ref _audio : ref _video);
                var sections = Sections;
                for (var i = 0; i < sections.Count; i++)
                {
                    if (sections[i].Ssrc == header.Ssrc) { sections[i].OnPacket(); break; }
                }
                Observer?.Invoke(PacketKind.Rtp, datagram[..length], arrivalNanos);
            }
        }
        else if (srtp.TryUnprotectRtcp(datagram, out var rtcpLength))
        {
            Interlocked.Increment(ref _rtcp);
            Observer?.Invoke(PacketKind.Rtcp, datagram[..rtcpLength], arrivalNanos);
        }
    }

    /// <summary>
    /// SRTP that arrives before this side has its keys: the server finishes DTLS first and starts
    /// sending at once (its keyframe-cache replay), while our handshake worker is still processing
    /// the server's Finished. A browser processes both in order on one thread and loses nothing;
    /// so this client holds such packets (bounded, join only) and runs them once the keys are set.
    /// </summary>
    private void HoldUntilKeys(Span<byte> datagram, bool isRtcp, long arrivalNanos)
    {
        lock (_pendingGate)
        {
            if (_srtp is { } srtp)
            {
                // Keys arrived while this thread waited for the gate.
                OnSrtp(srtp, datagram, isRtcp, arrivalNanos);
                return;
            }

            if (_pending.Count < MaxPendingBeforeKeys) _pending.Enqueue((datagram.ToArray(), isRtcp, arrivalNanos));
            else EarlyDropped++;
        }
    }

    /// <summary>
    /// ICE, then the DTLS client handshake against <paramref name="fingerprint"/>, then SRTP keys
    /// (both the WHEP/WHIP join and the answer to an offerer end this way). Cancelling also ends a
    /// handshake already running: closing the transport makes the worker's read throw.
    /// </summary>
    internal async Task EstablishAsync(string fingerprint, long start, long answered, string peer, CancellationToken cancellationToken)
    {
        var handshaker = _handshaker;
        await RunIceAsync(cancellationToken).ConfigureAwait(false);
        var iceDone = Stopwatch.GetTimestamp();
        await using var abort = cancellationToken.UnsafeRegister(static t => ((QueuedDatagramTransport)t!).Close(), _dtlsTransport).ConfigureAwait(false);
        var channel = await handshaker.ConnectAsync(_dtlsTransport, fingerprint, SrtpProfiles.Preference, cancellationToken).ConfigureAwait(false);
        if (channel is null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException($"DTLS handshake with the {peer} failed");
        }

        Timings = new RelayClientTimings(start, answered, iceDone, _dtlsTransport.FirstSendTimestamp, _dtlsTransport.FirstReceiveTimestamp, Stopwatch.GetTimestamp());
        Activate(channel);
    }

    /// <summary>Success response to the peer's check (RFC 8445 §7.3.1.4), keyed with the local password.</summary>
    private void AnswerCheck(ReadOnlySpan<byte> transactionId)
    {
        Span<byte> response = stackalloc byte[128];
        var n = StunBinding.WriteSuccessResponse(response, transactionId, (IPEndPoint)_socket.RemoteEndPoint!, _localPassword);
        Send(response[..n]);
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private void Close()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stop.Cancel();
        _registration?.Dispose();
        _dtls?.Close();
        _dtlsTransport.Close();
        _socket.Dispose();
        if (_ownsHandshaker) _handshaker.Dispose();
        _stop.Dispose();
    }
}
