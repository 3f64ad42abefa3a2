using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Classroom.LoadTool.Janus;

/// <summary>
/// The few calls of Janus's HTTP API a streaming subscriber needs (janus.js does the same):
/// create a session, attach a plugin handle, send a plugin message (optionally with JSEP),
/// long-poll the session for events, keepalive, destroy.
/// </summary>
public sealed class JanusHttp(HttpClient http, Uri baseUrl)
{
    private long _transaction;

    public async Task<long> CreateSessionAsync(CancellationToken cancellationToken) =>
        DataId(await PostAsync(baseUrl, new JsonObject { ["janus"] = "create" }, cancellationToken).ConfigureAwait(false));

    public async Task<long> AttachAsync(long session, string plugin, CancellationToken cancellationToken) =>
        DataId(await PostAsync(SessionUrl(session), new JsonObject { ["janus"] = "attach", ["plugin"] = plugin }, cancellationToken).ConfigureAwait(false));

    public Task<JsonNode> MessageAsync(long session, long handle, JsonObject body, JsonObject? jsep, CancellationToken cancellationToken)
    {
        var message = new JsonObject { ["janus"] = "message", ["body"] = body };
        if (jsep is not null) message["jsep"] = jsep;
        return PostAsync(new Uri(SessionUrl(session) + "/" + handle.ToString(CultureInfo.InvariantCulture)), message, cancellationToken);
    }

    public Task<JsonNode> KeepaliveAsync(long session, CancellationToken cancellationToken) =>
        PostAsync(SessionUrl(session), new JsonObject { ["janus"] = "keepalive" }, cancellationToken);

    public Task<JsonNode> DestroyAsync(long session, CancellationToken cancellationToken) =>
        PostAsync(SessionUrl(session), new JsonObject { ["janus"] = "destroy" }, cancellationToken);

    /// <summary>One long-poll (Janus answers an event, or a keepalive after ~30 s without one).</summary>
    public async Task<JsonNode> PollAsync(long session, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(new Uri(SessionUrl(session) + "?maxev=1"), cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty event from Janus");
    }

    private Uri SessionUrl(long session) => new(baseUrl.ToString().TrimEnd('/') + "/" + session.ToString(CultureInfo.InvariantCulture));

    private async Task<JsonNode> PostAsync(Uri url, JsonObject message, CancellationToken cancellationToken)
    {
        message["transaction"] = "t" + Interlocked.Increment(ref _transaction).ToString(CultureInfo.InvariantCulture);
        using var response = await http.PostAsJsonAsync(url, message, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))
            ?? throw new InvalidOperationException("empty answer from Janus");
        if ((string?)node["janus"] == "error")
            throw new InvalidOperationException($"Janus error {node["error"]?["code"]}: {node["error"]?["reason"]}");
        return node;
    }

    private static long DataId(JsonNode node) =>
        node["data"]?["id"]?.GetValue<long>() ?? throw new InvalidOperationException("Janus answer without data.id: " + node.ToJsonString());
}
