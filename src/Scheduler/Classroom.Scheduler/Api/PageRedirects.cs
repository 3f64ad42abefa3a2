using Classroom.Contracts.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Classroom.Scheduler.Api;

/// <summary>
/// Addresses of pages that moved (issue 13, docs/studio.md): the old plain studio page
/// <c>/studio.html?lesson=…</c> is now the Vue console <c>/vue/studio.html?lesson=…</c>. Links
/// people kept (the teacher's week, bookmarks) still arrive: 302 to the new page, the query kept.
/// Beside <see cref="KioskEndpoints"/>' <c>/k/{key}</c>, the other page route.
/// </summary>
public static class PageRedirects
{
    public static IEndpointRouteBuilder MapPageRedirects(this IEndpointRouteBuilder app)
    {
        app.MapGet("/studio.html", (HttpContext http) => Results.Redirect("/vue/studio.html" + http.Request.QueryString.ToUriComponent()))
            .WithMetadata(new PublicEndpoint("the old studio page's address; the page itself asks for sign-in"))
            .Produces(StatusCodes.Status302Found)
            .ExcludeFromDescription();
        return app;
    }
}
