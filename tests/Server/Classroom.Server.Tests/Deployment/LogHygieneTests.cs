using System.Net.Http.Json;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Classroom.Server.Tests.Deployment;

/// <summary>
/// What the real server process writes to its console (stdout and stderr, which journald keeps)
/// while secrets and minors' names pass through it: sign-in, a personal access token, a roster
/// read, a classroom PC's lesson token, a WHEP offer and a hub ticket (also used in a URL, as the
/// pages do). Every log category at Information, so a leak hidden by the shipped "Warning" for
/// ASP.NET Core is found too. The demo's own printout of the accounts and the classroom PC's
/// credential (stdout by design, once at first start) is cut out before the search.
/// </summary>
public sealed partial class LogHygieneTests
{
    private const string Password = "classroom-2026";

    [Fact]
    public async Task The_server_log_of_a_whole_lesson_flow_holds_no_token_credential_ticket_ice_password_or_student_name()
    {
        var server = await ServerProcess.StartAsync(ServerProcess.FreeTcpPort(), netns: null,
            "--MediaRelay:ManagementPort", ServerProcess.FreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--MediaRelay:UdpPort", ServerProcess.FreeUdpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--MediaRelay:TcpPort", ServerProcess.FreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default", "Information",
            "--Logging:LogLevel:Microsoft.AspNetCore", "Information",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore", "Information");
        Flow flow;
        try
        {
            flow = await RunFlowAsync(server);
        }
        finally
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }

        var log = WithoutDemoPrintout(server.Output);
        Assert.Contains("Application started", log, StringComparison.Ordinal);
        // The flow really went through the server: the log has the requests (hosting at Information).
        Assert.Contains("/api/me/tokens", log, StringComparison.Ordinal);
        Assert.Contains("/hub/lesson/ticket", log, StringComparison.Ordinal);

        var forbidden = new List<(string What, string Text)>
        {
            ("a join token (JWT)", "eyJ"),
            ("a personal access token", "cr_pat_"),
            ("a device credential", "cr_dev_"),
            ("a hub ticket", "tk_"),
            ("an ICE password", "ice-pwd"),
            ("a password", Password),
            ("the join token itself", flow.JoinToken),
            ("the personal access token itself", flow.AccessToken),
            ("the device credential itself", flow.DeviceCredential),
            ("the hub ticket itself", flow.Ticket),
            ("the offer's ICE password", OfferIcePassword),
        };
        forbidden.AddRange(flow.StudentNames.Select(n => ("a student's name", n)));
        var leaks = forbidden.Where(f => log.Contains(f.Text, StringComparison.Ordinal))
            .Select(f => $"{f.What} ('{f.Text}') in: {LineWith(log, f.Text)}").ToList();
        Assert.True(leaks.Count == 0, "the server log leaks:\n" + string.Join('\n', leaks));
    }

    private sealed record Flow(string AccessToken, string DeviceCredential, string JoinToken, string Ticket, IReadOnlyList<string> StudentNames);

    private static async Task<Flow> RunFlowAsync(ServerProcess server)
    {
        var claim = DemoClaimPrinted().Match(server.Output) is { Success: true } m ? m.Groups : throw new InvalidOperationException("the demo printed no classroom PC link:\n" + server.Output);
        var baseUrl = new Uri(server.BaseUrl);
        // The PC claims its credential once with the printed link (an encoder asks for it in the body).
        using var claimer = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var claimed = await DeploymentClient.ReadAsync(await claimer.PostAsJsonAsync($"/api/devices/pairing/{claim[1].Value}/claim", new { pollSecret = claim[2].Value, body = true }), HttpStatusCode.OK);
        var credential = (string)claimed["credential"]!;
        Assert.StartsWith("cr_dev_", credential, StringComparison.Ordinal);

        // The district admin signs in on the page and makes a personal access token for a script.
        using var admin = new DeploymentClient(baseUrl);
        await admin.SignInAsync("admin", Password);
        var created = await DeploymentClient.ReadAsync(await admin.SendAsync(HttpMethod.Post, "/api/me/tokens", new { name = "log hygiene", days = 1 }), HttpStatusCode.Created);
        var pat = (string)created["token"]!;
        Assert.StartsWith("cr_pat_", pat, StringComparison.Ordinal);

        // The classroom PC reads its lesson with its credential.
        using var device = Bearer(baseUrl, credential);
        var kiosk = await DeploymentClient.ReadAsync(await device.GetAsync(new Uri("/api/device/lesson", UriKind.Relative)), HttpStatusCode.OK);
        var classroomId = (long)kiosk["classroomId"]!;
        if (kiosk["current"] is null && kiosk["next"] is null)
        {
            // The demo pairs the week it was seeded in; late in that week nothing is left, so the
            // admin pairs the coming seven days (Shanghai dates, as the alliance's clock has them).
            var today = DateOnly.FromDateTime(DateTimeOffset.Parse((string)kiosk["now"]!, System.Globalization.CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8)).DateTime);
            // Solving is a job: queued (202), then its state is polled until it ends.
            var solve = await admin.SendAsync(HttpMethod.Post, "/api/alliances/1/solve",
                new { from = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), to = today.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
            var job = solve.Headers.Location!;
            await DeploymentClient.ReadAsync(solve, HttpStatusCode.Accepted);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while ((string?)(await DeploymentClient.ReadAsync(await admin.SendAsync(HttpMethod.Get, job.ToString()), HttpStatusCode.OK))["state"] is "queued" or "running")
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(90), "the solve job did not finish in time");
                await Task.Delay(100);
            }

            kiosk = await DeploymentClient.ReadAsync(await device.GetAsync(new Uri("/api/device/lesson", UriKind.Relative)), HttpStatusCode.OK);
        }

        // The script reads that room's roster (minors' names) with the token.
        using var script = Bearer(baseUrl, pat);
        var roster = await DeploymentClient.ReadAsync(await script.GetAsync(new Uri($"/api/classrooms/{classroomId}/roster", UriKind.Relative)), HttpStatusCode.OK);
        var names = roster.AsArray().Select(r => (string)r!["displayName"]!).ToList();
        Assert.NotEmpty(names);

        // The PC's join token: the current lesson's from the kiosk call, else it joins its next lesson.
        string lessonId, joinToken;
        if (kiosk["current"] is JsonObject current && (string?)current["token"] is { } token)
        {
            (lessonId, joinToken) = ((string)current["lessonId"]!, token);
        }
        else
        {
            lessonId = (string?)kiosk["next"]?["lessonId"] ?? throw new InvalidOperationException("the demo room has no current or next lesson: " + kiosk.ToJsonString());
            var joined = await DeploymentClient.ReadAsync(await device.PostAsync(new Uri($"/api/lessons/{lessonId}/join", UriKind.Relative), null), HttpStatusCode.OK);
            joinToken = (string)joined["token"]!;
        }

        Assert.StartsWith("eyJ", joinToken, StringComparison.Ordinal);
        using var media = Bearer(baseUrl, joinToken);

        // A WHEP offer: whatever the relay makes of it, the token must have been accepted (not 401/403).
        using (var offer = new HttpRequestMessage(HttpMethod.Post, $"/whep/{lessonId}") { Content = new StringContent(Offer, Encoding.UTF8) })
        {
            offer.Content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
            using var answer = await media.SendAsync(offer);
            Assert.True(answer.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                $"the relay refused the PC's join token: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            if (answer.StatusCode == HttpStatusCode.Created && answer.Headers.Location is { } resource)
                using (await media.DeleteAsync(resource)) { }
        }

        // A hub ticket for the SignalR URL, and the URL itself as the page uses it.
        var issued = await DeploymentClient.ReadAsync(await media.PostAsync(new Uri("/hub/lesson/ticket", UriKind.Relative), null), HttpStatusCode.OK);
        var ticket = (string)issued["ticket"]!;
        Assert.StartsWith("tk_", ticket, StringComparison.Ordinal);
        using var anonymous = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        using (var negotiate = await anonymous.PostAsync(new Uri($"/hub/lesson/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(ticket)}", UriKind.Relative), null))
            Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);

        return new Flow(pat, credential, joinToken, ticket, names);
    }

    private static HttpClient Bearer(Uri baseUrl, string token)
    {
        var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// The log with exactly the demo printout removed: from its first line to the line with the
    /// classroom PC's link. Everything else — before it and after it — is searched.
    /// </summary>
    private static string WithoutDemoPrintout(string output)
    {
        var start = output.IndexOf("Demo accounts (password", StringComparison.Ordinal);
        Assert.True(start >= 0, "the demo printout was not found");
        var link = output.IndexOf("#claim=", start, StringComparison.Ordinal);
        Assert.True(link >= 0, "the demo printout has no classroom PC link");
        var end = output.IndexOf('\n', link);
        return output[..start] + output[(end < 0 ? output.Length : end + 1)..];
    }

    private static string LineWith(string log, string text)
    {
        var i = log.IndexOf(text, StringComparison.Ordinal);
        var from = log.LastIndexOf('\n', i) + 1;
        var to = log.IndexOf('\n', i);
        return log[from..(to < 0 ? log.Length : to)];
    }

    private const string OfferIcePassword = "LogHygieneIcePassword0123456789";

    /// <summary>A browser-like WHEP offer (receive audio and video), with an ICE password the log must not show.</summary>
    private static readonly string Offer = string.Join("\r\n",
        "v=0",
        "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0 1",
        "a=msid-semantic: WMS",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111",
        "c=IN IP4 0.0.0.0",
        "a=rtcp:9 IN IP4 0.0.0.0",
        "a=ice-ufrag:lgHy",
        "a=ice-pwd:" + OfferIcePassword,
        "a=ice-options:trickle",
        "a=fingerprint:sha-256 3A:96:6D:57:B2:C2:C7:61:A0:46:3E:1C:97:39:D3:F7:0A:88:A0:B1:EC:03:FB:0A:A2:9C:36:1E:06:06:1B:10",
        "a=setup:actpass",
        "a=mid:0",
        "a=recvonly",
        "a=rtcp-mux",
        "a=rtpmap:111 opus/48000/2",
        "m=video 9 UDP/TLS/RTP/SAVPF 96",
        "c=IN IP4 0.0.0.0",
        "a=rtcp:9 IN IP4 0.0.0.0",
        "a=ice-ufrag:lgHy",
        "a=ice-pwd:" + OfferIcePassword,
        "a=ice-options:trickle",
        "a=fingerprint:sha-256 3A:96:6D:57:B2:C2:C7:61:A0:46:3E:1C:97:39:D3:F7:0A:88:A0:B1:EC:03:FB:0A:A2:9C:36:1E:06:06:1B:10",
        "a=setup:actpass",
        "a=mid:1",
        "a=recvonly",
        "a=rtcp-mux",
        "a=rtcp-rsize",
        "a=rtpmap:96 VP8/90000",
        "a=rtcp-fb:96 nack",
        "a=rtcp-fb:96 nack pli",
        "");

    [GeneratedRegex(@"#claim=([0-9]+)\.([0-9a-f]+)")]
    private static partial Regex DemoClaimPrinted();
}
