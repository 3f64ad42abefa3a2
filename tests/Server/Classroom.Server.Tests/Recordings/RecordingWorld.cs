using System.Diagnostics;
using Classroom.Contracts.Access;
using Classroom.Contracts.Lessons;
using Classroom.Contracts.Recordings;
using Classroom.Scheduler.Data;
using Classroom.Server.Tests.Scheduler;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Server.Tests.Recordings;

/// <summary>
/// A recorded lesson on the demo alliance: the demo teacher's lesson this week, a student account
/// in one of its paired classes and one in a class that was not paired, and recordings made the
/// way the relay's recorder leaves them — a folder with a real HLS fMP4 playlist made by ffmpeg,
/// a poster, and the catalog told through <see cref="IRecordingCatalog"/>.
/// </summary>
internal sealed class RecordingWorld
{
    private static readonly Lazy<string> Fixture = new(() => MakeFixture(4, "160x120", 15));
    private static readonly Lazy<string> LongFixture = new(() => MakeFixture(LongSeconds, "320x180", 25));

    /// <summary>The length of the recording <see cref="RecordAsync"/> makes with <c>longer: true</c> (for the replay page: room to jump and resume).</summary>
    public const int LongSeconds = 20;

    public required LessonRosterDto Lesson { get; init; }
    public required LessonRoomDto PairedRoom { get; init; }
    public required long UnpairedRoom { get; init; }
    public required long UnpairedSchool { get; init; }
    public required string Student { get; init; }
    public required string OtherStudent { get; init; }
    public required string Teacher { get; init; }

    public const string StudentName = "李小红";

    public static async Task<RecordingWorld> BuildAsync(SchedulerHost host)
    {
        var admin = host.Admin();
        var week = await admin.CurrentWeekAsync();
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var rosters = scope.ServiceProvider.GetRequiredService<ILessonRosterSource>();
        LessonRosterDto? lesson = null;
        foreach (var p in week["pairings"]!.AsArray())
        {
            var roster = await rosters.FindAsync((string)p!["lessonId"]!, CancellationToken.None);
            if (roster is { Rooms.Count: > 0 } && (lesson is null || roster.Rooms.Count > lesson.Rooms.Count)) lesson = roster;
        }

        Assert.NotNull(lesson);
        var room = lesson.Rooms[0];
        var paired = lesson.Rooms.Select(r => r.ClassroomId).ToHashSet();
        var other = await db.Classrooms.Where(c => c.School!.AllianceId == lesson.AllianceId).Select(c => new { c.Id, c.SchoolId }).ToListAsync();
        var unpaired = other.First(c => !paired.Contains(c.Id));
        return new RecordingWorld
        {
            Lesson = lesson, PairedRoom = room, UnpairedRoom = unpaired.Id, UnpairedSchool = unpaired.SchoolId,
            Student = host.AccessToken("rec-student", new Grant(AccountRole.Student, lesson.AllianceId, room.SchoolId, room.ClassroomId)),
            OtherStudent = host.AccessToken("rec-other-student", new Grant(AccountRole.Student, lesson.AllianceId, unpaired.SchoolId, unpaired.Id)),
            Teacher = host.AccessToken("rec-teacher", new Grant(AccountRole.Teacher, lesson.AllianceId, lesson.LeadSchoolId, null, lesson.TeacherId)),
        };
    }

    /// <summary>Copies the ffmpeg-made recording into the data folder and tells the catalog it started (and, unless live, finished).</summary>
    public async Task<string> RecordAsync(SchedulerHost host, string recordingId, DateTimeOffset startedAt, bool finish = true, bool longer = false, string? lessonId = null)
    {
        lessonId ??= Lesson.LessonId;
        var folder = Path.Combine(host.DataFolder, "recordings", recordingId);
        var seconds = longer ? LongSeconds : 4;
        CopyFolder((longer ? LongFixture : Fixture).Value, folder);
        var catalog = host.Services.GetRequiredService<IRecordingCatalog>();
        await catalog.RecordingStartedAsync(new RecordingStarted(recordingId, lessonId, startedAt, folder), CancellationToken.None);
        if (finish)
        {
            await catalog.RecordingFinishedAsync(new RecordingFinished(recordingId, lessonId, startedAt, startedAt.AddSeconds(seconds), TimeSpan.FromSeconds(seconds),
                [new RecordingRendition("camera", "camera.m3u8", "avc1.42c00d", longer ? 320 : 160, longer ? 180 : 120, 200_000)], "poster.jpg", 1, false), CancellationToken.None);
        }

        return folder;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>An H.264 HLS recording in fMP4 segments of 1 s (segments under run-1/, as the recorder writes them) and a poster.</summary>
    private static string MakeFixture(int seconds, string size, int rate)
    {
        var folder = Directory.CreateTempSubdirectory("classroom-hls-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "run-1"));
        Run(folder, "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", $"testsrc2=duration={seconds}:size={size}:rate={rate}", "-c:v", "libx264", "-preset", "ultrafast",
            "-g", rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "hls", "-hls_segment_type", "fmp4", "-hls_time", "1", "-hls_playlist_type", "vod", "-hls_base_url", "run-1/",
            "-hls_fmp4_init_filename", "init.mp4", "-hls_segment_filename", "run-1/seg_%05d.m4s", "camera.m3u8");
        Run(folder, "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", $"testsrc2=size={size}", "-frames:v", "1", "poster.jpg");
        return folder;
    }

    private static void Run(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("ffmpeg") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var ffmpeg = Process.Start(start)!;
        var errors = ffmpeg.StandardError.ReadToEndAsync();
        _ = ffmpeg.StandardOutput.ReadToEndAsync();
        Assert.True(ffmpeg.WaitForExit(60_000), "ffmpeg did not finish within 60 s");
        Assert.True(ffmpeg.ExitCode == 0, "ffmpeg failed: " + errors.GetAwaiter().GetResult());
    }
}
