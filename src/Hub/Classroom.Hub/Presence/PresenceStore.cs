using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Hub.Presence;

/// <summary>
/// Presence intervals from connection lifecycle and heartbeats, kept in the store so they survive a
/// hub restart (rules in docs/hub.md "Presence"): one open interval per (lesson, subject); a
/// reconnect within the grace period continues it and counts a drop.
/// </summary>
public sealed class PresenceStore(StoreWriter writer, IOptions<LessonHubOptions> options)
{
    private long GraceMs => (long)options.Value.ReconnectGrace.TotalMilliseconds;

    /// <summary>After this long without a heartbeat, the participant is gone (a node crashed, or the link is dead).</summary>
    public long StaleMs => (long)(options.Value.HeartbeatInterval.TotalMilliseconds * 3);

    public Task<PresenceInterval> ConnectAsync(string lessonId, string subject, string role, long? classroomId, long? schoolId, CancellationToken ct) =>
        writer.RunAsync(async (db, now, token) =>
        {
            var open = await FindOpenAsync(db, lessonId, subject, token).ConfigureAwait(false);
            if (open is not null)
            {
                var lastAlive = open.DisconnectedAtMs ?? open.LastSeenAtMs;
                if (now - lastAlive <= GraceMs || (open.DisconnectedAtMs is null && now - open.LastSeenAtMs <= StaleMs))
                {
                    // Continue the interval. If it looked gone (disconnected, or silent after a crash), that was a drop.
                    var wasGone = open.DisconnectedAtMs is not null || now - open.LastSeenAtMs > options.Value.HeartbeatInterval.TotalMilliseconds * 1.5;
                    if (wasGone) { open.Drops++; open.Connections = 0; }
                    open.Connections++;
                    open.DisconnectedAtMs = null;
                    open.LastSeenAtMs = now;
                    return open;
                }

                Close(open);
            }

            var started = new PresenceInterval
            {
                Id = Guid.NewGuid(), LessonId = lessonId, Subject = subject, Role = role, ClassroomId = classroomId,
                SchoolId = schoolId, StartedAtMs = now, LastSeenAtMs = now, Connections = 1,
                Drops = await db.Presence.AnyAsync(p => p.LessonId == lessonId && p.Subject == subject, token).ConfigureAwait(false) ? 1 : 0,
            };
            db.Presence.Add(started);
            return started;
        }, ct);

    /// <summary>Moves lastSeen; a heartbeat on a connection whose interval was already closed (it went silent past the grace period) starts a new one.</summary>
    public Task<PresenceInterval?> HeartbeatAsync(string lessonId, string subject, string role, long? classroomId, long? schoolId, CancellationToken ct) =>
        writer.RunAsync<PresenceInterval?>(async (db, now, token) =>
        {
            var open = await FindOpenAsync(db, lessonId, subject, token).ConfigureAwait(false);
            if (open is null)
            {
                var restarted = new PresenceInterval
                {
                    Id = Guid.NewGuid(), LessonId = lessonId, Subject = subject, Role = role, ClassroomId = classroomId,
                    SchoolId = schoolId, StartedAtMs = now, LastSeenAtMs = now, Connections = 1, Drops = 1,
                };
                db.Presence.Add(restarted);
                return restarted;
            }

            open.LastSeenAtMs = now;
            if (open.DisconnectedAtMs is not null) { open.DisconnectedAtMs = null; open.Connections = Math.Max(open.Connections, 1); }
            return open;
        }, ct);

    public Task<PresenceInterval?> DisconnectAsync(string lessonId, string subject, CancellationToken ct) =>
        writer.RunAsync(async (db, now, token) =>
        {
            var open = await FindOpenAsync(db, lessonId, subject, token).ConfigureAwait(false);
            if (open is null) return null;
            open.Connections = Math.Max(0, open.Connections - 1);
            open.LastSeenAtMs = now;
            if (open.Connections == 0) open.DisconnectedAtMs = now;
            return open;
        }, ct);

    /// <summary>Closes intervals whose grace ran out, or whose heartbeats stopped (crash): at the disconnect or the last heartbeat.</summary>
    public Task<int> SweepAsync(CancellationToken ct) =>
        writer.RunAsync(async (db, now, token) =>
        {
            var graceEdge = now - GraceMs;
            var staleEdge = now - Math.Max(StaleMs, GraceMs);
            var due = await db.Presence
                .Where(p => p.EndedAtMs == null &&
                            ((p.DisconnectedAtMs != null && p.DisconnectedAtMs < graceEdge) || p.LastSeenAtMs < staleEdge))
                .ToListAsync(token).ConfigureAwait(false);
            foreach (var p in due) Close(p);
            return due.Count;
        }, ct);

    private static void Close(PresenceInterval interval)
    {
        interval.EndedAtMs = interval.DisconnectedAtMs ?? interval.LastSeenAtMs;
        interval.Connections = 0;
    }

    private static async Task<PresenceInterval?> FindOpenAsync(HubDbContext db, string lessonId, string subject, CancellationToken ct)
    {
        // An interval added earlier in the same batch is not in the database yet.
        var local = db.Presence.Local.FirstOrDefault(p => p.LessonId == lessonId && p.Subject == subject && p.EndedAtMs == null);
        if (local is not null) return local;
        return await db.Presence
            .Where(p => p.LessonId == lessonId && p.Subject == subject && p.EndedAtMs == null)
            .OrderByDescending(p => p.StartedAtMs)
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
    }
}
