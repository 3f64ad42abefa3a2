using System.Diagnostics.CodeAnalysis;

namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>
/// Outcome of <see cref="SdpParser.Parse"/>: a description, or a reason naming the line, which the
/// WHIP/WHEP endpoint returns as an RFC 9457 problem (400) for field "sdp".
/// </summary>
public sealed class SdpParseResult
{
    private SdpParseResult(SessionDescription? description, string? error, int line)
    {
        Description = description;
        Error = error;
        Line = line;
    }

    /// <summary>The parsed description when <see cref="Success"/>.</summary>
    public SessionDescription? Description { get; }

    /// <summary>Why parsing failed.</summary>
    public string? Error { get; }

    /// <summary>1-based line number of the failure (0 when not tied to a line).</summary>
    public int Line { get; }

    /// <summary>True when a description was produced.</summary>
    [MemberNotNullWhen(true, nameof(Description))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Description is not null;

    internal static SdpParseResult Ok(SessionDescription description) => new(description, null, 0);

    internal static SdpParseResult Fail(int line, string error) =>
        new(null, line > 0 ? $"line {line}: {error}" : error, line);
}
