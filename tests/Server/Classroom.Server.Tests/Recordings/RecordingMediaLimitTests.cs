using System.Net;
using Classroom.Server.Tests.Scheduler;

namespace Classroom.Server.Tests.Recordings;

/// <summary>A scanner of /media cannot grow the audit log: refusals are limited per address, valid URLs never (docs/replay.md "Audit").</summary>
public sealed class RecordingMediaLimitTests : IDisposable
{
    private readonly SchedulerHost _host = new(roles: "scheduler,hub");

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task Refused_media_requests_past_the_limit_get_429_without_an_audit_entry_and_valid_urls_still_play()
    {
        var world = await RecordingWorld.BuildAsync(_host);
        await world.RecordAsync(_host, "rec-scan-1", _host.Clock.GetUtcNow().AddHours(-1));
        var play = await (await _host.WithToken(world.Student).PostJsonAsync("/api/recordings/rec-scan-1/play", new { })).ReadAsync(HttpStatusCode.OK);
        var url = (string)play["url"]!;
        var token = url.Split('/')[3];
        var anonymous = _host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            var forged = url.Replace(token, token[..^3] + (char)('A' + i % 26) + "x" + token[^1], StringComparison.Ordinal);
            statuses.Add((await anonymous.GetAsync(forged)).StatusCode);
        }

        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.Forbidden));
        Assert.All(statuses.Skip(20), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        var limited = await anonymous.GetAsync(url.Replace(token, token[..^2] + "zz", StringComparison.Ordinal) + "?lang=en");
        var problem = await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", (string?)problem["code"]);
        Assert.Contains("refused requests", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal("60", limited.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Only the refusals within the limit were audited; the signed URL still plays, playlist and segments.
        var audit = (await (await _host.Admin().GetAsync("/api/audit?action=recording.play")).ReadAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(20, audit.Count(r => (string?)r!["outcome"] == "Refused"));
        for (var i = 0; i < 30; i++) Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
    }
}
