using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
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

/// <summary>Sees every decrypted RTP or RTCP packet a <see cref="RelayClient"/> receives, on its receive loop (keep it short).</summary>
public delegate void ReceivedPacketObserver(PacketKind kind, ReadOnlySpan<byte> packet);

/// <summary>
/// A non-browser WHIP/WHEP peer built from the relay's own parts: full-ICE controlling checks
/// with USE-CANDIDATE (RFC 8445 §7.2), the DTLS client role, SRTP. Used by tests and the load
/// tool; an edge relay subscribing to an origin is the same shape.
/// </summary>
public sealed class RelayClient : IAsyncDisposable
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
    private DtlsChannel? _dtls;
    private volatile SrtpPair? _srtp;
    private bool _controlling = true;
    private long _audio;
    private long _video;
    private long _rtcp;

    private RelayClient(Socket socket, IceCredentials local, IceCredentials remote, DtlsHandshaker handshaker, string resource, uint audioSsrc, uint videoSsrc)
    {
        _socket = socket;
        _local = local;
        _remote = remote;
        _handshaker = handshaker;
        Resource = resource;
        AudioSsrc = audioSsrc;
        VideoSsrc = videoSsrc;
        _dtlsTransport = new QueuedDatagramTransport(d => Send(d.Span));
    }

    public string Resource { get; }
    public uint AudioSsrc { get; }
    public uint VideoSsrc { get; }
    public long AudioPackets => Interlocked.Read(ref _audio);
    public long VideoPackets => Interlocked.Read(ref _video);
    public long RtcpPackets => Interlocked.Read(ref _rtcp);
    public Protocols.Srtp.SrtpProfile? Profile { get; private set; }

    /// <summary>Optional per-packet hook (the load tool timestamps packets with it); set it after connecting.</summary>
    public ReceivedPacketObserver? Observer { get; set; }

    /// <summary>POSTs an offer to <paramref name="endpoint"/> (…/whip/{lesson} or …/whep/{lesson}), then runs ICE and DTLS.</summary>
    public static Task<RelayClient> ConnectAsync(HttpClient http, Uri endpoint, string token, SessionRole role, CancellationToken cancellationToken) =>
        ConnectAsync(http, endpoint, token, role, advertisedFingerprint: null, cancellationToken);

    /// <summary>As above; <paramref name="advertisedFingerprint"/> lets tests put a wrong fingerprint in the offer.</summary>
    internal static async Task<RelayClient> ConnectAsync(HttpClient http, Uri endpoint, string token, SessionRole role,
        string? advertisedFingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var local = IceCredentials.Generate();
        var handshaker = new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), 1, TimeSpan.FromSeconds(10));
        uint audioSsrc = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue), videoSsrc = audioSsrc + 1;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(ClientOfferWriter.Write(role, local, advertisedFingerprint ?? handshaker.Certificate.Fingerprint, audioSsrc, videoSsrc), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"{endpoint} answered {(int)response.StatusCode}: {answer}");
        var parsed = AnswerCandidates.Read(answer) ?? throw new InvalidOperationException("the answer lacks ICE credentials, fingerprint or a UDP candidate");
        var target = parsed.Udp;

        var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(target.Address, 0));
        socket.Connect(target);
        var client = new RelayClient(socket, local, new IceCredentials(parsed.IceUfrag, parsed.IcePwd), handshaker,
            response.Headers.Location?.ToString() ?? string.Empty, audioSsrc, videoSsrc);
        _ = client.ReceiveLoopAsync();
        await client.RunIceAsync(cancellationToken).ConfigureAwait(false);
        var channel = await handshaker.ConnectAsync(client._dtlsTransport, parsed.Fingerprint, SrtpProfiles.Preference, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("DTLS handshake with the relay failed");
        client._dtls = channel;
        client.Profile = channel.Outcome.Profile;
        client._srtp = SrtpPair.Create(channel.Outcome, isServer: false);
        _ = client.KeepConsentAsync();
        return client;
    }

    private async Task RunIceAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[512];
        var transaction = new byte[12];
        var password = Encoding.UTF8.GetBytes(_remote.Pwd);
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
        var password = Encoding.UTF8.GetBytes(_remote.Pwd);
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
        var password = Encoding.UTF8.GetBytes(_remote.Pwd);
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

            OnDatagram(buffer.AsSpan(0, n), password);
        }
    }

    private void OnDatagram(Span<byte> datagram, byte[] password)
    {
        switch (PacketClassifier.Classify(datagram))
        {
            case PacketKind.Stun:
                if (StunMessageReader.TryRead(datagram, out var message) && message.Type == StunMessageType.BindingSuccessResponse &&
                    StunIntegrity.VerifyMessageIntegrity(message, password))
                    _iceDone.TrySetResult();
                else if (!_controlling && message.Type == StunMessageType.BindingRequest && StunIntegrity.VerifyMessageIntegrity(message, Encoding.UTF8.GetBytes(_local.Pwd)))
                    AnswerCheck(message.TransactionId);
                break;
            case PacketKind.Dtls:
                _dtlsTransport.Enqueue(datagram);
                _dtls?.Drain();
                break;
            case PacketKind.Rtp:
                if (_srtp is { } srtp && srtp.TryUnprotectRtp(datagram, out var length) && RtpHeader.TryRead(datagram[..length], out var header))
                {
                    Interlocked.Increment(ref header.PayloadType == ClientOfferWriter.OpusPayloadType ? ref _audio : ref _video);
                    Observer?.Invoke(PacketKind.Rtp, datagram[..length]);
                }

                break;
            case PacketKind.Rtcp:
                if (_srtp is { } s && s.TryUnprotectRtcp(datagram, out var rtcpLength))
                {
                    Interlocked.Increment(ref _rtcp);
                    Observer?.Invoke(PacketKind.Rtcp, datagram[..rtcpLength]);
                }

                break;
        }
    }

    /// <summary>
    /// Answers a full-ICE offerer (Janus's streaming plugin sends the offer): the offerer controls
    /// (RFC 8445 §6.1.1), so this side is ICE-controlled — it answers the peer's checks and sends
    /// its own without USE-CANDIDATE — and the DTLS client (a=setup:active against actpass,
    /// RFC 5763 §5). <paramref name="sendAnswer"/> gets the local ICE credentials, certificate
    /// fingerprint and UDP endpoint and delivers the SDP answer.
    /// </summary>
    public static async Task<RelayClient> AnswerAsync(string offer, IPAddress localAddress,
        Func<IceCredentials, string, IPEndPoint, CancellationToken, Task> sendAnswer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sendAnswer);
        var parsed = AnswerCandidates.Read(offer) ?? throw new InvalidOperationException("the offer lacks ICE credentials, fingerprint or a UDP candidate");
        var handshaker = new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), 1, TimeSpan.FromSeconds(10));
        var socket = new Socket(parsed.Udp.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(localAddress, 0));
        socket.Connect(parsed.Udp);
        var client = new RelayClient(socket, IceCredentials.Generate(), new IceCredentials(parsed.IceUfrag, parsed.IcePwd), handshaker, string.Empty, 0, 0)
        {
            _controlling = false,
        };
        _ = client.ReceiveLoopAsync();
        await sendAnswer(client._local, handshaker.Certificate.Fingerprint, (IPEndPoint)socket.LocalEndPoint!, cancellationToken).ConfigureAwait(false);
        await client.RunIceAsync(cancellationToken).ConfigureAwait(false);
        var channel = await handshaker.ConnectAsync(client._dtlsTransport, parsed.Fingerprint, SrtpProfiles.Preference, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("DTLS handshake with the offerer failed");
        client._dtls = channel;
        client.Profile = channel.Outcome.Profile;
        client._srtp = SrtpPair.Create(channel.Outcome, isServer: false);
        return client;
    }

    /// <summary>Success response to the peer's check (RFC 8445 §7.3.1.4), keyed with the local password.</summary>
    private void AnswerCheck(ReadOnlySpan<byte> transactionId)
    {
        Span<byte> response = stackalloc byte[128];
        var n = StunBinding.WriteSuccessResponse(response, transactionId, (IPEndPoint)_socket.RemoteEndPoint!, Encoding.UTF8.GetBytes(_local.Pwd));
        Send(response[..n]);
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _dtls?.Close();
        _dtlsTransport.Close();
        _socket.Dispose();
        _handshaker.Dispose();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
