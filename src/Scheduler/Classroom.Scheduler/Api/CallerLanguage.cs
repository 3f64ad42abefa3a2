using Microsoft.AspNetCore.Http;

namespace Classroom.Scheduler.Api;

/// <summary>
/// The caller's language for error texts (<see cref="Classroom.Contracts.Api.ProblemLanguage"/>, the
/// rule every role uses), read from the scheduler's requests.
/// </summary>
public static class CallerLanguage
{
    public static bool IsEnglish(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Classroom.Contracts.Api.ProblemLanguage.IsEnglish(request.Query["lang"].FirstOrDefault(), request.Headers.AcceptLanguage.ToString());
    }

    public static string Pick(HttpRequest request, string zh, string en) => IsEnglish(request) ? en : zh;
}
