using System.Net;
using System.Text.Json.Nodes;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Domain;
using Classroom.Scheduler.Pairing;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>
/// Solving is a stored job run by the server's worker: POST answers 202 with the job, GET reads its
/// state, progress and result; GET endpoints never write; a job cut short by a crash shows as failed
/// after the restart, and the last result survives it.
/// </summary>
public sealed class SolveJobTests : IDisposable
{
    private readonly HeldSolver _solver = new(new CpSatPairingSolver());
    private readonly SchedulerHost _host = new(seedDemo: false);

    public SolveJobTests() => _host.TestServices = s => s.AddSingleton<IPairingSolver>(_solver);

    public void Dispose()
    {
        _solver.Release();
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task A_solve_is_queued_with_202_then_polled_until_its_result_is_there()
    {
        var admin = _host.Admin();
        var (id, _) = await SolveAlliance.BuildAsync(admin);
        _solver.Hold();

        var job = await admin.QueueSolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);
        var location = (string)job["location"]!;
        Assert.Contains((string?)job["state"], new[] { "queued", "running" });
        Assert.Null(job["result"]);

        // The worker holds it (the solver waits for the test): running, part way, no result yet.
        var running = await admin.PollAsync(location, j => (string?)j["state"] == "running");
        Assert.InRange((double)running["progress"]!, 0.05, 0.95);
        Assert.NotNull(running["startedAt"]);
        Assert.Null(running["result"]);

        // A second request for the same week gets the same job; the week reads as not solved yet, naming the job.
        var again = await admin.QueueSolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);
        Assert.Equal(job.Id(), again.Id());
        var notYet = await (await admin.GetAsync($"/api/alliances/{id}/pairings/current-week")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("not_solved", (string?)notYet["code"]);
        Assert.Equal(location, (string?)notYet["solveJob"]);
        Assert.Equal(("2026-11-23", "2026-11-29"), ((string?)notYet["from"], (string?)notYet["to"])); // the server's week, which the console opens on

        _solver.Release();
        var done = await admin.FinishedJobAsync(location);
        Assert.Equal("succeeded", (string?)done["state"]);
        Assert.Equal(1.0, (double)done["progress"]!);
        Assert.Null(done["error"]);
        var result = done["result"]!;
        Assert.Equal("OPTIMAL", (string?)result["stats"]!["solverStatus"]);
        Assert.Equal(result["pairings"]!.AsArray().Count, (int)result["stats"]!["covered"]!);
        Assert.NotEmpty(result["pairings"]!.AsArray());
        Assert.NotNull(result["uncovered"]);

        // The stored week is that result; a new POST queues a new job.
        var week = await admin.CurrentWeekAsync(id);
        Assert.Equal((long)result["solveRunId"]!, (long)week["solveRunId"]!);
        var next = await admin.QueueSolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);
        Assert.NotEqual(job.Id(), next.Id());
        await admin.FinishedJobAsync((string)next["location"]!);

        await (await admin.GetAsync($"/api/alliances/{id}/solve/999999")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_endpoints_never_solve_or_write()
    {
        var admin = _host.Admin();
        var (id, _) = await SolveAlliance.BuildAsync(admin);
        var range = $"from={SolveAlliance.HolidayWeekFrom}&to={SolveAlliance.HolidayWeekTo}";
        string[] reads = [$"/api/alliances/{id}/pairings?{range}", $"/api/alliances/{id}/pairings/current-week", $"/api/alliances/{id}/pairings.csv?{range}", $"/api/alliances/{id}/pairings.xlsx?{range}"];

        Assert.Equal((0, 0, 0), Rows());
        foreach (var url in reads)
        {
            var problem = await (await admin.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal("not_solved", (string?)problem["code"]);
            Assert.Null(problem["solveJob"]);
        }

        await (await admin.GetAsync($"/api/alliances/{id}/settings")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal((0, 0, 0), Rows());

        // In the caller's language: Chinese by default, English on request.
        Assert.Equal("尚未排课", (string?)(await (await admin.GetAsync(reads[1])).ProblemAsync(HttpStatusCode.NotFound))["title"]);
        Assert.Equal("Not solved yet", (string?)(await (await admin.GetAsync(reads[1] + "?lang=en")).ProblemAsync(HttpStatusCode.NotFound))["title"]);

        var job = await admin.QueueSolveAsync(id, SolveAlliance.HolidayWeekFrom, SolveAlliance.HolidayWeekTo);
        var result = (await admin.FinishedJobAsync((string)job["location"]!))["result"]!;
        var solved = Rows();
        Assert.Equal((result["pairings"]!.AsArray().Count, 1, 1), solved);
        foreach (var url in reads.Where(u => !u.Contains("current-week", StringComparison.Ordinal)))
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        await (await admin.GetAsync((string)job["location"]!)).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(solved, Rows());
    }

    [Fact]
    public async Task A_job_cut_short_by_a_crash_is_failed_after_the_restart_and_the_last_result_stays()
    {
        var admin = _host.Admin();
        var (id, _) = await SolveAlliance.BuildAsync(admin);
        var result = await admin.SolveAsync(id, SolveAlliance.MakeUpWeekFrom, SolveAlliance.MakeUpWeekTo);

        // What a crash leaves behind: a job stored as running that no worker runs.
        var crashed = _host.Scoped(sp =>
        {
            var db = sp.GetRequiredService<SchedulerDbContext>();
            var job = new SolveJob
            {
                AllianceId = id, From = new DateOnly(2026, 11, 30), To = new DateOnly(2026, 12, 6), State = SolveJobState.Running,
                Progress = 0.2, CreatedUtcTicks = _host.Clock.GetUtcNow().UtcTicks, StartedUtcTicks = _host.Clock.GetUtcNow().UtcTicks,
            };
            db.SolveJobs.Add(job);
            db.SaveChanges();
            return job.Id;
        });
        _host.Dispose();

        using var again = new SchedulerHost(_host.DataFolder, seedDemo: false);
        var restarted = again.Admin();
        var failed = await (await restarted.GetAsync($"/api/alliances/{id}/solve/{crashed}")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("failed", (string?)failed["state"]);
        Assert.Equal("interrupted", (string?)failed["error"]!["code"]);
        Assert.Equal("排课进行中服务器停止了，请重新排课。", (string?)failed["error"]!["detail"]);
        var english = await (await restarted.GetAsync($"/api/alliances/{id}/solve/{crashed}?lang=en")).ReadAsync(HttpStatusCode.OK);
        Assert.Contains("stopped", (string?)english["error"]!["detail"], StringComparison.Ordinal);
        Assert.NotNull(failed["finishedAt"]);

        var week = await restarted.CurrentWeekAsync(id);
        Assert.Equal((long)result["solveRunId"]!, (long)week["solveRunId"]!);
        Assert.Equal(result["pairings"]!.ToJsonString(), week["pairings"]!.ToJsonString());

        // A new solve of the crashed range is accepted as a new job.
        var retry = await restarted.QueueSolveAsync(id, "2026-11-30", "2026-12-06");
        Assert.NotEqual(crashed, retry.Id());
        Assert.Equal("succeeded", (string?)(await restarted.FinishedJobAsync((string)retry["location"]!))["state"]);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_job_and_settings_responses()
    {
        var doc = await (await _host.CreateClient().GetAsync("/openapi/v1.json")).ReadAsync(HttpStatusCode.OK);
        var paths = doc["paths"]!;
        string Schema(string path, string method, string status) =>
            paths[path]![method]!["responses"]![status]!["content"]!.AsObject().First().Value!["schema"]!.ToJsonString();

        Assert.Contains("SolveJobView", Schema("/api/alliances/{id}/solve", "post", "202"), StringComparison.Ordinal);
        Assert.Contains("SolveJobView", Schema("/api/alliances/{id}/solve/{jobId}", "get", "200"), StringComparison.Ordinal);
        Assert.Contains("ProblemDetails", Schema("/api/alliances/{id}/solve/{jobId}", "get", "404"), StringComparison.Ordinal);
        Assert.Contains("WeekSolveResult", Schema("/api/alliances/{id}/pairings/current-week", "get", "200"), StringComparison.Ordinal);
        Assert.Contains("ProblemDetails", Schema("/api/alliances/{id}/pairings/current-week", "get", "404"), StringComparison.Ordinal);
        Assert.Contains("AllianceSettingsView", Schema("/api/alliances/{id}/settings", "get", "200"), StringComparison.Ordinal);
        Assert.Contains("AllianceSettingsView", Schema("/api/alliances/{id}/settings", "put", "200"), StringComparison.Ordinal);
        Assert.Contains("ValidationProblem", Schema("/api/alliances/{id}/settings", "put", "400"), StringComparison.Ordinal);
        Assert.NotNull(paths["/api/alliances/{id}/settings"]!["put"]!["requestBody"]);
    }

    [Fact]
    public async Task A_store_from_before_solve_jobs_and_alliance_settings_is_brought_up_to_date_at_start()
    {
        var (id, _) = await SolveAlliance.BuildAsync(_host.Admin());
        _host.Dispose();

        // The previous release's schema: no SolveJobs table, no alliance settings, no change counts.
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_host.DataFolder, "scheduler.db")};Pooling=False"))
        {
            old.Open();
            string[] statements =
            [
                // that release had no migrations history either (nor what later migrations add)
                .. Classroom.Server.Tests.Privacy.StoredFiles.SchedulerBeforeMigrations,
                "DROP TABLE SolveJobs", "ALTER TABLE Alliances DROP COLUMN MinOverlapShare", "ALTER TABLE Alliances DROP COLUMN RelayCapacityPerLesson",
                "ALTER TABLE Alliances DROP COLUMN UplinkSharePerStream", "ALTER TABLE SolveRuns DROP COLUMN Kept", "ALTER TABLE SolveRuns DROP COLUMN Added",
                "ALTER TABLE SolveRuns DROP COLUMN DroppedNotOccurring",
            ];
            foreach (var sql in statements)
            {
                using var command = old.CreateCommand();
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var again = new SchedulerHost(_host.DataFolder, seedDemo: false);
        var admin = again.Admin();
        var settings = await (await admin.GetAsync($"/api/alliances/{id}/settings")).ReadAsync(HttpStatusCode.OK);
        Assert.Null(settings["own"]!["minOverlapShare"]);
        var week = await admin.CurrentWeekAsync(id); // the start-up solve of the week ran in the new table
        Assert.Equal(week["pairings"]!.AsArray().Count, (int)week["stats"]!["added"]!);
    }

    private (int Pairings, int Runs, int Jobs) Rows() => _host.Scoped(sp =>
    {
        var db = sp.GetRequiredService<SchedulerDbContext>();
        return (db.Pairings.Count(), db.SolveRuns.Count(), db.SolveJobs.Count());
    });

    /// <summary>The real solver, held back while a test looks at a running job (bounded: it goes on after 90 s).</summary>
    private sealed class HeldSolver(IPairingSolver inner) : IPairingSolver
    {
        private volatile SemaphoreSlim? _gate;

        public void Hold() => _gate = new SemaphoreSlim(0);

        public void Release() => _gate?.Release(100);

        public PairingResult Solve(PairingProblem problem, CancellationToken cancellationToken = default)
        {
            _gate?.Wait(TimeSpan.FromSeconds(90), cancellationToken);
            return inner.Solve(problem, cancellationToken);
        }
    }
}
