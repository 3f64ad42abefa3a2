namespace Classroom.MediaRelay.Negotiation;

/// <summary>One payload type of an offered m-line (RFC 8866 §6.6 rtpmap, §6.15 fmtp; RFC 4585 rtcp-fb).</summary>
public sealed record OfferedCodec(int PayloadType, string Name, int ClockRate, int Channels, string Fmtp, IReadOnlyList<string> Feedback)
{
    /// <summary>A named fmtp parameter ("packetization-mode"), or null.</summary>
    public string? FmtpValue(string name)
    {
        foreach (var part in Fmtp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part.AsSpan(0, eq).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                return part[(eq + 1)..].Trim();
        }

        return null;
    }
}
