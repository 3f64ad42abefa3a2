using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Classroom.Contracts;
using Classroom.Contracts.Lessons;
using Microsoft.Extensions.Options;

namespace Classroom.Hub.Directory;

/// <summary>
/// Asks the scheduler over HTTP and keeps each roster for <see cref="LessonHubOptions.RosterCacheTime"/>,
/// so 500 rooms joining within a second cost one request, not 500.
/// </summary>
public sealed class HttpLessonDirectory(
    HttpClient http,
    SchedulerAddress address,
    IOptions<LessonHubOptions> options,
    TimeProvider time) : ILessonDirectory
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Task<LessonRosterDto?> Roster)> _cache = new(StringComparer.Ordinal);

    public async Task<LessonRosterDto?> GetLessonAsync(string lessonId, string? bearerToken, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(lessonId, out var hit) && now - hit.At < options.Value.RosterCacheTime && !hit.Roster.IsFaulted)
            return await hit.Roster.ConfigureAwait(false);
        var fetch = FetchAsync(lessonId, bearerToken, cancellationToken);
        _cache[lessonId] = (now, fetch);
        return await fetch.ConfigureAwait(false);
    }

    private async Task<LessonRosterDto?> FetchAsync(string lessonId, string? bearerToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address.Resolve(), Routes.LessonRosterFor(lessonId)));
        if (bearerToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<LessonRosterDto>(cancellationToken).ConfigureAwait(false);
    }
}
