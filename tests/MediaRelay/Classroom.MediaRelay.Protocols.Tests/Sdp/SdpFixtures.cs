namespace Classroom.MediaRelay.Protocols.Tests.Sdp;

internal static class SdpFixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    public static string ChromiumWhipOffer => Read("chromium-156-whip-offer.sdp");
}
