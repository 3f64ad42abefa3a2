using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Classroom.Server.Tests.Scheduler;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Classroom.Server.Tests.Identity;

/// <summary>
/// What a page does: a cookie jar, the antiforgery token from GET /api/auth/session (read again
/// after sign-in, sign-out and enrolment, since the token is bound to the user), and
/// X-CSRF-TOKEN on state changes unless a test leaves it out on purpose.
/// </summary>
internal sealed class PageSession : IDisposable
{
    public const string DemoPassword = "classroom-2026";

    private PageSession(HttpClient client) => Client = client;

    public HttpClient Client { get; }
    public string Csrf { get; private set; } = string.Empty;

    public static async Task<PageSession> OpenAsync(SchedulerHost host, string? language = null)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, BaseAddress = host.ClientOptions.BaseAddress });
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var session = new PageSession(client);
        await session.RefreshAsync();
        return session;
    }

    /// <summary>Reads GET /api/auth/session again (a new antiforgery token) and returns it.</summary>
    public async Task<JsonNode> RefreshAsync()
    {
        var body = await (await Client.GetAsync("/api/auth/session")).ReadAsync(HttpStatusCode.OK);
        Csrf = (string)body["csrf"]!;
        Assert.False(string.IsNullOrEmpty(Csrf));
        return body;
    }

    public async Task<HttpResponseMessage> SignInAsync(string userName, string password, string? code = null)
    {
        var response = await SendAsync(HttpMethod.Post, "/api/auth/sign-in", new { userName, password, code });
        if (response.IsSuccessStatusCode) await RefreshAsync();
        return response;
    }

    public async Task SignInOrFailAsync(string userName, string password = DemoPassword) =>
        await (await SignInAsync(userName, password)).ReadAsync(HttpStatusCode.OK);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, bool csrf = true)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json.Web);
        if (csrf) request.Headers.Add("X-CSRF-TOKEN", Csrf);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string url, object? body = null, bool csrf = true) => SendAsync(HttpMethod.Post, url, body, csrf);

    public void Dispose() => Client.Dispose();
}
