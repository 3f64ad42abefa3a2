namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>a=rtpmap:&lt;pt&gt; &lt;name&gt;/&lt;clock&gt;[/&lt;channels&gt;] (RFC 8866 §6.6).</summary>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels);

/// <summary>a=fmtp:&lt;pt&gt; &lt;parameters&gt; (RFC 8866 §6.15), parameters kept as written.</summary>
public sealed record SdpFmtp(int PayloadType, string Parameters)
{
    /// <summary>Looks up "key=value" in a ';'-separated parameter list (case-insensitive keys).</summary>
    public string? Get(string key)
    {
        foreach (string part in Parameters.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part[..eq].Trim().Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return part[(eq + 1)..].Trim();
            }
        }

        return null;
    }
}

/// <summary>a=rtcp-fb:&lt;pt|*&gt; &lt;type&gt; [&lt;parameter&gt;] (RFC 4585 §4.2); PayloadType −1 means "*".</summary>
public sealed record SdpRtcpFeedback(int PayloadType, string Type, string? Parameter)
{
    /// <summary>"nack pli" style text.</summary>
    public string Text => Parameter is null ? Type : $"{Type} {Parameter}";
}

/// <summary>a=extmap:&lt;id&gt;[/&lt;direction&gt;] &lt;uri&gt; [&lt;attributes&gt;] (RFC 8285 §8).</summary>
public sealed record SdpExtmap(int Id, string Uri, string? Direction = null, string? Attributes = null);

/// <summary>One payload type with everything said about it in a media section.</summary>
public sealed record SdpCodec(int PayloadType, string EncodingName, int ClockRate, int? Channels, string? Parameters, IReadOnlyList<SdpRtcpFeedback> Feedback)
{
    /// <summary>Parsed fmtp, or an empty one.</summary>
    public SdpFmtp Fmtp => new(PayloadType, Parameters ?? string.Empty);
}
