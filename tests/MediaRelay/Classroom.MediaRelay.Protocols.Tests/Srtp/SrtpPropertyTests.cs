using System.Buffers.Binary;
using Classroom.MediaRelay.Protocols.Srtp;
using FsCheck.Xunit;

namespace Classroom.MediaRelay.Protocols.Tests.Srtp;

/// <summary>Protect → unprotect gives back the packet for any header shape, payload and sequence.</summary>
public class SrtpPropertyTests
{
    private static readonly byte[] Material = Enumerable.Range(0, 60).Select(i => (byte)(i * 13)).ToArray();

    [Property(MaxTest = 200)]
    public bool Round_trips(bool gcm, ushort sequence, uint ssrc, byte csrcCount, byte[] payload, bool withExtension)
    {
        SrtpProfile profile = gcm ? SrtpProfile.AeadAes128Gcm : SrtpProfile.AesCm128HmacSha1_80;
        byte[] material = Material.AsSpan(0, profile.KeyingMaterialLength()).ToArray();
        using SrtpContext sender = SrtpKeys.FromDtlsExport(material, profile, isServer: true).CreateOutboundContext();
        using SrtpContext receiver = SrtpKeys.FromDtlsExport(material, profile, isServer: false).CreateInboundContext();

        payload ??= [];
        int csrcs = csrcCount % 16;
        int header = 12 + (csrcs * 4) + (withExtension ? 8 : 0);
        var plain = new byte[header + payload.Length];
        plain[0] = (byte)(0x80 | (withExtension ? 0x10 : 0) | csrcs);
        plain[1] = 111;
        BinaryPrimitives.WriteUInt16BigEndian(plain.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(8), ssrc);
        if (withExtension)
        {
            int at = 12 + (csrcs * 4);
            plain[at] = 0xBE;
            plain[at + 1] = 0xDE;
            plain[at + 3] = 1;
            plain[at + 4] = 0x10;
            plain[at + 5] = 0x42;
        }

        payload.CopyTo(plain, header);
        var buffer = new byte[plain.Length + 16];
        plain.CopyTo(buffer, 0);
        if (sender.ProtectRtp(buffer, plain.Length, out int length) != SrtpStatus.Ok)
        {
            return false;
        }

        return receiver.UnprotectRtp(buffer.AsSpan(0, length), out int plainLength) == SrtpStatus.Ok
            && buffer.AsSpan(0, plainLength).SequenceEqual(plain);
    }
}
