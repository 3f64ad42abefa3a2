using System.Globalization;

namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>
/// One m= section the answer rejects (port 0, RFC 8829 §5.3.1), with a reason a person can act
/// on. <see cref="Index"/> is the section's place in the offer, <see cref="Mid"/> its a=mid when it
/// had one; the relay logs these as structured fields and returns <see cref="ToString"/> in a 400.
/// </summary>
public sealed record SdpRejection(int Index, string Kind, string? Mid, string Reason)
{
    /// <summary>"m=1 video: no supported codec (offered AV1)".</summary>
    public override string ToString() => $"m={Index.ToString(CultureInfo.InvariantCulture)} {Kind}: {Reason}";
}
