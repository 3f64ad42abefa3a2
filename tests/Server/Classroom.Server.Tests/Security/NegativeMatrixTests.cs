using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Classroom.Contracts.Access;
using Classroom.Identity.Store;
using Classroom.Scheduler.Data;
using Classroom.Server.Tests.Scheduler;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Security;

/// <summary>
/// The negative matrix, generated from the OpenAPI document of the real host: every operation is
/// matched to its endpoint, which must name an access rule (or say why it is public or self-service);
/// then every role — anonymous, admins of another alliance or school, a teacher, an auditor, a
/// student, an enrolled and a revoked device — calls every rule-guarded operation on resources of
/// its own school, another school and another alliance. Each call the role's scope does not allow
/// must answer 401, 403 or 404 and change nothing. The expectation table below is written from the
/// role descriptions (docs/access.md), not from the code that enforces it.
/// </summary>
public sealed partial class NegativeMatrixTests : IDisposable
{
    private readonly SchedulerHost _host = new(roles: "scheduler,hub");

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    private sealed record Actor(string Name, HttpClient Client, Func<Permission, ResourceScope, bool> Allowed);

    [Fact]
    public async Task Every_operation_names_a_policy_and_no_role_reaches_beyond_its_scope()
    {
        var admin = _host.Admin();
        var world = await BuildWorldAsync(admin);

        // 1. Every operation of the OpenAPI document is an endpoint that declares its access.
        var doc = JsonNode.Parse(await admin.GetStringAsync("/openapi/v1.json"))!;
        var endpoints = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var operations = new List<(string Method, string Path, RouteEndpoint Endpoint)>();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, _) in item!.AsObject())
            {
                var endpoint = endpoints.FirstOrDefault(e => Normalize(e.RoutePattern.RawText) == path &&
                    (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains(method.ToUpperInvariant()) ?? false));
                Assert.True(endpoint is not null, $"{method} {path} is in the OpenAPI document but no endpoint matches it");
                var declared = endpoint!.Metadata.GetMetadata<AccessRule>() is not null || endpoint.Metadata.GetMetadata<SignedInEndpoint>() is not null ||
                               endpoint.Metadata.GetMetadata<PublicEndpoint>() is not null;
                Assert.True(declared, $"{method.ToUpperInvariant()} {path} declares no access rule");
                operations.Add((method.ToUpperInvariant(), path, endpoint));
            }
        }

        Assert.True(operations.Count > 60, $"only {operations.Count} operations found");
        // The imports view's preview and templates (docs/admin-imports.md) are alliance managers' only.
        foreach (var (method, path) in new[] { ("POST", "/api/alliances/{id}/import/{kind}/preview"), ("GET", "/api/alliances/{id}/import/{kind}/template.csv"), ("GET", "/api/alliances/{id}/import/{kind}/template.xlsx") })
            Assert.Contains(operations, o => o.Method == method && o.Path == path && o.Endpoint.Metadata.GetMetadata<AccessRule>() is { Permission: Permission.Manage, Kind: ResourceKind.Alliance });

        // Studio bookings made by the studio's admins (docs/admin-studios.md) are studio managers' only.
        foreach (var (method, path) in new[] { ("POST", "/api/studios/{id}/bookings"), ("DELETE", "/api/studios/{id}/bookings/{bookingId}") })
            Assert.Contains(operations, o => o.Method == method && o.Path == path && o.Endpoint.Metadata.GetMetadata<AccessRule>() is { Permission: Permission.Manage, Kind: ResourceKind.Studio });

        // 2. Self-service endpoints refuse anonymous callers.
        var anonymous = _host.CreateClient();
        foreach (var (method, path, _) in operations.Where(o => o.Endpoint.Metadata.GetMetadata<SignedInEndpoint>() is not null && o.Endpoint.Metadata.GetMetadata<AccessRule>() is null))
        {
            var response = await SendAsync(anonymous, method, Fill(path, world, ResourceKind.County, null));
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"anonymous {method} {path}: {(int)response.StatusCode}");
        }

        // 3. Rule-guarded operations × actors × targets.
        var actors = Actors(world);

        // The studio PC's day (docs/kiosk.md "Studio PC") is self-service for a studio device only: no role here is one.
        Assert.Contains(operations, o => o.Method == "GET" && o.Path == "/api/device/studio" && o.Endpoint.Metadata.GetMetadata<SignedInEndpoint>() is not null);
        foreach (var actor in actors)
        {
            var response = await actor.Client.GetAsync("/api/device/studio");
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{actor.Name} GET /api/device/studio: {(int)response.StatusCode}");
        }

        var guarded = operations.Where(o => o.Endpoint.Metadata.GetMetadata<AccessRule>() is not null).ToList();
        var checkedCalls = 0;
        foreach (var actor in actors)
        {
            var before = Snapshot();
            foreach (var (method, path, endpoint) in guarded)
            {
                var rule = endpoint.Metadata.GetMetadata<AccessRule>()!;
                foreach (var target in world.Targets(rule.Kind))
                {
                    if (actor.Allowed(rule.Permission, target.Scope)) continue;
                    var url = Fill(path, world, rule.Kind, target.Id);
                    if (rule.RouteParameter is { } p && !path.Contains("{" + p + "}", StringComparison.Ordinal))
                        url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + p + "=" + target.Id + "&from=2026-11-01&to=2026-11-30";
                    var response = await SendAsync(actor.Client, method, url);
                    Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                        $"{actor.Name} {method} {url} ({rule.Permission} on {rule.Kind} {target.Name}): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    checkedCalls++;
                }
            }

            Assert.Equal(before, Snapshot());
        }

        Assert.True(checkedCalls > 500, $"only {checkedCalls} forbidden calls were made");
    }

    private sealed record Target(string Name, string Id, ResourceScope Scope);

    private sealed record World(long Alliance1, long Alliance2, long LeadSchool, long OwnSchool, long OtherSchool, long School2, long OwnRoom, long OtherRoom, long Room2,
        long Teacher1, long Teacher2, long Studio1, long Studio2, long Bell1, long Term1, long LeadLesson1, long Demand1, string Lesson1, long Device1, long Person1,
        string Recording1, ResourceScope RecordingScope, long StudentRoom)
    {
        public IEnumerable<Target> Targets(ResourceKind kind) => kind switch
        {
            ResourceKind.County => [new("county", "", ResourceScope.County)],
            ResourceKind.Alliance => [new("alliance 1", $"{Alliance1}", new(Alliance1, null)), new("alliance 2", $"{Alliance2}", new(Alliance2, null))],
            ResourceKind.School => [new("own school", $"{OwnSchool}", new(Alliance1, OwnSchool)), new("other school", $"{OtherSchool}", new(Alliance1, OtherSchool)), new("alliance 2 school", $"{School2}", new(Alliance2, School2))],
            ResourceKind.Classroom => [new("own room", $"{OwnRoom}", new(Alliance1, OwnSchool, OwnRoom)), new("other room", $"{OtherRoom}", new(Alliance1, OtherSchool, OtherRoom)), new("alliance 2 room", $"{Room2}", new(Alliance2, School2, Room2))],
            ResourceKind.Teacher => [new("lead teacher", $"{Teacher1}", new(Alliance1, LeadSchool, null, Teacher1)), new("alliance 2 teacher", $"{Teacher2}", new(Alliance2, School2, null, Teacher2))],
            ResourceKind.Studio => [new("lead studio", $"{Studio1}", new(Alliance1, LeadSchool)), new("alliance 2 studio", $"{Studio2}", new(Alliance2, School2))],
            ResourceKind.BellSchedule => [new("lead bells", $"{Bell1}", new(Alliance1, LeadSchool))],
            ResourceKind.Term => [new("term 1", $"{Term1}", new(Alliance1, null))],
            ResourceKind.LeadLesson => [new("lead lesson", $"{LeadLesson1}", new(Alliance1, LeadSchool, null, Teacher1))],
            ResourceKind.Lesson => [new("lesson", Lesson1, new(Alliance1, LeadSchool, null, Teacher1))],
            ResourceKind.Demand => [new("own demand", $"{Demand1}", new(Alliance1, OwnSchool, OwnRoom))],
            ResourceKind.Device => [new("own device", $"{Device1}", new(Alliance1, OwnSchool, OwnRoom))],
            ResourceKind.Person => [new("a teacher account", $"{Person1}", new(Alliance1, LeadSchool))],
            ResourceKind.Recording => [new("recording of lesson 1", Recording1, RecordingScope)],
            _ => [],
        };
    }

    /// <summary>What each role may do, from the role descriptions (docs/access.md); deliberately not calling AccessPolicy.</summary>
    private List<Actor> Actors(World w)
    {
        // An alliance admin also changes the alliance's structure (a school's existence, code, lead role); a school's own admin does not.
        static bool AllianceOps(Permission p) => p is Permission.Read or Permission.Manage or Permission.Administer or Permission.ReadPersonal;
        static bool SchoolOps(Permission p) => p is Permission.Read or Permission.Manage or Permission.ReadPersonal;
        var device = _host.DeviceCredential(w.OwnRoom);
        var revoked = _host.DeviceCredential(w.OwnRoom);
        using (var scope = _host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
            var id = long.Parse(revoked.Split('_')[2], System.Globalization.CultureInfo.InvariantCulture);
            db.Devices.Where(d => d.Id == id).ExecuteUpdate(s => s.SetProperty(d => d.RevokedUtcTicks, 1L));
        }

        return
        [
            new("anonymous", _host.CreateClient(), (_, _) => false),
            new("alliance 2 admin", _host.WithToken(_host.AccessToken("a2-admin", new Grant(AccountRole.AllianceAdmin, w.Alliance2))), (p, s) => (AllianceOps(p) || p is Permission.Watch or Permission.Evaluate) && s.AllianceId == w.Alliance2),
            // 教研员: observes and evaluates the lessons of its alliance; no minors' data, no changes (docs/evaluation.md).
            new("alliance 2 researcher", _host.WithToken(_host.AccessToken("a2-researcher", new Grant(AccountRole.Researcher, w.Alliance2))),
                (p, s) => p is Permission.Read or Permission.Watch or Permission.Evaluate && s.AllianceId == w.Alliance2),
            // Recordings: a paired school's admin and teachers, and a paired class's students, watch (only); docs/access.md "Recordings".
            new("school admin", _host.WithToken(_host.AccessToken("school")), (p, s) => (SchoolOps(p) && s.SchoolId == w.OwnSchool) ||
                (p == Permission.Watch && (s.SchoolId == w.OwnSchool || s.Audience.Any(a => a.SchoolId == w.OwnSchool)))),
            new("teacher", _host.WithToken(_host.AccessToken("wangfang")), (p, s) => (p is Permission.Read or Permission.Teach && s.TeacherId == w.Teacher1) ||
                (p == Permission.Watch && (s.TeacherId == w.Teacher1 || s.SchoolId == w.LeadSchool || s.Audience.Any(a => a.SchoolId == w.LeadSchool)))),
            new("auditor", _host.WithToken(_host.AccessToken("auditor", new Grant(AccountRole.Auditor))), (p, _) => p == Permission.ReadAudit),
            new("student", _host.WithToken(_host.AccessToken("xiaoming")), (p, s) => p == Permission.Watch && s.Audience.Any(a => a.ClassroomId == w.StudentRoom)),
            new("device", _host.WithToken(device), (_, _) => false),
            new("revoked device", _host.WithToken(revoked), (_, _) => false),
        ];
    }

    private async Task<World> BuildWorldAsync(HttpClient admin)
    {
        var week = await admin.CurrentWeekAsync();
        var pairing = week["pairings"]!.AsArray()[0]!;
        var a2 = (await (await admin.PostJsonAsync("/api/alliances", new { name = "第二联盟" })).ReadAsync(HttpStatusCode.Created)).Id();
        var s2 = (await (await admin.PostJsonAsync($"/api/alliances/{a2}/schools", new { name = "二联盟中心校", code = "B1", isLead = true, linkMbps = 100 })).ReadAsync(HttpStatusCode.Created)).Id();
        var r2 = (await (await admin.PostJsonAsync($"/api/schools/{s2}/classrooms", new { grade = 4, className = "4年级9班", seats = 30 })).ReadAsync(HttpStatusCode.Created)).Id();
        var t2 = (await (await admin.PostJsonAsync($"/api/schools/{s2}/teachers", new { name = "赵老师" })).ReadAsync(HttpStatusCode.Created)).Id();
        var st2 = (await (await admin.PostJsonAsync($"/api/schools/{s2}/studios", new { name = "录播室B" })).ReadAsync(HttpStatusCode.Created)).Id();
        using var scope = _host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
        var lead = await db.Schools.FirstAsync(s => s.AllianceId == 1 && s.IsLead);
        var schoolAdmin = await accounts.Grants.FirstAsync(g => g.Role == "school-admin");
        var own = schoolAdmin.SchoolId!.Value;
        var other = await db.Schools.Where(s => s.AllianceId == 1 && !s.IsLead && s.Id != own).Select(s => s.Id).FirstAsync();
        var ownRoom = await db.Classrooms.Where(c => c.SchoolId == own).Select(c => c.Id).FirstAsync();
        var otherRoom = await db.Classrooms.Where(c => c.SchoolId == other).Select(c => c.Id).FirstAsync();
        var teacherGrant = await accounts.Grants.FirstAsync(g => g.Role == "teacher");
        var lesson = await db.LeadLessons.Where(l => l.TeacherId == teacherGrant.TeacherId).Select(l => l.Id).FirstAsync();
        var lessonId = (string)week["pairings"]!.AsArray().First(p => (long)p!["leadLessonId"]! == lesson)!["lessonId"]!;
        var device = long.Parse(_host.DeviceCredential(ownRoom).Split('_')[2], System.Globalization.CultureInfo.InvariantCulture);
        var (recording, recordingScope) = await RecordAsync(lessonId);
        var studentRoom = (await accounts.Grants.FirstAsync(g => g.Role == "student")).ClassroomId!.Value;
        return new World(1, a2, lead.Id, own, other, s2, ownRoom, otherRoom, r2,
            teacherGrant.TeacherId!.Value, t2, await db.Studios.Where(s => s.SchoolId == lead.Id).Select(s => s.Id).FirstAsync(), st2,
            await db.BellSchedules.Where(b => b.SchoolId == lead.Id).Select(b => b.Id).FirstAsync(), await db.Terms.Where(t => t.AllianceId == 1).Select(t => t.Id).FirstAsync(),
            lesson, await db.Demands.Where(d => d.ClassroomId == ownRoom).Select(d => d.Id).FirstOrDefaultAsync(), lessonId, device, teacherGrant.PersonId,
            recording, recordingScope, studentRoom);
    }

    /// <summary>A finished recording of the lesson, told to the hub's catalog as the relay's recorder does; its scope as the roles see it.</summary>
    private async Task<(string Id, ResourceScope Scope)> RecordAsync(string lessonId)
    {
        var catalog = _host.Services.GetRequiredService<Classroom.Contracts.Recordings.IRecordingCatalog>();
        var at = _host.Clock.GetUtcNow();
        await catalog.RecordingFinishedAsync(new("rec-matrix-1", lessonId, at, at.AddMinutes(40), TimeSpan.FromMinutes(40), [], null, 0, false), CancellationToken.None);
        var roster = await _host.Services.GetRequiredService<Classroom.Contracts.Lessons.ILessonRosterSource>().FindAsync(lessonId, CancellationToken.None);
        return ("rec-matrix-1", new ResourceScope(roster!.AllianceId, roster.LeadSchoolId, null, roster.TeacherId)
        {
            Audience = roster.Rooms.Select(r => new ResourceScope(roster.AllianceId, r.SchoolId, r.ClassroomId)).ToList(),
        });
    }

    private static string Fill(string path, World w, ResourceKind kind, string? id)
    {
        var url = path;
        foreach (Match m in RouteParameter().Matches(path))
        {
            var name = m.Groups[1].Value;
            var value = name switch
            {
                "kind" => "schools",
                "tokenId" => "1",
                "lessonId" when kind != ResourceKind.Lesson => w.Lesson1,
                "pairingId" => "1",
                _ => id ?? "1",
            };
            url = url.Replace(m.Value, Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        return url;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        return await client.SendAsync(request);
    }

    /// <summary>Everything a forbidden call could have changed: row counts and the names and settings people edit.</summary>
    private string Snapshot()
    {
        using var scope = _host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var ids = scope.ServiceProvider.GetRequiredService<AccountDbContext>();
        using var hub = scope.ServiceProvider.GetRequiredService<IDbContextFactory<Classroom.Hub.Store.HubDbContext>>().CreateDbContext();
        return string.Join('|',
            string.Join(',', hub.Recordings.OrderBy(r => r.Id).Select(r => r.Id + r.State)), hub.RecordingViews.Count(), hub.ReplayQuestions.Count(x => x.AnsweredAtMs == null), hub.ReplayQuestions.Count(),
            string.Join(',', db.Alliances.OrderBy(a => a.Id).Select(a => a.Id + a.Name + a.TimeZone)),
            string.Join(',', db.Schools.OrderBy(s => s.Id).Select(s => s.Id + s.Name + s.Code + s.LinkMbps)),
            string.Join(',', db.Classrooms.OrderBy(c => c.Id).Select(c => c.Id + c.ClassName + c.Seats + c.Grade + c.KioskKeyHash + c.FeedKeyHash)),
            string.Join(',', db.Teachers.OrderBy(t => t.Id).Select(t => t.Id + t.Name + t.FeedKeyHash)), db.Studios.Count(), db.BellSchedules.Count(), db.BellPeriods.Count(), db.Terms.Count(), db.TermDays.Count(),
            db.LeadLessons.Count(), db.Demands.Count(), db.Roster.Count(), db.Pairings.Count(), db.SolveRuns.Count(),
            ids.Users.Count(), ids.Grants.Count(), ids.AccessTokens.Count(a => a.RevokedUtcTicks == null), ids.Devices.Count(d => d.RevokedUtcTicks == null), ids.PairingRequests.Count());
    }

    private static string Normalize(string? raw) => "/" + RouteConstraint().Replace((raw ?? "").Replace("{**", "{", StringComparison.Ordinal), "{$1}").Trim('/');

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\{([A-Za-z]+):[^}]+\}")]
    private static partial Regex RouteConstraint();
}
