using System.Diagnostics.Metrics;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Sessions;
using Classroom.MediaRelay.Tests.Client;
using Classroom.MediaRelay.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Classroom.MediaRelay.Tests.Http;

/// <summary>The relay reports through the health endpoint's "relay" check and the "Classroom.MediaRelay" meter.</summary>
public sealed class RelayObservabilityTests
{
    [Fact]
    public async Task Health_check_and_meter_report_sessions_and_forwarded_packets()
    {
        await using var host = await RelayTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        await using var publisher = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whip/" + RelayTestHost.Lesson), host.TeacherToken(), SessionRole.Publisher, CancellationToken.None);
        await using var player = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whep/" + RelayTestHost.Lesson), host.ClassroomToken(), SessionRole.Player, CancellationToken.None);
        await NonBrowserClientTests.WaitUntilAsync(() => host.Runtime.Sessions.Count(s => s.State == SessionState.Connected) == 2);
        await NonBrowserClientTests.SendAsync(publisher, 20);
        await NonBrowserClientTests.WaitUntilAsync(() => player.VideoPackets >= 20);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var relay = report.Entries["relay"];
        Assert.Equal(HealthStatus.Healthy, relay.Status);
        Assert.Equal(2, relay.Data["sessions"]);

        // Other tests run relay hosts at the same time: only this host's meter (scoped to its factory).
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        Dictionary<string, long> Read()
        {
            var read = new Dictionary<string, long>();
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MediaRelayMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory)) l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => read[instrument.Name] = value);
            listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => read[instrument.Name] = value);
            listener.Start();
            listener.RecordObservableInstruments();
            return read;
        }

        // A worker counts its round's packets after the batch went out, so the player may hold
        // them a moment before the counter moves. Compared with what the player got, not all 40
        // sent: on a busy machine the kernel may drop a publisher datagram before the relay sees it.
        var delivered = player.AudioPackets + player.VideoPackets;
        await NonBrowserClientTests.WaitUntilAsync(() => Read()["relay.rtp.forwarded"] >= delivered);
        var values = Read();

        Assert.True(values["relay.rtp.forwarded"] >= delivered && delivered >= 20, $"forwarded {values["relay.rtp.forwarded"]}, player got {delivered}");
        Assert.True(values["relay.stun.answered"] >= 2);
        Assert.Equal(2, values["relay.sessions"]);
    }
}
