using Classroom.MediaRelay.Dtls;
using Classroom.MediaRelay.Protocols.Srtp;

namespace Classroom.MediaRelay.Tests.Dtls;

public sealed class DtlsHandshakeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(new[] { 7, 1 }, SrtpProfile.AeadAes128Gcm)]
    [InlineData(new[] { 1 }, SrtpProfile.AesCm128HmacSha1_80)]
    public async Task Client_and_server_agree_on_profile_and_keys(int[] offered, SrtpProfile expected)
    {
        using var server = new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), 2, Timeout);
        using var client = new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), 2, Timeout);
        var (serverSide, clientSide) = Wire();

        var accept = server.AcceptAsync(serverSide, client.Certificate.Fingerprint, CancellationToken.None);
        var connect = client.ConnectAsync(clientSide, server.Certificate.Fingerprint, offered, CancellationToken.None);
        var s = await accept;
        var c = await connect;

        Assert.NotNull(s);
        Assert.NotNull(c);
        Assert.Equal(expected, s.Outcome.Profile);
        Assert.Equal(expected, c.Outcome.Profile);
        Assert.Equal(s.Outcome.KeyingMaterial, c.Outcome.KeyingMaterial);
        Assert.Equal(expected.KeyingMaterialLength(), s.Outcome.KeyingMaterial.Length);
        Assert.Equal(client.Certificate.Fingerprint, s.Outcome.PeerFingerprint);
    }

    [Fact]
    public async Task Fingerprint_mismatch_fails_the_handshake()
    {
        using var server = new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), 2, TimeSpan.FromSeconds(3));
        using var client = new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), 2, TimeSpan.FromSeconds(3));
        var (serverSide, clientSide) = Wire();
        var wrong = DtlsCertificate.Create(TimeProvider.System).Fingerprint;

        var accept = server.AcceptAsync(serverSide, wrong, CancellationToken.None);
        var connect = client.ConnectAsync(clientSide, server.Certificate.Fingerprint, SrtpProfiles.Preference, CancellationToken.None);

        Assert.Null(await accept);
        serverSide.Close();
        clientSide.Close();
        Assert.Null(await connect);
    }

    [Fact]
    public async Task Handshakes_beyond_the_concurrency_bound_wait_and_then_complete()
    {
        using var server = new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), maxConcurrent: 1, Timeout);
        using var client = new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), maxConcurrent: 4, Timeout);
        var pairs = Enumerable.Range(0, 4).Select(_ => Wire()).ToArray();

        var accepts = pairs.Select(p => server.AcceptAsync(p.Server, client.Certificate.Fingerprint, CancellationToken.None)).ToArray();
        var connects = pairs.Select(p => client.ConnectAsync(p.Client, server.Certificate.Fingerprint, SrtpProfiles.Preference, CancellationToken.None)).ToArray();

        Assert.All(await Task.WhenAll(accepts), Assert.NotNull);
        Assert.All(await Task.WhenAll(connects), Assert.NotNull);
    }

    internal static (QueuedDatagramTransport Server, QueuedDatagramTransport Client) Wire()
    {
        QueuedDatagramTransport? server = null;
        QueuedDatagramTransport? client = null;
        server = new QueuedDatagramTransport(d => client!.Enqueue(d.Span));
        client = new QueuedDatagramTransport(d => server.Enqueue(d.Span));
        return (server, client);
    }
}
