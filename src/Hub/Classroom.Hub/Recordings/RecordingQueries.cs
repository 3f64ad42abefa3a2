using Classroom.Contracts.Access;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Hub.Recordings;

/// <summary>Reads of the catalog for the API: lists filtered by what the caller may watch, and one recording's detail.</summary>
public sealed class RecordingQueries(IDbContextFactory<HubDbContext> contexts, ReplayUrlSigner signer, TimeProvider time, Microsoft.Extensions.Options.IOptions<LessonHubOptions> options,
    Classroom.Contracts.Recordings.IRecordingPolicy? policy = null)
{
    public const int ListLimit = 200;

    public async Task<RecordingRecord?> FindAsync(string id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.Recordings.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.State != RecordingStates.Deleted, ct).ConfigureAwait(false);
    }

    /// <summary>The lesson's newest recording (the one being made while the lesson runs).</summary>
    public async Task<RecordingRecord?> LatestOfLessonAsync(string lessonId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.Recordings.AsNoTracking().Where(r => r.LessonId == lessonId && r.State != RecordingStates.Deleted)
            .OrderByDescending(r => r.StartedAtMs).FirstOrDefaultAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RecordingRoomRecord>> RoomsAsync(string id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.RecordingRooms.AsNoTracking().Where(r => r.RecordingId == id).OrderBy(r => r.SchoolId).ThenBy(r => r.ClassroomId).ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The lesson's recordings the caller may watch, newest first.</summary>
    public async Task<IReadOnlyList<RecordingSummary>> OfLessonAsync(string lessonId, IReadOnlyList<Grant> grants, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var rows = await db.Recordings.AsNoTracking().Where(r => r.LessonId == lessonId && r.State != RecordingStates.Deleted)
            .OrderByDescending(r => r.StartedAtMs).Take(ListLimit).ToListAsync(ct).ConfigureAwait(false);
        return await SummariesAsync(db, rows, grants, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The recordings a caller's grants make candidates, before each is checked with
    /// <see cref="AccessPolicy"/>: all of them for a county-wide grant (<paramref name="everything"/>),
    /// else those of the caller's alliances, lead schools, lessons taught, or paired classes and schools.
    /// </summary>
    private static IQueryable<RecordingRecord> CandidatesFor(HubDbContext db, IReadOnlyList<Grant> grants, out bool everything)
    {
        everything = grants.Any(g => g.Role == AccountRole.DistrictAdmin || (g.Role == AccountRole.Researcher && g.AllianceId is null));
        var alliances = grants.Where(g => g.Role is AccountRole.AllianceAdmin or AccountRole.Researcher && g.AllianceId is not null).Select(g => g.AllianceId!.Value).ToList();
        var schools = grants.Where(g => g.Role is AccountRole.SchoolAdmin or AccountRole.Teacher && g.SchoolId is not null).Select(g => g.SchoolId!.Value).ToList();
        var teachers = grants.Where(g => g.Role == AccountRole.Teacher && g.TeacherId is not null).Select(g => g.TeacherId!.Value).ToList();
        var classes = grants.Where(g => g.Role == AccountRole.Student && g.ClassroomId is not null).Select(g => g.ClassroomId!.Value).ToList();
        var live = db.Recordings.AsNoTracking().Where(r => r.State != RecordingStates.Deleted);
        if (everything) return live;
        return live.Where(r =>
            (r.AllianceId != null && alliances.Contains(r.AllianceId.Value)) ||
            (r.LeadSchoolId != null && schools.Contains(r.LeadSchoolId.Value)) ||
            (r.TeacherId != null && teachers.Contains(r.TeacherId.Value)) ||
            db.RecordingRooms.Any(m => m.RecordingId == r.Id && (classes.Contains(m.ClassroomId) || schools.Contains(m.SchoolId))));
    }

    /// <summary>
    /// "My recordings": candidates by the caller's grants (a student's class, a teacher's lessons and
    /// school, an admin's school or alliance), then each checked with <see cref="AccessPolicy"/>.
    /// </summary>
    public async Task<IReadOnlyList<RecordingSummary>> MineAsync(IReadOnlyList<Grant> grants, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var rows = await CandidatesFor(db, grants, out _).OrderByDescending(r => r.StartedAtMs).Take(ListLimit).ToListAsync(ct).ConfigureAwait(false);
        return await SummariesAsync(db, rows, grants, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// One page of "my recordings" for the admin console (docs/admin-paging.md): the same candidates
    /// and the same <see cref="AccessPolicy"/> check as <see cref="MineAsync"/>, the search
    /// (subject, teacher, lesson id, a room's school or class name) and the alliance applied first,
    /// newest first with the id breaking ties, then the page; the total counts what the caller may watch.
    /// </summary>
    public async Task<(IReadOnlyList<RecordingSummary> Page, int Total)> MinePageAsync(IReadOnlyList<Grant> grants, string? q, long? allianceId, int page, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grants);
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var candidates = CandidatesFor(db, grants, out var everything);
        if (allianceId is { } only) candidates = candidates.Where(r => r.AllianceId == null || r.AllianceId == only);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            candidates = candidates.Where(r => r.Subject.Contains(text) || r.TeacherName.Contains(text) || r.LessonId.Contains(text) ||
                db.RecordingRooms.Any(m => m.RecordingId == r.Id && (m.SchoolName.Contains(text) || m.ClassroomName.Contains(text))));
        }

        var ordered = candidates.OrderByDescending(r => r.StartedAtMs).ThenBy(r => r.Id);
        var skip = (int)Math.Min(int.MaxValue, ((long)page - 1) * pageSize);
        if (everything)
        {
            // A county-wide grant watches every recording: count and page in the database.
            var total = await ordered.CountAsync(ct).ConfigureAwait(false);
            var rows = await ordered.Skip(skip).Take(pageSize).ToListAsync(ct).ConfigureAwait(false);
            return (await SummariesAsync(db, rows, grants, ct).ConfigureAwait(false), total);
        }

        // Otherwise the candidates are a superset: check each with the policy (as MineAsync does), then page.
        var all = await ordered.ToListAsync(ct).ConfigureAwait(false);
        var ids = all.Select(r => r.Id).ToList();
        var rooms = (await db.RecordingRooms.AsNoTracking().Where(m => ids.Contains(m.RecordingId)).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(m => m.RecordingId, StringComparer.Ordinal);
        var allowed = all.Where(r => AccessPolicy.Allows(grants, Permission.Watch, RecordingScopeResolver.ScopeOf(r, rooms[r.Id]))).ToList();
        return (await SummariesAsync(db, allowed.Skip(skip).Take(pageSize).ToList(), grants, ct).ConfigureAwait(false), allowed.Count);
    }

    public async Task<RecordingDetail> DetailAsync(RecordingRecord row, string? subject, IReadOnlyList<Grant> grants, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        var rooms = await db.RecordingRooms.AsNoTracking().Where(r => r.RecordingId == row.Id).OrderBy(r => r.SchoolId).ThenBy(r => r.ClassroomId).ToListAsync(ct).ConfigureAwait(false);
        var chapters = await db.Questions.AsNoTracking().Where(q => q.LessonId == row.LessonId).OrderBy(q => q.MediaTimeMs).ThenBy(q => q.ReceivedAtMs)
            .Select(q => new ChapterView(q.Id, q.MediaTimeMs, q.Text, q.Status)).ToListAsync(ct).ConfigureAwait(false);
        var view = subject is null ? null : await db.RecordingViews.AsNoTracking().FirstOrDefaultAsync(v => v.RecordingId == row.Id && v.Subject == subject, ct).ConfigureAwait(false);
        var visible = VisibleClassrooms(row, rooms, grants);
        var questions = await db.ReplayQuestions.AsNoTracking().Where(q => q.RecordingId == row.Id && visible.Contains(q.ClassroomId))
            .OrderBy(q => q.MediaTimeMs).ThenBy(q => q.AskedAtMs).ToListAsync(ct).ConfigureAwait(false);
        string? poster = null;
        if (row.Poster is { } p) poster = ReplayUrlSigner.UrlOf(signer.Sign(row.Id, time.GetUtcNow() + options.Value.ReplayUrlLifetime), p);
        return new RecordingDetail(row.Id, row.LessonId, row.Subject, row.TeacherName, row.State, At(row.StartedAtMs), row.EndedAtMs is { } e ? At(e) : null,
            row.DurationMs, row.Discontinuities, row.Recovered,
            RecordingCatalog.Renditions(row).Select(r => new RenditionView(r.Name, r.Codecs, r.Width, r.Height, r.Bandwidth, r.State, r.Error)).ToList(),
            poster, rooms.Select(Room).ToList(), chapters,
            view is null ? null : new ProgressView(view.PositionMs, view.WatchedMs, At(view.UpdatedAtMs)),
            questions.Select(Question).ToList());
    }

    /// <summary>
    /// The classes whose replay questions (and answers) the caller sees: all of them for those who
    /// read the lesson itself (its teacher, admins of the lead school or alliance); otherwise the
    /// classes their own grants reach (a student's class, a paired school's rooms).
    /// </summary>
    public static IReadOnlySet<long> VisibleClassrooms(RecordingRecord row, IReadOnlyList<RecordingRoomRecord> rooms, IReadOnlyList<Grant> grants)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(rooms);
        var lesson = RecordingScopeResolver.ScopeOf(row, []);
        if (AccessPolicy.Allows(grants, Permission.Read, lesson)) return rooms.Select(r => r.ClassroomId).ToHashSet();
        return rooms.Where(r => AccessPolicy.Allows(grants, Permission.Watch, new ResourceScope(row.AllianceId, r.SchoolId, r.ClassroomId)))
            .Select(r => r.ClassroomId).ToHashSet();
    }

    internal static ReplayQuestionView Question(ReplayQuestionRecord q) =>
        new(q.Id, q.RecordingId, q.LessonId, q.ClassroomId, q.MediaTimeMs, q.Text, At(q.AskedAtMs), q.Answer, q.AnsweredAtMs is { } a ? At(a) : null);

    internal static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static RecordingRoomView Room(RecordingRoomRecord r) => new(r.ClassroomId, r.ClassroomName, r.SchoolId, r.SchoolName);

    private async Task<IReadOnlyList<RecordingSummary>> SummariesAsync(HubDbContext db, List<RecordingRecord> rows, IReadOnlyList<Grant> grants, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var rooms = (await db.RecordingRooms.AsNoTracking().Where(r => ids.Contains(r.RecordingId)).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(r => r.RecordingId, StringComparer.Ordinal);
        var views = (await db.RecordingViews.AsNoTracking().Where(v => ids.Contains(v.RecordingId)).GroupBy(v => v.RecordingId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false)).ToDictionary(v => v.Key, v => v.Count, StringComparer.Ordinal);
        // The retention the job applies (RecordingRetentionJob): the alliance's policy, else the hub's default.
        var retention = new Dictionary<long, int>();
        foreach (var alliance in rows.Where(r => r.AllianceId is not null).Select(r => r.AllianceId!.Value).Distinct())
            retention[alliance] = (policy is null ? null : await policy.RetentionDaysAsync(alliance, ct).ConfigureAwait(false)) ?? options.Value.RecordingRetentionDays;
        var summaries = new List<RecordingSummary>();
        foreach (var r in rows)
        {
            var scope = RecordingScopeResolver.ScopeOf(r, rooms[r.Id]);
            if (!AccessPolicy.Allows(grants, Permission.Watch, scope)) continue;
            var keep = r.AllianceId is { } a ? retention[a] : options.Value.RecordingRetentionDays;
            summaries.Add(new RecordingSummary(r.Id, r.LessonId, r.Subject, r.TeacherName, r.State, At(r.StartedAtMs), r.EndedAtMs is { } e ? At(e) : null,
                r.DurationMs, rooms[r.Id].OrderBy(m => m.SchoolId).ThenBy(m => m.ClassroomId).Select(Room).ToList(),
                r.AllianceId, views.GetValueOrDefault(r.Id), At(r.EndedAtMs ?? r.StartedAtMs).AddDays(keep),
                AccessPolicy.Allows(grants, Permission.Manage, scope)));
        }

        return summaries;
    }
}
