using System.Buffers.Binary;
using System.Text;

namespace Classroom.MediaRelay.Ingest.Rtmp;

/// <summary>
/// The part of AMF0 (Adobe "Action Message Format AMF 0", §2) that RTMP commands use: numbers,
/// booleans, strings, null/undefined, objects and ECMA arrays. Reading is bounded (depth, count)
/// and returns false on anything short or unknown; values come back as double, bool, string,
/// null or a dictionary.
/// </summary>
internal static class Amf0
{
    private const byte Number = 0x00, Boolean = 0x01, String = 0x02, Object = 0x03, Null = 0x05, Undefined = 0x06, EcmaArray = 0x08, ObjectEnd = 0x09, LongString = 0x0C;
    private const int MaxDepth = 8, MaxEntries = 256;

    /// <summary>Reads every value of a command message body (name, transaction id, arguments).</summary>
    public static bool TryReadAll(ReadOnlySpan<byte> input, out List<object?> values)
    {
        values = [];
        var offset = 0;
        while (offset < input.Length)
        {
            if (values.Count >= MaxEntries || !TryRead(input, ref offset, 0, out var value)) return false;
            values.Add(value);
        }

        return true;
    }

    private static bool TryRead(ReadOnlySpan<byte> input, ref int offset, int depth, out object? value)
    {
        value = null;
        if (offset >= input.Length || depth > MaxDepth) return false;
        var marker = input[offset++];
        switch (marker)
        {
            case Number:
                if (input.Length - offset < 8) return false;
                value = BinaryPrimitives.ReadDoubleBigEndian(input[offset..]);
                offset += 8;
                return true;
            case Boolean:
                if (offset >= input.Length) return false;
                value = input[offset++] != 0;
                return true;
            case String:
                if (!TryReadString(input, ref offset, out var text)) return false;
                value = text;
                return true;
            case LongString:
                if (input.Length - offset < 4) return false;
                var length = BinaryPrimitives.ReadUInt32BigEndian(input[offset..]);
                offset += 4;
                if (length > (uint)(input.Length - offset)) return false;
                value = Encoding.UTF8.GetString(input.Slice(offset, (int)length));
                offset += (int)length;
                return true;
            case Null or Undefined:
                return true;
            case EcmaArray:
                if (input.Length - offset < 4) return false;
                offset += 4; // count hint: the entries end with an object-end marker as in an object
                goto case Object;
            case Object:
                var entries = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (true)
                {
                    if (!TryReadString(input, ref offset, out var key)) return false;
                    if (key.Length == 0 && offset < input.Length && input[offset] == ObjectEnd)
                    {
                        offset++;
                        value = entries;
                        return true;
                    }

                    if (entries.Count >= MaxEntries || !TryRead(input, ref offset, depth + 1, out var entry)) return false;
                    entries[key] = entry;
                }

            default:
                return false;
        }
    }

    private static bool TryReadString(ReadOnlySpan<byte> input, ref int offset, out string value)
    {
        value = string.Empty;
        if (input.Length - offset < 2) return false;
        var length = BinaryPrimitives.ReadUInt16BigEndian(input[offset..]);
        offset += 2;
        if (length > input.Length - offset) return false;
        value = Encoding.UTF8.GetString(input.Slice(offset, length));
        offset += length;
        return true;
    }

    /// <summary>Writes values (double, bool, string, null, or a list of key/value pairs as an object).</summary>
    public static byte[] Write(params object?[] values)
    {
        using var stream = new MemoryStream();
        foreach (var value in values) WriteValue(stream, value);
        return stream.ToArray();
    }

    private static void WriteValue(MemoryStream s, object? value)
    {
        Span<byte> eight = stackalloc byte[8];
        switch (value)
        {
            case null:
                s.WriteByte(Null);
                break;
            case double d:
                s.WriteByte(Number);
                BinaryPrimitives.WriteDoubleBigEndian(eight, d);
                s.Write(eight);
                break;
            case int i:
                WriteValue(s, (double)i);
                break;
            case bool b:
                s.WriteByte(Boolean);
                s.WriteByte(b ? (byte)1 : (byte)0);
                break;
            case string text:
                s.WriteByte(String);
                WriteString(s, text);
                break;
            case IEnumerable<KeyValuePair<string, object?>> entries:
                s.WriteByte(Object);
                foreach (var (key, entry) in entries)
                {
                    WriteString(s, key);
                    WriteValue(s, entry);
                }

                WriteString(s, string.Empty);
                s.WriteByte(ObjectEnd);
                break;
            default:
                throw new ArgumentException($"AMF0 cannot write {value.GetType().Name}", nameof(value));
        }
    }

    private static void WriteString(MemoryStream s, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> two = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(two, (ushort)Math.Min(bytes.Length, ushort.MaxValue));
        s.Write(two);
        s.Write(bytes, 0, Math.Min(bytes.Length, ushort.MaxValue));
    }
}
