using System.Net.Http.Headers;
using Classroom.MediaRelay.Client;
using Classroom.MediaRelay.Rooms;
using Classroom.MediaRelay.Negotiation;
using Classroom.MediaRelay.Tests.Infrastructure;

namespace Classroom.MediaRelay.Tests.Recording;

/// <summary>
/// "End lesson" is the studio's own DELETE of its WHIP session; a page that is only leaving
/// (DELETE ?leave=1) loses the studio without ending the lesson. The routers report which.
/// </summary>
public sealed class StudioEndTests
{
    [Theory]
    [InlineData("", "Ended")]
    [InlineData("?leave=1", "Lost")]
    public async Task Only_the_studios_own_delete_ends_the_lesson(string query, string expected)
    {
        await using var host = await RelayTestHost.StartAsync();
        var observer = new Observer();
        host.Runtime.Rooms.Observers.Add(observer);
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        await using var publisher = await RelayClient.ConnectAsync(http, new Uri(host.BaseUrl + "/whip/" + RelayTestHost.Lesson), host.TeacherToken(),
            SessionRole.Publisher, CancellationToken.None);
        await Eventually.TrueAsync(() => observer.Events.Contains("attached studio"), TimeSpan.FromSeconds(10), "the studio producer is reported");

        using var request = new HttpRequestMessage(HttpMethod.Delete, publisher.Resource + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.TeacherToken());
        (await http.SendAsync(request)).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(() => observer.Events.Any(e => e.StartsWith("removed", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), "the studio's removal is reported");
        Assert.Equal(["attached studio", "removed studio " + expected], observer.Events);
    }

    private sealed class Observer : IProducerObserver
    {
        private readonly List<string> _events = [];

        public IReadOnlyList<string> Events
        {
            get { lock (_events) return [.. _events]; }
        }

        public void ProducerAttached(Router router, Producer producer)
        {
            lock (_events) _events.Add("attached " + producer.Id);
        }

        public void ProducerRemoved(Router router, Producer producer, ProducerEnd end)
        {
            lock (_events) _events.Add("removed " + producer.Id + " " + end);
        }
    }
}
