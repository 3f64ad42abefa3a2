using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Classroom.MediaRelay.Protocols.Srtp;

namespace Classroom.Benchmarks.Protocols;

/// <summary>
/// SRTP protect/unprotect of a 1,200-byte RTP packet (12-byte header, 1,188-byte payload), the
/// relay's per-packet crypto cost. Each op copies the packet into the work buffer first (as the
/// relay copies a shared packet into a per-consumer send buffer), so both include one 1.2 KB copy.
/// Budget: 0 bytes allocated per op.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class SrtpBenchmarks
{
    private const int PacketLength = 1200;
    private const uint Ssrc = 0x11223344;

    private readonly byte[] _plain = new byte[PacketLength];
    private readonly byte[] _protected = new byte[PacketLength + 16];
    private readonly byte[] _work = new byte[PacketLength + 16];
    private SrtpContext _sender = null!;
    private SrtpContext _receiver = null!;
    private int _protectedLength;
    private ushort _sequence;

    [Params(SrtpProfile.AesCm128HmacSha1_80, SrtpProfile.AeadAes128Gcm)]
    public SrtpProfile Profile { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var material = new byte[Profile.KeyingMaterialLength()];
        new Random(1).NextBytes(material);
        _sender = SrtpKeys.FromDtlsExport(material, Profile, isServer: true).CreateOutboundContext();
        _receiver = SrtpKeys.FromDtlsExport(material, Profile, isServer: false).CreateInboundContext();
        new Random(2).NextBytes(_plain);
        _plain[0] = 0x80;
        _plain[1] = 96;
        BinaryPrimitives.WriteUInt16BigEndian(_plain.AsSpan(2), 1000);
        BinaryPrimitives.WriteUInt32BigEndian(_plain.AsSpan(8), Ssrc);
        _plain.CopyTo(_protected, 0);
        if (_sender.ProtectRtp(_protected, PacketLength, out _protectedLength) != SrtpStatus.Ok)
        {
            throw new InvalidOperationException("setup protect failed");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }

    [Benchmark]
    public int Protect()
    {
        _plain.CopyTo(_work, 0);
        BinaryPrimitives.WriteUInt16BigEndian(_work.AsSpan(2), ++_sequence);
        _sender.ProtectRtp(_work, PacketLength, out int length);
        return length;
    }

    [Benchmark]
    public int Unprotect()
    {
        _protected.AsSpan(0, _protectedLength).CopyTo(_work);
        _receiver.ResetReplayState(Ssrc); // the same packet again would otherwise be a replay
        SrtpStatus status = _receiver.UnprotectRtp(_work.AsSpan(0, _protectedLength), out int length);
        return status == SrtpStatus.Ok ? length : -1;
    }
}
