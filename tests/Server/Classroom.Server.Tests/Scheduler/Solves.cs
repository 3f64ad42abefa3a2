using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Classroom.Server.Tests.Scheduler;

/// <summary>Solving is a job: these queue one and wait (bounded, by polling its state) for the result.</summary>
internal static class Solves
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>POSTs the solve (202 + Location), waits until the job ends, asserts it succeeded and returns its result.</summary>
    public static async Task<JsonNode> SolveAsync(this HttpClient client, long allianceId, string from, string to)
    {
        var job = await client.QueueSolveAsync(allianceId, from, to);
        var done = await client.FinishedJobAsync((string)job["location"]!);
        Assert.True((string?)done["state"] == "succeeded", done.ToJsonString());
        return done["result"]!;
    }

    /// <summary>POSTs the solve and returns the job (202) with its Location under "location".</summary>
    public static async Task<JsonNode> QueueSolveAsync(this HttpClient client, long allianceId, string from, string to)
    {
        var response = await client.PostJsonAsync($"/api/alliances/{allianceId}/solve", new { from, to });
        var job = await response.ReadAsync(HttpStatusCode.Accepted);
        var location = response.Headers.Location?.ToString();
        Assert.Equal($"/api/alliances/{allianceId}/solve/{job.Id()}", location);
        job["location"] = location;
        return job;
    }

    /// <summary>Polls the job until it succeeded or failed.</summary>
    public static Task<JsonNode> FinishedJobAsync(this HttpClient client, string location) =>
        client.PollAsync(location, j => (string?)j["state"] is "succeeded" or "failed");

    /// <summary>This week's stored pairings, waiting for the solve queued at start if it has not finished yet.</summary>
    public static async Task<JsonNode> CurrentWeekAsync(this HttpClient client, long allianceId = 1)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync($"/api/alliances/{allianceId}/pairings/current-week");
            if (response.StatusCode == HttpStatusCode.OK) return await response.ReadAsync(HttpStatusCode.OK);
            var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal("not_solved", (string?)problem["code"]);
            Assert.True(problem["solveJob"] is not null, "no result and no solve queued: " + problem.ToJsonString());
            Assert.True(clock.Elapsed < Patience, "the week's solve did not finish in time");
            await Task.Delay(100);
        }
    }

    public static async Task<JsonNode> PollAsync(this HttpClient client, string url, Func<JsonNode, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var node = await (await client.GetAsync(url)).ReadAsync(HttpStatusCode.OK);
            if (done(node)) return node;
            Assert.True(clock.Elapsed < Patience, $"{url} did not reach the state in time: {node.ToJsonString()}");
            await Task.Delay(50);
        }
    }
}
