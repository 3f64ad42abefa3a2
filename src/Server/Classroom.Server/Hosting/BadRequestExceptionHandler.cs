using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Classroom.Server.Hosting;

/// <summary>
/// Client mistakes that surface as exceptions (unreadable JSON, a body over the size limit) are
/// answered with their own status as RFC 9457 problem details, never as a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException bad when bad.InnerException is JsonException json => (StatusCodes.Status400BadRequest, "The JSON body could not be read: " + json.Message),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            JsonException json => (StatusCodes.Status400BadRequest, "The JSON body could not be read: " + json.Message),
            _ => (0, null),
        };
        if (status == 0) return false;

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status413PayloadTooLarge ? "Upload too large" : "Invalid request",
                Detail = detail,
                Extensions = { ["code"] = status == StatusCodes.Status413PayloadTooLarge ? "too_large" : "invalid" },
            },
        });
    }
}
