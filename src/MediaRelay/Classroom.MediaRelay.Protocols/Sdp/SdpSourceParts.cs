namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>a=ssrc:&lt;ssrc&gt; &lt;attribute&gt;[:&lt;value&gt;] (RFC 5576 §4.1).</summary>
public sealed record SdpSsrc(uint Ssrc, string Attribute, string? Value);

/// <summary>a=ssrc-group:&lt;semantics&gt; &lt;ssrc&gt;... (RFC 5576 §4.2): FID pairs media with RTX, SIM lists layers.</summary>
public sealed record SdpSsrcGroup(string Semantics, IReadOnlyList<uint> Ssrcs);

/// <summary>a=rid:&lt;id&gt; &lt;send|recv&gt; [restrictions] (RFC 8851 §4).</summary>
public sealed record SdpRid(string Id, string Direction, string? Restrictions);

/// <summary>a=simulcast (RFC 8853 §5.1): the raw send and recv stream lists ("h;m;l", "~" = paused).</summary>
public sealed record SdpSimulcast(string? Send, string? Recv)
{
    /// <summary>The rid ids of a list, alternatives (',') flattened and pause markers stripped.</summary>
    public static IReadOnlyList<string> Ids(string? list) =>
        list is null
            ? []
            : list.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(id => id.TrimStart('~'))
                .ToArray();
}
