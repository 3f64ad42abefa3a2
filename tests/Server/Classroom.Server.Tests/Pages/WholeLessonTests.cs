// Issue 13, "Proof", first bullet: one whole lesson through the shipped pages.
//
// WORK IN PROGRESS (branch helper-lesson, not merged). Status: the whole flow below passed in 4 runs
// (zh-CN twice, then zh-CN and en together) on the 2-core machine, 68-80 s each; figures in docs/kiosk.md.
//   covered: studio console (sign-in, fake camera, drawn courseware, start); three enrolled kiosks of three
//          different schools wait on their countdown and join by themselves; moving video on each
//          (data-frames from getStats grow, a canvas sample changes); the three room cameras online on
//          the teacher's wall; one room checks in with two absentees, one asks, one raises its hand
//          (all through the kiosk's own buttons); the teacher sees all three; brings the hand-raiser on
//          stage (the kiosk publishes camera + microphone itself), the studio and the other two kiosks
//          play its video and receive its audio (inbound-rtp bytes grow on one more audio stream); takes
//          it off; a quiz goes out, every kiosk answers through its form and the per-room rows and the
//          total reach the studio; the lesson ends; the recording is finished; a student of the asking
//          room's class signs in, opens the replay, jumps to the question's chapter, leaves and resumes.
//   TODO:  1. (done: zh-CN and en both pass.)
//          2. more runs to see the flakiness on a loaded machine (bounds are 90 s per wait).
//          3. the figures into docs/benchmarks.md (and docs/kiosk.md's table) once stable over runs.
//          4. the replay page squeezes the chapter text into a one-character column at 1024 px
//             (docs/screenshots/whole-lesson-replay.zh-CN.png): a page fix, not a test change.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Classroom.Contracts.Access;
using Classroom.Contracts.Lessons;
using Classroom.Identity;
using Classroom.Server.Tests.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Classroom.Server.Tests.Pages.LessonPageKit;

namespace Classroom.Server.Tests.Pages;

/// <summary>
/// A whole lesson against the real all-in-one server (scheduler, hub, relay) in one Chromium with
/// one context per person or room (small viewports, 2-core machine): the lead teacher's studio
/// console and three enrolled classroom kiosks of three member schools, every action through the
/// pages' own controls. Prints the time to the first moving frame per kiosk and the stage round
/// trip; asserts no wall-clock limit (bounds only against hanging).
/// </summary>
public sealed class WholeLessonTests(PageBrowser browser, ITestOutputHelper output) : IClassFixture<PageBrowser>, IAsyncLifetime
{
    /// <summary>Generous bound for every wait: five WebRTC pages share two cores.</summary>
    private const int Long = 90_000;
    private static readonly LocatorAssertionsToHaveAttributeOptions Attr = new() { Timeout = Long };
    private static readonly LocatorAssertionsToBeVisibleOptions Shown = new() { Timeout = Long };

    // 09:48:30 in Shanghai on the demo's Monday: the music lesson starts at 10:00, rooms may join from 09:50.
    private readonly SchedulerHost _host = new(now: new DateTimeOffset(2026, 11, 23, 1, 48, 30, TimeSpan.Zero), roles: "scheduler,hub,relay");
    private const string Password = "classroom-2026";
    private readonly CancellationTokenSource _stop = new();
    private Task _clock = Task.CompletedTask;
    private string _baseUrl = string.Empty;

    public Task InitializeAsync()
    {
        _baseUrl = StartAllInOne(_host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _clock;
        _stop.Dispose();
        _host.Dispose();
        _host.DeleteData();
    }

    /// <summary>Advances the host's clock with real time (as RecordedLessonTests does), so the recording has its real length.</summary>
    private async Task RunClockAsync(CancellationToken cancellationToken)
    {
        var last = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                await Task.Delay(100, cancellationToken);
                var now = Stopwatch.GetTimestamp();
                _host.Clock.Advance(Stopwatch.GetElapsedTime(last, now));
                last = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The lesson's recording once the catalog lists it finished (bounded: 60 s).</summary>
    private async Task<string> FinishedRecordingAsync()
    {
        using var teacher = _host.WithToken(_host.AccessToken("wangfang"));
        var clock = Stopwatch.StartNew();
        string states = string.Empty;
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var list = (await (await teacher.GetAsync($"/api/lessons/{Lesson}/recordings")).ReadAsync(HttpStatusCode.OK)).AsArray();
            states = string.Join(", ", list.Select(r => $"{(string?)r!["id"]}={(string?)r["state"]}"));
            if (list.FirstOrDefault(r => (string?)r!["state"] == "finished") is { } done) return (string)done["id"]!;
            await Task.Delay(250);
        }

        throw new TimeoutException("no finished recording of the lesson within 60 s: " + states);
    }

    /// <summary>The media time (s) of the chapter made of the question with this text.</summary>
    private async Task<double> ChapterSecondsAsync(string recordingId, string text)
    {
        using var teacher = _host.WithToken(_host.AccessToken("wangfang"));
        var detail = await (await teacher.GetAsync($"/api/recordings/{recordingId}")).ReadAsync(HttpStatusCode.OK);
        return (long)detail["chapters"]!.AsArray().Single(c => (string?)c!["text"] == text)!["mediaTimeMs"]! / 1000.0;
    }

    /// <summary>A student account of a paired class (the roster's school and alliance), signing in with <see cref="Password"/>.</summary>
    private async Task CreateStudentAsync(string userName, long classroomId)
    {
        using var scope = _host.Services.CreateScope();
        var roster = await scope.ServiceProvider.GetRequiredService<ILessonRosterSource>().FindAsync(Lesson, CancellationToken.None);
        var room = roster!.Rooms.Single(r => r.ClassroomId == classroomId);
        var grant = new Grant(AccountRole.Student, roster.AllianceId, room.SchoolId, room.ClassroomId);
        var (created, result) = await scope.ServiceProvider.GetRequiredService<Accounts>().CreateAsync(userName, "学生甲", [grant], Password, CancellationToken.None);
        Assert.True(created is not null, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_whole_lesson_runs_from_the_studio_through_three_kiosks(string lang)
    {
        var english = lang == "en";
        var locale = english ? "en-US" : "zh-CN";
        string T(string zh, string en) => english ? en : zh;
        var total = Stopwatch.StartNew();

        // Three paired rooms of three different schools.
        var rooms = new List<(long Id, string Label, string School, string Name)>();
        foreach (var id in await PairedClassroomsAsync(_host))
        {
            var label = await RoomLabelAsync(_host, id);
            var name = (await RoomAsync(_host, id)).Name;
            var school = label[..^(name.Length + 1)];
            if (rooms.All(r => r.School != school)) rooms.Add((id, label, school, name));
        }

        Assert.True(rooms.Count >= 3, $"the demo's first lesson has paired rooms of three schools: {string.Join(", ", rooms.Select(r => r.Label))}");
        rooms = rooms.Take(3).ToList();
        output.WriteLine("rooms: " + string.Join(", ", rooms.Select(r => $"{r.Id} {r.Label}")));

        var contexts = new List<IBrowserContext>();
        var errors = new List<string>();
        try
        {
            // The kiosks: idle with the next lesson and its countdown.
            var kiosks = new List<IPage>();
            foreach (var (id, label, _, _) in rooms)
            {
                var context = await DeviceContextAsync(browser, _host, _baseUrl, id, english, 800, 500);
                contexts.Add(context);
                await context.AddInitScriptAsync(TrackPeersScript);
                var kiosk = await context.NewPageAsync();
                kiosk.PageError += (_, e) => { lock (errors) errors.Add($"kiosk {id}: {e}"); };
                await kiosk.GotoAsync($"{_baseUrl}/vue/kiosk.html?lang={lang}");
                await Assertions.Expect(kiosk.GetByTestId("next-lesson")).ToBeVisibleAsync(Shown);
                await Assertions.Expect(kiosk.GetByTestId("room-name")).ToHaveTextAsync(label);
                await Assertions.Expect(kiosk.GetByTestId("countdown")).ToHaveAttributeAsync("data-left", new System.Text.RegularExpressions.Regex(@"^11:[0-3]\d$"), Attr);
                kiosks.Add(kiosk);
            }

            // 09:50:30: the joining window opens; every kiosk notices by itself and joins. From here
            // the server's clock runs with real time (the recorder and the lesson timer follow it).
            var joining = Stopwatch.StartNew();
            _host.Clock.Advance(TimeSpan.FromMinutes(2));
            _clock = RunClockAsync(_stop.Token);
            var joined = await Task.WhenAll(kiosks.Select(async k =>
            {
                await Assertions.Expect(k.GetByTestId("hub-status")).ToHaveAttributeAsync("data-status", "connected", Attr);
                return joining.ElapsedMilliseconds;
            }));
            foreach (var k in kiosks) await Assertions.Expect(k.GetByTestId("media-state")).ToHaveAttributeAsync("data-state", "waiting", Attr);
            output.WriteLine($"joined after the window opened: {string.Join(", ", joined.Select(ms => ms + " ms"))} (kiosks poll every 5 s)");

            // The teacher signs in and starts the lesson with the fake camera and the drawn courseware.
            var teacher = await browser.NewContextAsync(locale, 1280, 800);
            contexts.Add(teacher);
            var studio = await OpenStudioAsync(teacher, _baseUrl, lang);
            studio.PageError += (_, e) => { lock (errors) errors.Add("studio: " + e); };
            await studio.ClickAsync("#share");
            await Assertions.Expect(studio.Locator("#courseware-box")).ToHaveAttributeAsync("data-state", "canvas");
            var start = Stopwatch.StartNew();
            await studio.ClickAsync("#start");
            await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.live", Attr);
            await Assertions.Expect(studio.GetByTestId("hub-status")).ToHaveAttributeAsync("data-status", "connected", Attr);

            // Moving video on every kiosk (in parallel, each timed from "start lesson").
            var firstFrames = await Task.WhenAll(kiosks.Select(async k =>
            {
                await AssertMovingAsync(k, "[data-testid=lesson-video]", Long);
                return start.ElapsedMilliseconds;
            }));
            for (var i = 0; i < rooms.Count; i++)
                output.WriteLine($"kiosk {rooms[i].Id}: moving video {firstFrames[i]} ms after \"start lesson\" (frames grew by 10 and a canvas sample changed)");
            foreach (var k in kiosks)
                if (await k.GetByTestId("sound-on").IsVisibleAsync()) await k.GetByTestId("sound-on").ClickAsync();

            // The three room cameras are online on the teacher's wall.
            foreach (var (id, _, _, _) in rooms)
            {
                var tile = studio.Locator($"[data-testid=wall-tile][data-producer='room:{id}']");
                await Assertions.Expect(tile).ToHaveAttributeAsync("data-state", "online", Attr);
                await Assertions.Expect(tile.GetByTestId("presence")).ToHaveAttributeAsync("data-presence", "in", Attr);
            }

            output.WriteLine($"wall: three rooms online {start.ElapsedMilliseconds} ms after \"start lesson\"");

            // Room 0 checks in with two absentees, room 1 asks a question, room 2 raises its hand.
            var (checker, asker, raiser) = (kiosks[0], kiosks[1], kiosks[2]);
            await checker.GetByTestId("open-checkin").ClickAsync();
            var students = checker.GetByTestId("roster-student");
            await Assertions.Expect(students.Nth(2)).ToBeVisibleAsync(Shown);
            var absentees = new[] { (await students.Nth(1).TextContentAsync())!.Trim(), (await students.Nth(2).TextContentAsync())!.Trim() };
            await students.Nth(1).ClickAsync();
            await students.Nth(2).ClickAsync();
            var present = await checker.Locator("#present").InputValueAsync();
            await checker.GetByTestId("submit-checkin").ClickAsync();

            var text = T("老师，这一段的节拍是几拍？", "Teacher, how many beats does this bar have?");
            await asker.GetByTestId("open-ask").ClickAsync();
            await asker.Locator("#question").FillAsync(text);
            await asker.GetByTestId("submit-question").ClickAsync();
            var sinceQuestion = Stopwatch.StartNew();
            var askedAfterStart = start.Elapsed.TotalSeconds;

            await raiser.GetByTestId("raise-hand").ClickAsync();

            // The teacher sees all three.
            var checkerTile = studio.Locator($"[data-testid=wall-tile][data-producer='room:{rooms[0].Id}']");
            await Assertions.Expect(checkerTile.GetByTestId("headcount")).ToContainTextAsync(present + "/", new() { Timeout = Long });
            foreach (var name in absentees) await Assertions.Expect(checkerTile.Locator(".absentees")).ToContainTextAsync(name, new() { Timeout = Long });
            var question = studio.GetByTestId("question").Filter(new() { HasText = text });
            await Assertions.Expect(question).ToBeVisibleAsync(Shown);
            await Assertions.Expect(question).ToContainTextAsync(rooms[1].Name);
            await Assertions.Expect(studio.Locator($"[data-testid=wall-tile][data-producer='room:{rooms[2].Id}']")).ToHaveAttributeAsync("data-hand", "up", Attr);
            var hand = studio.Locator($"[data-testid=hand-queue][data-classroom='{rooms[2].Id}']");
            await Assertions.Expect(hand).ToBeVisibleAsync(Shown);
            await PageBrowser.ScreenshotAsync(studio, $"whole-lesson-studio.{lang}");

            // Before the stage: how many audio streams reach the other kiosks (the studio's microphone).
            var audioBefore = await WaitForFlowingAudioAsync(checker, 1, Long);
            output.WriteLine($"kiosk {rooms[0].Id}: {audioBefore} received audio stream(s) flowing before the stage");

            // The hand-raiser goes on stage: its kiosk publishes camera and microphone by itself; the
            // studio and the two other kiosks play its video and receive its audio.
            var stageClock = Stopwatch.StartNew();
            await hand.GetByTestId("bring-on-stage").ClickAsync();
            await Assertions.Expect(raiser.GetByTestId("on-air")).ToHaveAttributeAsync("data-state", "on", Attr);
            var onAir = stageClock.ElapsedMilliseconds;
            var stage = studio.GetByTestId("stage-tile");
            await Assertions.Expect(stage).ToHaveAttributeAsync("data-producer", $"stage:{rooms[2].Id}", Attr);
            await Assertions.Expect(stage).ToHaveAttributeAsync("data-state", "online", Attr);
            await AssertPlayingAsync(studio, "[data-testid=stage-tile] video", Long);
            await studio.WaitForFunctionAsync("() => { const a = document.querySelector('[data-testid=stage-tile] audio'); return !!a && !a.paused && a.srcObject?.getAudioTracks().length === 1 && a.currentTime > 0; }", null, new() { Timeout = Long });
            var studioSees = stageClock.ElapsedMilliseconds;
            var kiosksSee = await Task.WhenAll(new[] { checker, asker }.Select(async k =>
            {
                await Assertions.Expect(k.GetByTestId("stage-tile")).ToBeVisibleAsync(Shown);
                await AssertPlayingAsync(k, "[data-testid=stage-tile] video", Long);
                var flowing = await WaitForFlowingAudioAsync(k, audioBefore + 1, Long);
                return (Ms: stageClock.ElapsedMilliseconds, Audio: flowing);
            }));
            output.WriteLine($"stage round trip: \"bring on stage\" → kiosk on air {onAir} ms → studio plays its video and audio {studioSees} ms → "
                + string.Join(", ", kiosksSee.Select((s, i) => $"kiosk {rooms[i].Id} plays its video with {s.Audio} audio streams flowing {s.Ms} ms")));
            await PageBrowser.ScreenshotAsync(checker, $"whole-lesson-kiosk-stage.{lang}");

            // Taken off: the stage closes everywhere and the room's sign goes out.
            var offClock = Stopwatch.StartNew();
            await studio.Locator($"[data-testid=on-stage][data-classroom='{rooms[2].Id}'] [data-testid=take-off]").ClickAsync();
            await Assertions.Expect(stage).ToBeHiddenAsync(new() { Timeout = Long });
            await Assertions.Expect(raiser.GetByTestId("on-air")).ToBeHiddenAsync(new() { Timeout = Long });
            foreach (var k in new[] { checker, asker }) await Assertions.Expect(k.GetByTestId("stage-tile")).ToBeHiddenAsync(new() { Timeout = Long });
            output.WriteLine($"taken off stage everywhere {offClock.ElapsedMilliseconds} ms after \"take off\"");

            // A quiz: every room answers through its own form; the per-room rows and the total reach the studio.
            await studio.FillAsync("#quiz-prompt", T("这首歌是几拍子？", "What is the time signature?"));
            await studio.FillAsync("#quiz-options", "2/4，3/4，4/4");
            await studio.ClickAsync("#push-quiz");
            var quiz = studio.GetByTestId("quiz").First;
            await Assertions.Expect(quiz).ToHaveAttributeAsync("data-open", "true", Attr);
            int[][] answers = [[3, 18, 2], [10, 5, 1], [0, 12, 9]];
            for (var i = 0; i < kiosks.Count; i++)
            {
                await kiosks[i].GetByTestId("open-quiz").ClickAsync();
                var counts = kiosks[i].GetByTestId("quiz-count");
                await Assertions.Expect(counts).ToHaveCountAsync(3, new() { Timeout = Long });
                for (var o = 0; o < 3; o++) await counts.Nth(o).FillAsync(answers[i][o].ToString(CultureInfo.InvariantCulture));
                await kiosks[i].GetByTestId("submit-quiz").ClickAsync();
            }

            for (var i = 0; i < kiosks.Count; i++)
                await Assertions.Expect(quiz.Locator($"[data-testid=quiz-room][data-classroom='{rooms[i].Id}'] td"))
                    .ToHaveTextAsync(answers[i].Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray(), new() { Timeout = Long });
            var sums = Enumerable.Range(0, 3).Select(o => answers.Sum(a => a[o]).ToString(CultureInfo.InvariantCulture)).ToArray();
            await Assertions.Expect(quiz.Locator("[data-testid=quiz-total] td")).ToHaveTextAsync(sums);
            await PageBrowser.ScreenshotAsync(studio, $"whole-lesson-quiz.{lang}");
            await quiz.GetByTestId("close-quiz").ClickAsync();
            await Assertions.Expect(quiz).ToHaveAttributeAsync("data-open", "false", Attr);

            // The lesson ends, at least 15 s of media after the question: the replay resumes a viewer
            // who stopped there only when that is more than 5 s before the end (resumePosition).
            var lessonLeft = TimeSpan.FromSeconds(15) - sinceQuestion.Elapsed;
            if (lessonLeft > TimeSpan.Zero) await Task.Delay(lessonLeft);
            await studio.ClickAsync("#stop");
            await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.ended", Attr);
            output.WriteLine($"whole lesson (live part): {total.ElapsedMilliseconds} ms");

            // The recording is finished; a student of the asking room's class replays the lesson.
            var ended = Stopwatch.StartNew();
            var recordingId = await FinishedRecordingAsync();
            output.WriteLine($"recording {recordingId} finished {ended.ElapsedMilliseconds} ms after \"end lesson\"");
            await CreateStudentAsync("whole-lesson-student", rooms[1].Id);
            var student = await browser.NewContextAsync(locale, 1024, 700);
            contexts.Add(student);
            var replay = await student.NewPageAsync();
            replay.PageError += (_, e) => { lock (errors) errors.Add("replay: " + e); };
            await replay.GotoAsync($"{_baseUrl}/vue/replay.html?lang={lang}");
            await PageBrowser.SignInAsync(replay, "whole-lesson-student", Password, english);
            var listed = replay.Locator($"[data-testid=recording][data-recording='{recordingId}']");
            await Assertions.Expect(listed).ToBeVisibleAsync(Shown);
            await listed.ClickAsync();
            await WaitReplayAsync(replay, "v => !v.paused && v.currentTime > 0 && v.readyState >= 2", "the replay starts");

            // The room's question is a chapter at its media time; jump there.
            var chapter = replay.GetByTestId("chapter").Filter(new() { HasText = text });
            await Assertions.Expect(chapter).ToHaveCountAsync(1, new() { Timeout = Long });
            var at = await ChapterSecondsAsync(recordingId, text);
            output.WriteLine($"the question's chapter is at {at:F1} s of the recording (asked {askedAfterStart:F1} s after \"start lesson\")");
            // Media time counts from the recording's start (the studio's first media, a moment after
            // "start lesson"), not from the kiosk's join ten seconds earlier: the chapter is where it was asked.
            Assert.InRange(at, askedAfterStart - 6, askedAfterStart + 1);
            await chapter.ClickAsync();
            var from = (at - 0.5).ToString(CultureInfo.InvariantCulture);
            var to = (at + 3).ToString(CultureInfo.InvariantCulture);
            await WaitReplayAsync(replay, $"v => !v.seeking && v.currentTime >= {from} && v.currentTime < {to}", $"the jump lands at {at:F1} s");
            await Assertions.Expect(chapter).ToHaveAttributeAsync("aria-current", "true");
            await replay.GetByTestId("video").EvaluateAsync("v => v.pause()");
            var left = await replay.GetByTestId("video").EvaluateAsync<double>("v => v.currentTime");
            await PageBrowser.ScreenshotAsync(replay, $"whole-lesson-replay.{lang}");

            // Leave, come back later through the home page: the replay resumes where it was left.
            await replay.GotoAsync($"{_baseUrl}/index.html");
            var stored = await WaitForProgressAsync(student, _baseUrl, recordingId, ms => ms >= (long)((at - 0.5) * 1000));
            await replay.GetByTestId("replay-link").ClickAsync();
            await replay.Locator($"[data-testid=recording][data-recording='{recordingId}']").ClickAsync();
            await Assertions.Expect(replay.GetByTestId("resumed")).ToBeVisibleAsync(Shown);
            await WaitReplayAsync(replay, "v => v.readyState >= 2 && v.currentTime > 0", "the replay resumes");
            var resumed = await replay.GetByTestId("video").EvaluateAsync<double>("v => v.currentTime");
            output.WriteLine($"left the replay at {left:F1} s (stored {stored / 1000.0:F1} s), resumed at {resumed:F1} s");
            Assert.InRange(resumed, stored / 1000.0 - 0.5, left + 3);

            lock (errors) Assert.True(errors.Count == 0, "page errors: " + string.Join("\n", errors));
            output.WriteLine($"whole lesson with its replay: {total.ElapsedMilliseconds} ms");
        }
        finally
        {
            foreach (var context in contexts) await context.DisposeAsync();
        }
    }
}
