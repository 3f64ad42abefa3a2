using Classroom.LoadTool.Stream;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Negotiation;

namespace Classroom.LoadTool.Publishing;

/// <summary>The synthetic studio publishing through WHIP with the relay's own client (SRTP), answering keyframe requests.</summary>
public static class WhipPublisher
{
    public static async Task<PacedPublisher> ConnectAsync(HttpClient http, Uri whipUrl, string token, StreamShape shape,
        long runStartNanos, int runSeconds, CancellationToken cancellationToken)
    {
        var client = await RelayClient.ConnectAsync(http, whipUrl, token, SessionRole.Publisher, cancellationToken).ConfigureAwait(false);
        var stream = new SyntheticStream(shape, ClientOfferWriter.OpusPayloadType, ClientOfferWriter.Vp8PayloadType, client.AudioSsrc, client.VideoSsrc);
        var requests = new KeyframeRequestLog(runStartNanos, runSeconds);
        client.Observer = (kind, packet, _) =>
        {
            if (requests.OnRtcp(kind, packet)) stream.RequestKeyframe();
        };
        return new PacedPublisher(stream, new ClientSink(client), requests, client);
    }

    private sealed class ClientSink(RelayClient client) : IRtpSink
    {
        public bool Send(byte payloadType, ushort sequence, uint timestamp, uint ssrc, bool marker, ReadOnlySpan<byte> payload) =>
            client.SendRtp(payloadType, sequence, timestamp, ssrc, marker, payload);
    }
}
