using Classroom.Contracts.Lessons;
using Classroom.Contracts.Recordings;
using Classroom.Scheduler.Api;
using Classroom.Scheduler.Calendar;
using Classroom.Scheduler.Data;
using Classroom.Scheduler.Solving;
using Classroom.Scheduler.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Scheduler.Recordings;

/// <summary>
/// The RTMP/SRT bridge's questions to the scheduler: whose stream key is this (the store keeps
/// only its SHA-256, unique per studio), and which lesson occurrence the studio holds now — one
/// of its lead lessons whose period on that date (lead school's bell schedule, term calendar)
/// contains the time, from <see cref="KioskEndpoints.EarlyJoin"/> before its start to its end.
/// </summary>
public sealed class StudioIngestDirectory(IServiceScopeFactory scopes) : IStudioIngestDirectory
{
    public async Task<StudioIngestTarget?> FindByStreamKeyAsync(string streamKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(streamKey) || streamKey.Length > 128) return null;
        var hash = SecretKeys.Hash(streamKey);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var studio = await db.Studios.AsNoTracking().Where(s => s.StreamKeyHash == hash)
            .Select(s => new { s.Id, s.SchoolId, s.Name, s.StreamKeyHash }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        // The lookup is by hash; the constant-time compare keeps the check itself free of timing leaks.
        return studio is not null && SecretKeys.Matches(studio.StreamKeyHash!, streamKey) ? new StudioIngestTarget(studio.Id, studio.SchoolId, studio.Name) : null;
    }

    public async Task<string?> CurrentLessonAsync(long studioId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var lessons = await db.LeadLessons.AsNoTracking().Where(l => l.StudioId == studioId)
            .Select(l => new { l.Id, l.AllianceId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (lessons.Count == 0) return null;
        var zones = await db.Alliances.AsNoTracking().Where(a => lessons.Select(l => l.AllianceId).Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.TimeZone, cancellationToken).ConfigureAwait(false);
        var directory = new LessonDirectory(db);
        foreach (var lesson in lessons.OrderBy(l => l.Id))
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, AllianceClock.Zone(zones[lesson.AllianceId])).DateTime);
            var found = await directory.FindAsync(new LessonOccurrenceId(lesson.Id, today).ToString(), cancellationToken).ConfigureAwait(false);
            if (found is not null && at >= found.StartsAt - KioskEndpoints.EarlyJoin && at <= found.EndsAt) return found.LessonId;
        }

        return null;
    }
}
