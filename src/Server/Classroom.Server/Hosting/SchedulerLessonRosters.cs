using Classroom.Contracts.Lessons;
using Classroom.Scheduler.Solving;

namespace Classroom.Server.Hosting;

/// <summary>
/// The scheduler's lesson rosters for the other roles of this process, without a caller token
/// (the hub's recordings catalog copies who may watch a recording when it starts). Each call
/// takes its own scope, as the scheduler's store is scoped.
/// </summary>
internal sealed class SchedulerLessonRosters(IServiceScopeFactory scopes) : ILessonRosterSource
{
    public async Task<LessonRosterDto?> FindAsync(string lessonId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LessonDirectory>().FindAsync(lessonId, cancellationToken);
    }
}
