using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Classroom.Scheduler.Api;

/// <summary>The answers every resource gives the same way: list under an existing parent, delete by id.</summary>
public static class Crud
{
    /// <summary>200 with the mapped children, or 404 naming the parent when it does not exist.</summary>
    public static async Task<IResult> ListAsync<T, TDto>(Task<bool> parentExists, string parent, long id, Func<Task<List<T>>> load, Func<T, TDto> map) =>
        await parentExists ? Results.Ok((await load()).Select(map)) : Problems.NotFound(parent, id);

    /// <summary>204 when the row went, 404 naming it when there was none.</summary>
    public static async Task<IResult> DeleteAsync<T>(IQueryable<T> rows, string what, long id, CancellationToken ct) =>
        await rows.ExecuteDeleteAsync(ct) == 0 ? Problems.NotFound(what, id) : Results.NoContent();
}
