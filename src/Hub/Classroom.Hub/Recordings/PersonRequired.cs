using Classroom.Contracts.Access;

namespace Classroom.Hub.Recordings;

/// <summary>
/// Endpoint filter of the recordings API: the caller must be a signed-in person or device (a
/// subject with grants). The server's authorization layer has already checked the endpoint's
/// rule (and audited a refusal) by then; this only keeps a hub node without the identity role —
/// which has no such layer — from serving anything. Unlike RequireAuthorization it runs after the
/// layer, so a signed-out caller gets the layer's 401 problem and audit row.
/// </summary>
internal sealed class PersonRequired : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = context.HttpContext.User;
        if (AccessClaims.SubjectOf(user) is null || AccessClaims.GrantsOf(user).Count == 0)
            return RecordingProblems.Problem(context.HttpContext, StatusCodes.Status401Unauthorized, "unauthorized", "请先登录。", "Sign in first.");
        return await next(context).ConfigureAwait(false);
    }
}
