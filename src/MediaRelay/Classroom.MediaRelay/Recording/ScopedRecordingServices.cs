using Classroom.Contracts.Recordings;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.MediaRelay.Recording;

/// <summary>
/// The catalog as another role registered it (often scoped: it writes through a store), resolved
/// in a scope of its own for each call, so the singleton recorder never holds a scoped service.
/// </summary>
internal sealed class ScopedRecordingCatalog(IServiceScopeFactory scopes) : IRecordingCatalog
{
    public async Task RecordingStartedAsync(RecordingStarted started, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IRecordingCatalog>().RecordingStartedAsync(started, cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordingFinishedAsync(RecordingFinished finished, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IRecordingCatalog>().RecordingFinishedAsync(finished, cancellationToken).ConfigureAwait(false);
    }

    public async Task RenditionStateAsync(RecordingRenditionState state, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IRecordingCatalog>().RenditionStateAsync(state, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The scheduler's recording policy, resolved in a scope of its own for each question (see <see cref="ScopedRecordingCatalog"/>).</summary>
internal sealed class ScopedRecordingPolicy(IServiceScopeFactory scopes) : IRecordingPolicy
{
    public async Task<RecordingDecision> DecideAsync(string lessonId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IRecordingPolicy>().DecideAsync(lessonId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int?> RetentionDaysAsync(long allianceId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IRecordingPolicy>().RetentionDaysAsync(allianceId, cancellationToken).ConfigureAwait(false);
    }
}
