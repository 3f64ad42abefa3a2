using Classroom.MediaRelay.Tests.Infrastructure;

namespace Classroom.MediaRelay.Tests.EndToEnd;

/// <summary>
/// The answer layout chosen for strict peers (issue 10: fingerprint, setup and ICE credentials in
/// every section, rejected ones included, none at session level) must still be what Chromium
/// accepts: a max-bundle offer with a data channel gets its data section rejected, and Chromium
/// applies the answer.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChromiumAnswerInteropTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Chromium_applies_an_answer_with_a_rejected_section_carrying_transport_attributes()
    {
        await using var host = await RelayTestHost.StartAsync();
        var page = await chromium.Context.NewPageAsync();
        try
        {
            await page.GotoAsync(host.BaseUrl + "/play.html");
            var outcome = await page.EvaluateAsync<string>(@"async ([url, token]) => {
                const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
                pc.addTransceiver('audio', { direction: 'sendonly' });
                pc.addTransceiver('video', { direction: 'sendonly' });
                pc.createDataChannel('chat');
                await pc.setLocalDescription(await pc.createOffer());
                const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/sdp', 'Authorization': 'Bearer ' + token }, body: pc.localDescription.sdp });
                const answer = await response.text();
                if (response.status !== 201) return 'status ' + response.status + ': ' + answer;
                try { await pc.setRemoteDescription({ type: 'answer', sdp: answer }); }
                catch (e) { return 'refused: ' + e.message + '\n' + answer; }
                const rejected = answer.split('\r\n').some(l => l.startsWith('m=application 0 '));
                pc.close();
                return rejected ? 'ok' : 'the data section was not rejected:\n' + answer;
            }", new object[] { host.BaseUrl + "/whip/" + RelayTestHost.Lesson, host.TeacherToken() });

            Assert.Equal("ok", outcome);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
