namespace Classroom.Server.Hosting;

/// <summary>
/// Plain pages that moved to the Vue build (issue 13, docs/pages.md "Vue 3 + Vite pages"): the old
/// URL answers 302 to the new one with the same query (?lang=…), so bookmarks, the home page and
/// sign-in return URLs keep working. Before the static files, which would otherwise serve the old file.
/// </summary>
public static class MovedPages
{
    /// <summary>Old path → new path. A page whose old URL still has a use keeps it through <see cref="Stays"/>.</summary>
    private static readonly Dictionary<string, string> Moved = new(StringComparer.OrdinalIgnoreCase)
    {
        // The teacher's week (docs/teacher-week.md).
        ["/teacher.html"] = "/vue/teacher.html",
    };

    /// <summary>
    /// /teacher.html?lesson=ID is still the plain lesson console (web/src/pages/teacher-console.ts) until
    /// the Vue studio console takes it over (docs/teacher-week.md "Open").
    /// </summary>
    private static bool Stays(HttpRequest request) =>
        request.Path.Equals("/teacher.html", StringComparison.OrdinalIgnoreCase) && request.Query.ContainsKey("lesson");

    public static WebApplication UseMovedPages(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var request = context.Request;
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) &&
                Moved.TryGetValue(request.Path.Value ?? "", out var target) && !Stays(request))
            {
                context.Response.Redirect(target + request.QueryString.Value, permanent: false);
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }
}
