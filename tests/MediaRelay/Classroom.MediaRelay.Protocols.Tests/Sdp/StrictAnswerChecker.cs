namespace Classroom.MediaRelay.Protocols.Tests.Sdp;

/// <summary>
/// Reads an answer's text line by line, without the relay's own parser, and lists what a strict
/// peer would refuse. The rules are the union of what GStreamer's webrtcbin validates before it
/// applies a remote description and what RFC 8843 asks of a BUNDLE answer:
/// <list type="bullet">
/// <item>every m= section has a non-empty a=mid, and mids are unique;</item>
/// <item>every section has a=ice-ufrag and a=ice-pwd, in the section or at session level;</item>
/// <item>every section has a=setup in the section itself, one of actpass/active/passive;</item>
/// <item>every section has a fingerprint, in the section or at session level, never at both
///   levels (webrtcbin refuses that, calling it "No fingerprint lines in sdp for media N"), and all
///   fingerprints are equal;</item>
/// <item>the BUNDLE group names exactly the accepted (port ≠ 0) sections, and bundled sections
///   that carry ICE credentials carry the same ones;</item>
/// <item>every accepted section has a=rtcp-mux; an answer never says a=bundle-only (RFC 8843 §6);</item>
/// <item>the answer has as many sections as the offer, same kinds and mids, same order.</item>
/// </list>
/// </summary>
internal static class StrictAnswerChecker
{
    private sealed class Block
    {
        public string? MLine { get; set; }
        public List<(string Name, string? Value)> Attributes { get; } = [];

        public string? Get(string name) => Attributes.FirstOrDefault(a => a.Name == name).Value;

        public int Count(string name) => Attributes.Count(a => a.Name == name);

        public bool Has(string name) => Attributes.Any(a => a.Name == name);

        public string Kind => MLine!.Split(' ')[0];

        public int Port => int.Parse(MLine!.Split(' ')[1].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static IReadOnlyList<string> Problems(string answerText, string offerText)
    {
        var problems = new List<string>();
        (Block session, List<Block> media) = Read(answerText, problems);
        (_, List<Block> offered) = Read(offerText, problems);

        if (media.Count != offered.Count)
        {
            problems.Add($"answer has {media.Count} m= sections, the offer {offered.Count}");
        }

        for (int i = 0; i < Math.Min(media.Count, offered.Count); i++)
        {
            if (media[i].Kind != offered[i].Kind || media[i].Get("mid") != offered[i].Get("mid"))
            {
                problems.Add($"media {i}: kind/mid {media[i].Kind}/{media[i].Get("mid")} does not match the offer's {offered[i].Kind}/{offered[i].Get("mid")}");
            }
        }

        string? sessionFingerprint = session.Get("fingerprint");
        string? fingerprint = sessionFingerprint;
        var mids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < media.Count; i++)
        {
            Block m = media[i];
            string? mid = m.Get("mid");
            if (string.IsNullOrEmpty(mid))
            {
                problems.Add($"media {i} is missing or contains an empty 'mid' attribute");
            }
            else if (!mids.Add(mid))
            {
                problems.Add($"media {i}: mid '{mid}' is used twice");
            }

            if (string.IsNullOrEmpty(m.Get("ice-ufrag") ?? session.Get("ice-ufrag")))
            {
                problems.Add($"media {i} is missing or contains an empty 'ice-ufrag' attribute");
            }

            if (string.IsNullOrEmpty(m.Get("ice-pwd") ?? session.Get("ice-pwd")))
            {
                problems.Add($"media {i} is missing or contains an empty 'ice-pwd' attribute");
            }

            if (m.Get("setup") is not ("actpass" or "active" or "passive"))
            {
                problems.Add($"media {i} is missing or contains an empty 'setup' attribute");
            }

            string? mediaFingerprint = m.Get("fingerprint");
            if (m.Count("fingerprint") > 1)
            {
                problems.Add($"media {i} has more than one fingerprint");
            }

            if (mediaFingerprint is null && sessionFingerprint is null)
            {
                problems.Add($"media {i} has no fingerprint in the section or at session level");
            }
            else if (mediaFingerprint is not null && sessionFingerprint is not null)
            {
                problems.Add($"media {i} has a fingerprint at session and media level (webrtcbin: \"No fingerprint lines in sdp for media {i}\")");
            }
            else if (mediaFingerprint is not null)
            {
                fingerprint ??= mediaFingerprint;
                if (fingerprint != mediaFingerprint)
                {
                    problems.Add($"media {i}: fingerprint differs from the previous one");
                }
            }

            if (fingerprint is not null && !fingerprint.StartsWith("sha-256 ", StringComparison.Ordinal))
            {
                problems.Add($"media {i}: fingerprint is not sha-256");
            }

            if (m.Has("bundle-only"))
            {
                problems.Add($"media {i}: a=bundle-only in an answer");
            }

            if (m.Port != 0 && !m.Has("rtcp-mux"))
            {
                problems.Add($"media {i}: accepted without a=rtcp-mux");
            }
        }

        string[]? group = session.Attributes.Where(a => a.Name == "group" && a.Value!.StartsWith("BUNDLE", StringComparison.Ordinal))
            .Select(a => a.Value!.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]).FirstOrDefault();
        string[] acceptedMids = media.Where(m => m.Port != 0).Select(m => m.Get("mid") ?? string.Empty).ToArray();
        if (group is null)
        {
            if (acceptedMids.Length > 1)
            {
                problems.Add("several accepted sections without a BUNDLE group");
            }
        }
        else
        {
            foreach (string mid in acceptedMids.Except(group))
            {
                problems.Add($"accepted mid '{mid}' is not in the BUNDLE group");
            }

            foreach (string mid in group.Except(acceptedMids))
            {
                problems.Add($"BUNDLE names '{mid}', which is not an accepted section");
            }

            string?[] ufrags = media.Where(m => group.Contains(m.Get("mid"))).Select(m => m.Get("ice-ufrag")).Where(u => u is not null).Distinct().ToArray();
            string?[] pwds = media.Where(m => group.Contains(m.Get("mid"))).Select(m => m.Get("ice-pwd")).Where(p => p is not null).Distinct().ToArray();
            if (ufrags.Length > 1 || pwds.Length > 1)
            {
                problems.Add("bundled sections have different ICE credentials");
            }
        }

        return problems;
    }

    private static (Block Session, List<Block> Media) Read(string text, List<string> problems)
    {
        var session = new Block();
        var media = new List<Block>();
        Block current = session;
        foreach (string raw in text.Split("\r\n"))
        {
            if (raw.Length == 0)
            {
                continue;
            }

            if (raw.Contains('\n', StringComparison.Ordinal) || raw.Length < 2 || raw[1] != '=')
            {
                problems.Add($"line '{raw}' is not a CRLF-terminated '<type>=<value>' line");
                continue;
            }

            string value = raw[2..];
            switch (raw[0])
            {
                case 'm':
                    current = new Block { MLine = value };
                    media.Add(current);
                    break;
                case 'a':
                    int colon = value.IndexOf(':', StringComparison.Ordinal);
                    current.Attributes.Add(colon < 0 ? (value, null) : (value[..colon], value[(colon + 1)..]));
                    break;
            }
        }

        return (session, media);
    }
}
