using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Classroom.Server.Tests.Deployment;

/// <summary>
/// One person's browser-like HTTP client: its own cookie jar, the public host name in the Host
/// header, and sign-in the way the sign-in page does it (session → antiforgery token → sign-in).
/// </summary>
public sealed class DeploymentClient : IDisposable
{
    private readonly HttpClient _http;

    public DeploymentClient(Uri baseAddress, string? hostHeader = null)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (hostHeader is not null) _http.DefaultRequestHeaders.Host = hostHeader;
        _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    /// <summary>The antiforgery request token of the current session (refreshed after sign-in: it is bound to the signed-in person).</summary>
    public string Csrf { get; private set; } = "";

    public async Task RefreshCsrfAsync()
    {
        var session = await ReadAsync(await _http.GetAsync(new Uri("/api/auth/session", UriKind.Relative)), HttpStatusCode.OK);
        Csrf = (string)session["csrf"]!;
    }

    public async Task SignInAsync(string userName, string password)
    {
        await RefreshCsrfAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.Add("X-CSRF-TOKEN", Csrf);
        await ReadAsync(await _http.SendAsync(request), HttpStatusCode.OK);
        await RefreshCsrfAsync();
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>A state change with the antiforgery header, as the pages send it.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? json = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = JsonContent.Create(json);
        if (Csrf.Length > 0) request.Headers.Add("X-CSRF-TOKEN", Csrf);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        return await _http.SendAsync(request);
    }

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
            return JsonNode.Parse(body.Length == 0 ? "null" : body) ?? new JsonObject();
        }
    }

    public void Dispose() => _http.Dispose();
}
