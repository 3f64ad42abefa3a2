using System.Buffers.Binary;
using System.Diagnostics;

namespace Classroom.LoadTool.Stream;

/// <summary>
/// The publisher's send time, carried in the last 12 bytes of every synthetic payload: the magic
/// "CLTS" and the <see cref="Stopwatch"/> timestamp in nanoseconds, big-endian. On Linux the
/// stopwatch is CLOCK_MONOTONIC, one clock for every process of the host, so a player on the same
/// machine subtracts it from its own receive time to get the forwarding delay. An SFU forwards
/// payloads unchanged, so the stamp survives the relay and Janus alike.
/// </summary>
public static class SendStamp
{
    public const int Length = 12;
    private const uint Magic = 0x434C5453; // "CLTS"

    public static long NowNanos() => ToNanos(Stopwatch.GetTimestamp());

    public static long ToNanos(long stopwatchTicks) =>
        (long)((Int128)stopwatchTicks * 1_000_000_000 / Stopwatch.Frequency);

    /// <summary>Writes the stamp into the last <see cref="Length"/> bytes of <paramref name="payload"/>.</summary>
    public static void Write(Span<byte> payload, long sentNanos)
    {
        var tail = payload[^Length..];
        BinaryPrimitives.WriteUInt32BigEndian(tail, Magic);
        BinaryPrimitives.WriteInt64BigEndian(tail[4..], sentNanos);
    }

    /// <summary>Reads the stamp; false when the payload does not end in one (e.g. an ffmpeg feed).</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out long sentNanos)
    {
        sentNanos = 0;
        if (payload.Length < Length) return false;
        var tail = payload[^Length..];
        if (BinaryPrimitives.ReadUInt32BigEndian(tail) != Magic) return false;
        sentNanos = BinaryPrimitives.ReadInt64BigEndian(tail[4..]);
        return true;
    }
}
