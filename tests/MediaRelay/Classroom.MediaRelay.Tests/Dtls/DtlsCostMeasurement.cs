using System.Diagnostics;
using Classroom.MediaRelay.Dtls;
using Xunit.Abstractions;

namespace Classroom.MediaRelay.Tests.Dtls;

/// <summary>
/// What a join's DTLS costs (docs/bench-join.md): 100 full handshakes between two handshakers over
/// in-memory transports, every one must succeed; prints CPU per handshake (both sides) and the
/// managed memory the server side keeps per finished association. The printed numbers are only
/// meaningful when this test runs alone:
/// <c>dotnet test … --filter FullyQualifiedName~DtlsCostMeasurement --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class DtlsCostMeasurement(ITestOutputHelper output)
{
    private const int Handshakes = 100;

    [Fact]
    public async Task Hundred_handshakes_succeed_and_report_their_cost()
    {
        using var server = new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), 64, TimeSpan.FromSeconds(10));
        using var client = new DtlsHandshaker(DtlsCertificate.Create(TimeProvider.System), 64, TimeSpan.FromSeconds(10));
        for (var i = 0; i < 5; i++) await HandshakeAsync(server, client); // JIT and curve tables warm.

        var kept = new List<object>(Handshakes);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < Handshakes; i++) kept.Add(await HandshakeAsync(server, client));
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Handshakes;
        var keptKb = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / 1024.0 / Handshakes;

        Assert.Equal(Handshakes, kept.Count);
        output.WriteLine($"per handshake: {cpuMs:0.0} ms CPU (client + server); server side keeps {keptKb:0.0} KB per association");
        GC.KeepAlive(kept);
    }

    /// <summary>One handshake; returns what the relay keeps of it (its channel and transport).</summary>
    private static async Task<object> HandshakeAsync(DtlsHandshaker server, DtlsHandshaker client)
    {
        var (serverSide, clientSide) = DtlsHandshakeTests.Wire();
        var accept = server.AcceptAsync(serverSide, client.Certificate.Fingerprint, CancellationToken.None);
        var connect = client.ConnectAsync(clientSide, server.Certificate.Fingerprint, SrtpProfiles.Preference, CancellationToken.None);
        var accepted = await accept;
        var connected = await connect;
        Assert.NotNull(accepted);
        Assert.NotNull(connected);
        connected.Close();
        return (accepted, serverSide);
    }
}
