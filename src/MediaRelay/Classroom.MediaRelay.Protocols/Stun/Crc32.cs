namespace Classroom.MediaRelay.Protocols.Stun;

/// <summary>
/// CRC-32 (ISO 3309 / ITU-T V.42, reflected polynomial 0xEDB88320) as FINGERPRINT needs it
/// (RFC 8489 §14.7). Written here because System.IO.Hashing is a separate package and STUN is the
/// only user; one table lookup per byte is plenty for a message per second per peer.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0xFFFFFFFFu, data) ^ 0xFFFFFFFFu;

    /// <summary>Continues a running (pre-inverted) CRC state.</summary>
    public static uint Append(uint state, ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        foreach (byte b in data)
        {
            state = table[(state ^ b) & 0xFF] ^ (state >> 8);
        }

        return state;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
