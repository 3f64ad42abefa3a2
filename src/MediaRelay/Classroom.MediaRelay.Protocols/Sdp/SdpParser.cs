using System.Globalization;

namespace Classroom.MediaRelay.Protocols.Sdp;

/// <summary>
/// Parses an SDP offer or answer (RFC 8866 §5) into <see cref="SessionDescription"/>. Line order
/// follows §5 loosely (browsers are consistent, other clients less so); what must hold: the
/// first line is v=0, o= has six fields, every line is "&lt;letter&gt;=&lt;value&gt;", m= lines
/// have port, protocol and formats, and attributes this model types are well formed. Never
/// throws on bad input; the size limit (64 KiB) is the caller's.
/// </summary>
public static class SdpParser
{
    /// <summary>Parses <paramref name="text"/>; CRLF or LF line endings.</summary>
    public static SdpParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var session = new SessionDescription();
        MediaDescription? media = null;
        bool sawVersion = false;
        bool sawOrigin = false;
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=' || line[0] is < 'a' or > 'z')
            {
                return SdpParseResult.Fail(lineNumber, "expected '<type>=<value>'");
            }

            char type = line[0];
            string value = line[2..];
            if (!sawVersion)
            {
                if (type != 'v' || value != "0")
                {
                    return SdpParseResult.Fail(lineNumber, "an SDP starts with v=0");
                }

                sawVersion = true;
                continue;
            }

            string? error;
            switch (type)
            {
                case 'o':
                    string[] origin = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (origin.Length != 6)
                    {
                        return SdpParseResult.Fail(lineNumber, "o= needs six fields");
                    }

                    session.Origin = new SdpOrigin(origin[0], origin[1], origin[2], origin[3], origin[4], origin[5]);
                    sawOrigin = true;
                    break;
                case 's':
                    session.SessionName = value;
                    break;
                case 't':
                    session.Timing = value;
                    break;
                case 'c':
                    if (media is not null)
                    {
                        media.Connection = value;
                    }

                    break;
                case 'm':
                    if (!sawOrigin)
                    {
                        return SdpParseResult.Fail(lineNumber, "o= must come before m=");
                    }

                    media = ParseMediaLine(value, out error);
                    if (media is null)
                    {
                        return SdpParseResult.Fail(lineNumber, error!);
                    }

                    session.Media.Add(media);
                    break;
                case 'a':
                    error = media is null ? SdpAttributeParser.ApplySession(session, value) : SdpAttributeParser.ApplyMedia(media, value);
                    if (error is not null)
                    {
                        return SdpParseResult.Fail(lineNumber, error);
                    }

                    break;
                default:
                    break; // i=, u=, e=, p=, b=, r=, z=, k=: not used by WebRTC, ignored (RFC 8866 §5)
            }
        }

        if (!sawVersion || !sawOrigin)
        {
            return SdpParseResult.Fail(0, "an SDP needs a v=0 line and an o= line");
        }

        return SdpParseResult.Ok(session);
    }

    private static MediaDescription? ParseMediaLine(string value, out string? error)
    {
        error = null;
        string[] parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4)
        {
            error = "m= needs media, port, protocol and at least one format";
            return null;
        }

        string portText = parts[1];
        int slash = portText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            portText = portText[..slash];
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            error = $"m= port '{parts[1]}' is not a number in 0..65535";
            return null;
        }

        var media = new MediaDescription { Kind = parts[0], Port = port, Protocol = parts[2], Connection = null };
        media.Formats.AddRange(parts.Skip(3));
        return media;
    }
}
