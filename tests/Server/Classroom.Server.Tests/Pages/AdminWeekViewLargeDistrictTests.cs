using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Classroom.Scheduler.Pairing;
using Classroom.Scheduler.Pairing.Synthetic;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// Issue 14 "large data stays usable": the admin console's week view with the 300-school synthetic
/// district of the scheduler benchmarks (<see cref="DistrictGenerator"/>, seed 1, docs/bench-scheduler.md)
/// solved by the real CP-SAT solver. The week's answer is that solution in the shape of
/// GET /api/alliances/{id}/pairings, given to the page in place of the demo alliance's week (the
/// synthetic district is a solver problem, not rows in the scheduler's store); everything else is
/// the real server. Measured twice: the largest alliance of the district, and all 30 alliances in
/// one grid (a county-wide worst case). Prints the time to first render (navigation start → the grid
/// painted) as the median of five fresh loads; asserts only that every lesson is shown.
/// </summary>
public sealed class AdminWeekViewLargeDistrictTests(PageBrowser browser, ITestOutputHelper output) : ServerPageTest(new SchedulerHost(), "admin.html")
{
    [Fact]
    public async Task The_week_view_renders_the_300_school_district_and_prints_its_time_to_first_render()
    {
        var problem = DistrictGenerator.Generate(new DistrictOptions { Seed = 1 });
        var watch = Stopwatch.StartNew();
        var result = new CpSatPairingSolver().Solve(problem);
        output.WriteLine($"district: {problem.Schools.Count} schools, {problem.Lessons.Count} lesson occurrences, {result.Pairings.Count} pairings, {result.Uncovered.Count} unmet demands; solved in {watch.Elapsed.TotalSeconds:F2} s");
        var largest = problem.Lessons.GroupBy(l => l.AllianceId).MaxBy(g => result.Pairings.Count(p => g.Any(l => l.LessonId == p.LessonId)))!.Key;

        await using var context = await browser.NewContextAsync("zh-CN");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=zh-CN");
        await PageBrowser.SignInAsync(page, "admin", "classroom-2026");
        await Assertions.Expect(page.GetByTestId("scope-bar")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        foreach (var (name, alliance) in new[] { ($"largest alliance ({largest})", (long?)largest), ("whole district (30 alliances)", null) })
        {
            var (body, from, lessons, pairings) = WeekAnswer(problem, result, alliance);
            await page.RouteAsync("**/api/alliances/1/pairings?**", route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = body }));
            var times = new List<double>();
            for (var run = 0; run < 5; run++)
            {
                await page.GotoAsync($"{BaseUrl}/vue/admin.html?lang=zh-CN&run={run}#week?from={from}");
                await page.WaitForFunctionAsync("() => performance.getEntriesByName('admin-week-first-render').length > 0", null, new() { Timeout = 120_000 });
                times.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByName('admin-week-first-render')[0].startTime"));
                Assert.Equal(lessons, await page.GetByTestId("lesson").CountAsync());
            }

            times.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"admin week view, {name}: {lessons} lessons, {pairings} pairings ({body.Length / 1024} KB JSON): first render median {times[2]:F0} ms (min {times[0]:F0}, max {times[4]:F0})"));
            await page.UnrouteAllAsync();
        }
    }

    /// <summary>The solution as GET /api/alliances/{id}/pairings answers it (WeekSolveResult), for one alliance or all.</summary>
    private static (string Body, string From, int Lessons, int Pairings) WeekAnswer(PairingProblem problem, PairingResult result, long? alliance)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var lessons = problem.Lessons.Where(l => alliance is null || l.AllianceId == alliance).ToDictionary(l => l.LessonId);
        var schools = problem.Schools.ToDictionary(s => s.SchoolId, s => s.Name);
        var demands = problem.Demands.ToDictionary(d => d.DemandId);
        var dates = lessons.Values.Select(l => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(l.Start, zone).DateTime)).ToList();
        var from = dates.Min();
        from = from.AddDays(-(((int)from.DayOfWeek + 6) % 7));
        var pairings = result.Pairings.Where(p => lessons.ContainsKey(p.LessonId)).Select(p =>
        {
            var l = lessons[p.LessonId];
            return new
            {
                lessonId = p.LessonId, leadLessonId = p.LeadLessonId, subject = l.Subject, grade = l.Grade,
                date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(l.Start, zone).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                startsAt = l.Start, endsAt = l.End, teacherId = l.TeacherId, teacherName = $"教师{l.TeacherId}",
                classroomId = p.ClassroomId, classroomName = $"{demands[p.DemandId].Grade}年级{p.ClassroomId}班", schoolId = p.SchoolId,
                schoolName = schools.GetValueOrDefault(p.SchoolId, $"学校{p.SchoolId}"), demandId = p.DemandId,
            };
        }).ToList();
        var uncovered = result.Uncovered.Where(u => alliance is null || demands[u.DemandId].AllianceId == alliance).Select(u => new
        {
            demandId = u.DemandId, classroomId = u.ClassroomId, classroomName = $"{u.ClassroomId}班", schoolId = u.SchoolId,
            schoolName = schools.GetValueOrDefault(u.SchoolId, $"学校{u.SchoolId}"), subject = demands[u.DemandId].Subject, missing = u.Missing,
            reason = u.Reason.ToString(), reasonText = u.Reason.ToString(), detail = u.Detail,
        }).ToList();
        var body = JsonSerializer.Serialize(new
        {
            solveRunId = 1, allianceId = 1, from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = from.AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            pairings, uncovered,
            stats = new { demanded = result.Stats.Demanded, covered = result.Stats.Covered, upperBound = result.Stats.UpperBound, coverageOfBound = 1.0, kept = 0, moved = 0, added = pairings.Count, droppedNotOccurring = 0, elapsedMs = result.Stats.Elapsed.TotalMilliseconds, solverStatus = result.Stats.SolverStatus },
            warnings = Array.Empty<string>(),
        });
        return (body, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), pairings.Select(p => p.lessonId).Distinct().Count(), pairings.Count);
    }
}
