using System.Net;
using BenchmarkDotNet.Attributes;
using Classroom.MediaRelay.Dtls;
using Classroom.MediaRelay.Ice;
using Classroom.MediaRelay.Media;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Protocols.Rtp;
using Classroom.MediaRelay.Protocols.Sdp;
using Classroom.MediaRelay.Protocols.Srtp;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Transport;

namespace Classroom.Benchmarks.MediaRelay;

/// <summary>
/// The relay's forwarding path for one decrypted 1,200-byte VP8 packet from the publisher: the
/// copy into the room's packet ring, then per player copy, PT/SSRC/sequence rewrite, SRTP protect
/// (AEAD_AES_128_GCM) and hand to the path (a sink that discards, so the socket syscall is not
/// measured). Budget: 0 bytes allocated per op.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class FanOutBenchmarks
{
    private readonly byte[] _packet = new byte[1200];
    private Router _room = null!;
    private FanOutPool _pool = null!;
    private RelaySession _publisher = null!;
    private DtlsHandshaker _handshaker = null!;
    private ushort _sequence;

    [Params(1, 10, 50)]
    public int Players { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _handshaker = new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), 1, TimeSpan.FromSeconds(5));
        var context = new SessionContext(_handshaker, TimeProvider.System, new RelayCounters());
        // Inline fan-out: the worker's round runs on the benchmark thread, so allocations are seen.
        _pool = new FanOutPool(FanOutOptions.Default with { Workers = 0, CatchUpBitsPerSecond = 0 }, new RelayCounters(), TimeProvider.System);
        _room = new Router("L1-20261123", TimeProvider.System, _ => { }, _pool);
        var vp8 = new SdpCodec(96, "VP8", 90000, null, null, []);
        _publisher = NewSession(context, SessionRole.Publisher, vp8, 0);
        for (var i = 0; i < Players; i++) NewSession(context, SessionRole.Player, vp8, (uint)(1000 + i));
        // A VP8 keyframe start (descriptor S=1, PID=0; frame tag P=0), so the picture-group cache
        // is exercised too: it copies each packet into a pooled buffer and recycles at its cap.
        var payload = new byte[1200 - 12];
        payload[0] = 0x10;
        new RtpWriter(_packet, 96, 1, 3000, 0xABCDEF, marker: true).Complete(payload);
    }

    private RelaySession NewSession(SessionContext context, SessionRole role, SdpCodec codec, uint ssrc)
    {
        var tracks = new[] { new NegotiatedTrack("video", "0", [codec], ssrc, []) };
        var setup = new SessionSetup(Guid.NewGuid().ToString("N"), _room.LessonId, "bench", role, tracks, "00",
            IceCredentials.Generate(), IceCredentials.Generate());
        var session = new RelaySession(context, new NullListener(), _room, setup);
        _room.TryAttach(session);
        var material = new byte[SrtpProfile.AeadAes128Gcm.KeyingMaterialLength()];
        Random.Shared.NextBytes(material);
        session.ActivateWithoutHandshake(SrtpPair.Create(new DtlsOutcome(SrtpProfile.AeadAes128Gcm, material, "00"), isServer: true), new NullPath());
        return session;
    }

    [Benchmark]
    public void ForwardOnePacket()
    {
        RtpRewriter.SetSequenceNumber(_packet, ++_sequence);
        _room.OnRtp(_publisher, _packet);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pool.Dispose();
        _handshaker.Dispose();
    }

    private sealed class NullPath : IMediaPath
    {
        public IPEndPoint RemoteEndPoint { get; } = new(IPAddress.Loopback, 9);
        public string Protocol => "null";
        public string Remote => "null";
        public bool IsOpen => true;
        public void Send(ReadOnlySpan<byte> datagram) { }
    }

    private sealed class NullListener : ISessionListener
    {
        public void OnPathSelected(RelaySession session, IMediaPath? previous, IMediaPath path) { }
        public void OnConnected(RelaySession session) { }
        public void OnClosed(RelaySession session, string reason) { }
    }
}
