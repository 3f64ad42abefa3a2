namespace Classroom.Server.Hosting;

/// <summary>
/// Plain pages that moved to the Vue build (issue 13, docs/pages.md "Vue 3 + Vite pages"): the old
/// URL answers a redirect to the new one with the same query (?lang=…), so bookmarks, the home page and
/// sign-in return URLs keep working; the browser keeps the #fragment itself (RFC 9110 §10.2.2).
/// Before the static files, which would otherwise serve the old file.
/// </summary>
public static class MovedPages
{
    /// <summary>A new address; <paramref name="Permanent"/> answers 301 (the old page is retired for good) instead of 302.</summary>
    private sealed record Move(string Target, bool Permanent = false);

    /// <summary>Old path → new path.</summary>
    private static readonly Dictionary<string, Move> Moved = new(StringComparer.OrdinalIgnoreCase)
    {
        // The teacher's week (docs/teacher-week.md).
        ["/teacher.html"] = new("/vue/teacher.html"),
        // The studio console (docs/studio.md).
        ["/studio.html"] = new("/vue/studio.html"),
        // The admin console; the plain admin page is gone (docs/admin-console.md "The plain page retired").
        ["/admin.html"] = new("/vue/admin.html", Permanent: true),
    };

    /// <summary>
    /// /teacher.html?lesson=ID was the plain lesson console (questions, stage, quizzes); the studio
    /// console does all of it now, so that address opens the console of the same lesson.
    /// </summary>
    private static string Target(HttpRequest request, Move moved) =>
        request.Path.Equals("/teacher.html", StringComparison.OrdinalIgnoreCase) && request.Query.ContainsKey("lesson") ? "/vue/studio.html" : moved.Target;

    public static WebApplication UseMovedPages(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var request = context.Request;
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) &&
                Moved.TryGetValue(request.Path.Value ?? "", out var moved))
            {
                context.Response.Redirect(Target(request, moved) + request.QueryString.Value, permanent: moved.Permanent);
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }
}
