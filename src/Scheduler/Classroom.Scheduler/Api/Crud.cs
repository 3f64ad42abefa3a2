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

    /// <summary><see cref="ListAsync{T, TDto}(Task{bool}, string, long, Func{Task{List{T}}}, Func{T, TDto})"/> with the 404 in the caller's language.</summary>
    public static async Task<IResult> ListAsync<T, TDto>(HttpRequest request, Task<bool> parentExists, (string Zh, string En) parent, long id, Func<Task<List<T>>> load, Func<T, TDto> map) =>
        await parentExists ? Results.Ok((await load()).Select(map)) : Problems.NotFound(request, parent.Zh, parent.En, id);

    /// <summary><see cref="DeleteAsync{T}(IQueryable{T}, string, long, CancellationToken)"/> with the 404 in the caller's language.</summary>
    public static async Task<IResult> DeleteAsync<T>(HttpRequest request, IQueryable<T> rows, (string Zh, string En) what, long id, CancellationToken ct) =>
        await rows.ExecuteDeleteAsync(ct) == 0 ? Problems.NotFound(request, what.Zh, what.En, id) : Results.NoContent();
}
