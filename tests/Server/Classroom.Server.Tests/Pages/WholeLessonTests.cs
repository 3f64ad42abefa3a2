// Issue 13, "Proof", first bullet: one whole lesson through the shipped pages.
//
// WORK IN PROGRESS (branch helper-lesson, not merged). What this test covers so far, and what is left:
//   done:  studio console (sign-in, fake camera, drawn courseware, start); three enrolled kiosks of three
//          different schools wait on their countdown and join by themselves; moving video on each
//          (data-frames from getStats grow, a canvas sample changes); the three room cameras online on
//          the teacher's wall; one room checks in with two absentees, one asks, one raises its hand
//          (all through the kiosk's own buttons); the teacher sees all three; brings the hand-raiser on
//          stage (the kiosk publishes camera + microphone itself), the studio and the other two kiosks
//          play its video and receive its audio (inbound-rtp bytes); takes it off; a quiz goes out, every
//          kiosk answers through its form and the per-room rows reach the studio; the lesson ends.
//   TODO:  1. the replay half: turn the recorder on (MediaRelay:Recording:Enabled, as RecordedLessonTests),
//             wait for the recording "finished" after #stop, create a student of one paired class
//             (Accounts.CreateAsync as ReplayPageTests), open /vue/replay.html, jump to the question's
//             chapter (the kiosk's question, asked at a media time), leave, come back, "resumed".
//             Doubt: the recorder transcoding Chromium's VP8 next to three kiosks on 2 cores.
//          2. the English run (only zh-CN now: one run is already heavy on this machine).
//          3. the figures into docs/benchmarks.md once they are stable over a few runs.
using System.Diagnostics;
using System.Globalization;
using Classroom.Server.Tests.Scheduler;
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
    private string _baseUrl = string.Empty;

    public Task InitializeAsync()
    {
        _baseUrl = StartAllInOne(_host);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        _host.DeleteData();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_whole_lesson_runs_from_the_studio_through_three_kiosks()
    {
        const string lang = "zh-CN";
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
                var context = await DeviceContextAsync(browser, _host, _baseUrl, id, english: false, 800, 500);
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

            // 09:50:30: the joining window opens; every kiosk notices by itself and joins.
            var joining = Stopwatch.StartNew();
            _host.Clock.Advance(TimeSpan.FromMinutes(2));
            var joined = await Task.WhenAll(kiosks.Select(async k =>
            {
                await Assertions.Expect(k.GetByTestId("hub-status")).ToHaveAttributeAsync("data-status", "connected", Attr);
                return joining.ElapsedMilliseconds;
            }));
            foreach (var k in kiosks) await Assertions.Expect(k.GetByTestId("media-state")).ToHaveAttributeAsync("data-state", "waiting", Attr);
            output.WriteLine($"joined after the window opened: {string.Join(", ", joined.Select(ms => ms + " ms"))} (kiosks poll every 5 s)");

            // The teacher signs in and starts the lesson with the fake camera and the drawn courseware.
            var teacher = await browser.NewContextAsync(lang, 1280, 800);
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

            var text = "老师，这一段的节拍是几拍？";
            await asker.GetByTestId("open-ask").ClickAsync();
            await asker.Locator("#question").FillAsync(text);
            await asker.GetByTestId("submit-question").ClickAsync();

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
            await PageBrowser.ScreenshotAsync(studio, "whole-lesson-studio.zh-CN");

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
            await PageBrowser.ScreenshotAsync(checker, "whole-lesson-kiosk-stage.zh-CN");

            // Taken off: the stage closes everywhere and the room's sign goes out.
            var offClock = Stopwatch.StartNew();
            await studio.Locator($"[data-testid=on-stage][data-classroom='{rooms[2].Id}'] [data-testid=take-off]").ClickAsync();
            await Assertions.Expect(stage).ToBeHiddenAsync(new() { Timeout = Long });
            await Assertions.Expect(raiser.GetByTestId("on-air")).ToBeHiddenAsync(new() { Timeout = Long });
            foreach (var k in new[] { checker, asker }) await Assertions.Expect(k.GetByTestId("stage-tile")).ToBeHiddenAsync(new() { Timeout = Long });
            output.WriteLine($"taken off stage everywhere {offClock.ElapsedMilliseconds} ms after \"take off\"");

            // A quiz: every room answers through its own form; the per-room rows and the total reach the studio.
            await studio.FillAsync("#quiz-prompt", "这首歌是几拍子？");
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
            await PageBrowser.ScreenshotAsync(studio, "whole-lesson-quiz.zh-CN");
            await quiz.GetByTestId("close-quiz").ClickAsync();
            await Assertions.Expect(quiz).ToHaveAttributeAsync("data-open", "false", Attr);

            // The lesson ends.
            await studio.ClickAsync("#stop");
            await Assertions.Expect(studio.Locator("#status")).ToHaveAttributeAsync("data-state", "studio.ended", Attr);
            // TODO (see the top of the file): recording finished → a student of a paired class replays, jumps, resumes.

            lock (errors) Assert.True(errors.Count == 0, "page errors: " + string.Join("\n", errors));
            output.WriteLine($"whole lesson (live part): {total.ElapsedMilliseconds} ms");
        }
        finally
        {
            foreach (var context in contexts) await context.DisposeAsync();
        }
    }
}
