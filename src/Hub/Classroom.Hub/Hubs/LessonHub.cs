using Classroom.Contracts.Tokens;
using Classroom.Hub.Auth;
using Classroom.Hub.Broadcast;
using Classroom.Hub.Directory;
using Classroom.Hub.Presence;
using Classroom.Hub.Protocol;
using Classroom.Hub.Stage;
using Classroom.Hub.Store;
using Classroom.Hub.Store.Records;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Classroom.Hub.Hubs;

/// <summary>
/// The lesson's interaction hub (protocol in docs/hub.md). Every call is checked against the
/// caller's token and the lesson it was admitted to; records are stored (idempotent on their
/// client id), then acknowledged by the return value, then broadcast.
/// </summary>
[Authorize(AuthenticationSchemes = JoinTokenAuthenticationHandler.SchemeName)]
public sealed partial class LessonHub(
    ILessonDirectory directory,
    StoreWriter writer,
    PresenceStore presence,
    LessonStateReader state,
    LessonSnapshotter snapshots,
    LessonBroadcaster broadcaster,
    IStageTokenIssuer stageTokens,
    IDbContextFactory<HubDbContext> contexts,
    IOptions<LessonHubOptions> options,
    HubRevocations connections,
    StageTokenLedger stageLedger,
    TimeProvider time,
    ILogger<LessonHub> logger) : Hub<ILessonClient>
{
    public override async Task OnConnectedAsync()
    {
        var caller = HubCaller.From(Context.User) ?? throw HubErrorCodes.Error(HubErrorCodes.Forbidden, "no join token");
        var lessonId = caller.Token.LessonId ?? (caller.Token.Role == ClassroomRole.Admin ? Context.GetHttpContext()?.Request.Query["lesson"].ToString() : null);
        if (string.IsNullOrEmpty(lessonId)) throw Refuse(caller, HubErrorCodes.Invalid, "no lesson");
        var roster = await directory.GetLessonAsync(lessonId, caller.RawToken, Context.ConnectionAborted).ConfigureAwait(false)
                     ?? throw Refuse(caller, HubErrorCodes.NotFound, "lesson " + lessonId);
        var reason = LessonAdmission.Check(caller.Token, roster, out var room);
        if (reason is not null) throw Refuse(caller, HubErrorCodes.Forbidden, reason);

        var binding = new LessonBinding(caller, roster, room);
        Context.Items[LessonBinding.ItemKey] = binding;
        connections.Track(Context, caller);
        await Groups.AddToGroupAsync(Context.ConnectionId, LessonGroups.Lesson(lessonId)).ConfigureAwait(false);
        if (binding.IsStaff) await Groups.AddToGroupAsync(Context.ConnectionId, LessonGroups.Staff(lessonId)).ConfigureAwait(false);
        if (room is not null) await Groups.AddToGroupAsync(Context.ConnectionId, LessonGroups.Room(lessonId, room.ClassroomId)).ConfigureAwait(false);
        broadcaster.Joined(lessonId);
        await snapshots.EnsureAsync(roster, Context.ConnectionAborted).ConfigureAwait(false);
        if (TracksPresence(binding))
        {
            var interval = await presence.ConnectAsync(lessonId, caller.Token.Subject, caller.Token.Role.ToWire(), room?.ClassroomId,
                caller.Token.SchoolId, Context.ConnectionAborted).ConfigureAwait(false);
            AnnouncePresence(binding, interval, connected: true);
        }

        HubLog.Connected(logger, caller.Token.Subject, caller.Token.Role.ToWire(), lessonId);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Forget(Context.ConnectionId);
        if (!Context.Items.TryGetValue(LessonBinding.ItemKey, out var value) || value is not LessonBinding binding) return;
        broadcaster.Left(binding.LessonId);
        if (!TracksPresence(binding)) return;
        var interval = await presence.DisconnectAsync(binding.LessonId, binding.Token.Subject, CancellationToken.None).ConfigureAwait(false);
        if (interval is not null) AnnouncePresence(binding, interval, connected: interval.DisconnectedAtMs is null);
    }

    /// <summary>The whole lesson state, read from the store: what a client re-reads after every (re)connect.</summary>
    public Task<LessonStateView> GetLessonState() => state.ReadAsync(Binding(), Context.ConnectionAborted);

    /// <summary>Keeps the presence interval alive; its last heartbeat closes it after a crash.</summary>
    public async Task<long> Heartbeat()
    {
        var binding = Binding();
        if (TracksPresence(binding))
            await presence.HeartbeatAsync(binding.LessonId, binding.Token.Subject, binding.Token.Role.ToWire(), binding.Room?.ClassroomId,
                binding.Token.SchoolId, Context.ConnectionAborted).ConfigureAwait(false);
        return time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    private static bool TracksPresence(LessonBinding b) => b.Token.Role is ClassroomRole.Classroom or ClassroomRole.Teacher;

    private void AnnouncePresence(LessonBinding binding, PresenceInterval interval, bool connected)
    {
        var view = new PresenceView(interval.Subject, interval.ClassroomId, connected,
            connected ? interval.StartedAtMs : interval.DisconnectedAtMs ?? interval.LastSeenAtMs, interval.Drops);
        broadcaster.Enqueue(binding.LessonId, nameof(ILessonClient.PresenceChanged),
            c => c.Group(LessonGroups.Staff(binding.LessonId)).PresenceChanged(view));
    }

    private HubException Refuse(HubCaller caller, string code, string reason)
    {
        HubLog.Refused(logger, caller.Token.Subject, reason);
        return HubErrorCodes.Error(code, reason);
    }
}
