using System.Net;
using System.Text.Json.Nodes;
using Classroom.Testing.Network;

namespace Classroom.Server.Tests.Deployment;

/// <summary>
/// The shipped deployment shape (issue 9): the real server process on 127.0.0.1 behind a real nginx
/// configured from infra/nginx-classroom.conf, both inside a network namespace of their own; the
/// test is the client on the other end of a veth pair, so requests arrive at nginx from a real,
/// non-loopback address and nginx reaches the server over loopback.
/// </summary>
public sealed class NginxDeployment : IAsyncLifetime
{
    // 10.231.60.0/30: the test's side is .1 (the client), the namespace's veth end is .2 (nginx).
    private const int Subnet = 60;
    private const int ServerPort = 5080;

    private VethNamespace? _ns;
    private ServerProcess? _server;
    private NginxProcess? _nginx;

    public IPAddress ClientAddress => _ns!.HostAddress;

    public Uri PublicUrl => new($"http://{_ns!.PeerAddress}/");

    public ServerProcess Server => _server!;

    public NginxProcess Nginx => _nginx!;

    /// <summary>The demo school admin's own school (from their grant) and another school of alliance 1 (as the district admin sees it).</summary>
    public (long Own, long Other) Schools { get; private set; }

    public DeploymentClient NewClient() => new(PublicUrl, ServerProcess.PublicHostName);

    public async Task InitializeAsync()
    {
        _ns = await VethNamespace.CreateAsync(Subnet);
        _server = await ServerProcess.StartAsync(ServerPort, _ns.Name);
        _nginx = await NginxProcess.StartAsync(_ns.PeerAddress, ServerPort, _ns.Name);
        using var probe = NewClient();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ready = false;
        while (true)
        {
            try
            {
                using var health = await probe.Http.GetAsync(new Uri("/health", UriKind.Relative), bound.Token);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    // Read once here: every client shares one address, and sign-in allows 10 a minute per address.
                    ready = true;
                    break;
                }
            }
            catch (HttpRequestException) when (!bound.IsCancellationRequested)
            {
                // nginx or the server not answering yet.
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await Task.Delay(200, bound.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        if (ready)
        {
            Schools = await FindSchoolsAsync();
            return;
        }

        throw new TimeoutException($"/health through nginx did not answer 200 within 30 s.\nserver:\n{_server.Output}\nnginx:\n{_nginx.Output}\n{_nginx.ErrorLog}");
    }

    private async Task<(long Own, long Other)> FindSchoolsAsync()
    {
        using var school = NewClient();
        await school.SignInAsync("school", BehindNginxTests.Password);
        var me = await DeploymentClient.ReadAsync(await school.GetAsync("/api/me"), HttpStatusCode.OK);
        var own = (long)me["grants"]!.AsArray().Single(g => (string?)g!["role"] == "school-admin")!["schoolId"]!;
        using var admin = NewClient();
        await admin.SignInAsync("admin", BehindNginxTests.Password);
        var schools = await DeploymentClient.ReadAsync(await admin.GetAsync("/api/alliances/1/schools"), HttpStatusCode.OK);
        var other = schools.AsArray().Select(s => (long)s!["id"]!).First(id => id != own);
        return (own, other);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null) await _nginx.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        if (_ns is not null) await _ns.DisposeAsync();
    }
}

public sealed class BehindNginxTests(NginxDeployment deployment) : IClassFixture<NginxDeployment>
{
    internal const string Password = "classroom-2026";

    [Fact]
    public void The_test_nginx_config_keeps_every_shipped_proxy_header_and_only_drops_tls()
    {
        var shipped = File.ReadAllText(NginxProcess.ShippedConfig);
        var generated = NginxProcess.ServerBlockFromShipped(shipped, IPAddress.Parse("10.231.60.2"), 5080);
        var headers = shipped.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("proxy_set_header ", StringComparison.Ordinal)).ToList();
        Assert.Contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", headers);
        Assert.Contains("proxy_set_header Host $host;", headers);
        // Every shipped line except listen/ssl_* is in the generated block, in the same number.
        foreach (var line in shipped.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')
                     && !l.StartsWith("listen ", StringComparison.Ordinal) && !l.StartsWith("ssl_", StringComparison.Ordinal)
                     && !l.StartsWith("proxy_pass ", StringComparison.Ordinal) && l != "}" && !l.StartsWith("server {", StringComparison.Ordinal)))
        {
            Assert.Equal(Count(shipped, line), Count(generated, line));
        }

        Assert.DoesNotContain("ssl", generated, StringComparison.Ordinal);
        Assert.Contains("listen 10.231.60.2:80;", generated, StringComparison.Ordinal);
        Assert.Equal(Count(shipped, "proxy_pass "), Count(generated, "proxy_pass http://127.0.0.1:5080;"));
    }

    [Fact]
    public async Task An_anonymous_caller_through_nginx_gets_the_page_but_no_data_and_cannot_delete_an_alliance()
    {
        using var anonymous = deployment.NewClient();
        using (var alliance = await anonymous.GetAsync("/api/alliances/1"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, alliance.StatusCode);
            Assert.Equal("application/problem+json", alliance.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(await alliance.Content.ReadAsStringAsync())!;
            Assert.Equal("unauthorized", (string?)problem["code"]);
        }

        using (var page = await anonymous.GetAsync("/vue/admin.html"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        using (var me = await anonymous.GetAsync("/api/me")) Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        using (var delete = await anonymous.SendAsync(HttpMethod.Delete, "/api/alliances/1")) Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);

        using var admin = deployment.NewClient();
        await admin.SignInAsync("admin", Password);
        var alliance1 = await DeploymentClient.ReadAsync(await admin.GetAsync("/api/alliances/1"), HttpStatusCode.OK);
        Assert.Equal(1, (long)alliance1["id"]!);
    }

    [Fact]
    public async Task A_school_admin_through_nginx_reads_their_own_school_and_is_refused_the_other_schools_and_the_alliance()
    {
        var (own, other) = deployment.Schools;
        using var school = deployment.NewClient();
        await school.SignInAsync("school", Password);
        await DeploymentClient.ReadAsync(await school.GetAsync($"/api/schools/{own}/classrooms"), HttpStatusCode.OK);
        var refused = await DeploymentClient.ReadAsync(await school.GetAsync($"/api/schools/{other}/classrooms"), HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", (string?)refused["code"]);
        await DeploymentClient.ReadAsync(await school.GetAsync("/api/alliances/1"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_audit_log_shows_refused_calls_with_the_clients_real_address_not_nginxs_nor_a_forged_one()
    {
        var (_, other) = deployment.Schools;
        using (var anonymous = deployment.NewClient())
        {
            using var delete = await anonymous.SendAsync(HttpMethod.Delete, "/api/alliances/1");
            Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
        }

        using var school = deployment.NewClient();
        await school.SignInAsync("school", Password);
        var subject = (string)(await DeploymentClient.ReadAsync(await school.GetAsync("/api/me"), HttpStatusCode.OK))["subject"]!;
        // A client naming its own address: nginx appends the real one and the server believes one hop only.
        using (var forged = await school.SendAsync(HttpMethod.Get, $"/api/schools/{other}/classrooms", headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.9" }))
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        using (var alliance = await school.GetAsync("/api/alliances/1")) Assert.Equal(HttpStatusCode.Forbidden, alliance.StatusCode);

        using var admin = deployment.NewClient();
        await admin.SignInAsync("admin", Password);
        var rows = (await DeploymentClient.ReadAsync(await admin.GetAsync("/api/audit"), HttpStatusCode.OK)).AsArray().Select(r => r!).ToList();
        var client = deployment.ClientAddress.ToString();
        var anonymousDelete = rows.Where(r => (string?)r["action"] == "DELETE /api/alliances/{id:long}" && (int)r["status"]! == 401).ToList();
        Assert.NotEmpty(anonymousDelete);
        Assert.All(anonymousDelete, r => Assert.Equal(client, (string?)r["clientAddress"]));
        var schoolRefusals = rows.Where(r => (string?)r["subject"] == subject && (int)r["status"]! == 403).ToList();
        Assert.Contains(schoolRefusals, r => (string?)r["action"] == "GET /api/schools/{id:long}/classrooms" && ((string?)r["target"] ?? "").Contains($"id={other}", StringComparison.Ordinal));
        Assert.Contains(schoolRefusals, r => (string?)r["action"] == "GET /api/alliances/{id:long}");
        Assert.All(schoolRefusals, r => Assert.Equal(client, (string?)r["clientAddress"]));
        Assert.All(schoolRefusals, r => Assert.Equal("refused", ((string?)r["outcome"])?.ToLowerInvariant()));
        // No row anywhere names the proxy's loopback address or the forged one.
        Assert.DoesNotContain(rows, r => (string?)r["clientAddress"] is "127.0.0.1" or "::1" or "203.0.113.9");
        // And nginx really was in the path: its access log has the client's address.
        Assert.Contains(client + " ", await File.ReadAllTextAsync(deployment.Nginx.AccessLogPath), StringComparison.Ordinal);
    }

    private static int Count(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
