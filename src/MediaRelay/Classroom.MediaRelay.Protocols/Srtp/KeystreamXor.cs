using System.Numerics;
using System.Runtime.InteropServices;

namespace Classroom.MediaRelay.Protocols.Srtp;

/// <summary>XORs a keystream into data, a vector at a time.</summary>
internal static class KeystreamXor
{
    public static void Apply(Span<byte> data, ReadOnlySpan<byte> keystream)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && data.Length >= Vector<byte>.Count)
        {
            Span<Vector<byte>> dataVectors = MemoryMarshal.Cast<byte, Vector<byte>>(data);
            ReadOnlySpan<Vector<byte>> keyVectors = MemoryMarshal.Cast<byte, Vector<byte>>(keystream[..data.Length]);
            for (int v = 0; v < dataVectors.Length; v++)
            {
                dataVectors[v] ^= keyVectors[v];
            }

            i = dataVectors.Length * Vector<byte>.Count;
        }

        for (; i < data.Length; i++)
        {
            data[i] ^= keystream[i];
        }
    }
}
