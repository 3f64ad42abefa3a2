using System.Net.Http.Headers;
using System.Net.Http.Json;
using Classroom.Hub.Directory;

namespace Classroom.Hub.Stage;

/// <summary>The scheduler's stage-token endpoint; the contract is in docs/hub.md ("Stage tokens").</summary>
public sealed class HttpStageTokenIssuer(HttpClient http, SchedulerAddress address) : IStageTokenIssuer
{
    public async Task<StageToken> IssueAsync(string lessonId, long classroomId, string teacherToken, CancellationToken cancellationToken)
    {
        var path = "/api/lessons/" + Uri.EscapeDataString(lessonId) + "/stage-tokens";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address.Resolve(), path))
        {
            Content = JsonContent.Create(new StageTokenRequest(classroomId)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", teacherToken);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<StageToken>(cancellationToken).ConfigureAwait(false)
               ?? throw new HttpRequestException("empty stage-token response");
    }

    private sealed record StageTokenRequest(long ClassroomId);
}
