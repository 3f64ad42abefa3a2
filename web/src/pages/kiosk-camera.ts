// The room's wall camera: once the kiosk has joined a lesson it publishes a small, low-rate picture
// (320×180, ≤ 15 fps, ≤ 150 kbit/s) with WHIP `?producer=room`; only the lead teacher's wall (and
// observing admins) receive it, so 30 rooms fit the teacher's downlink (docs/relay.md). A PC
// without a camera simply sends nothing; a drop is retried. The indicator tells the room it is seen.
import { closeSession, openSession, RelayRefusal, type RelaySession } from "../shared/relay-session.js";

const WALL_BITRATE = 150_000;
const RETRY_MS = 10_000;

export function publishWallCamera(lessonId: string, joinToken: () => Promise<string>, indicator: HTMLElement): void {
  let session: RelaySession | null = null;
  let token = "";
  let camera: MediaStream | null = null;
  let noCamera = false;

  async function connect(): Promise<void> {
    camera ??= await navigator.mediaDevices.getUserMedia({ audio: false, video: { width: { ideal: 320 }, height: { ideal: 180 }, frameRate: { ideal: 15, max: 15 } } })
      .catch((e: unknown) => { noCamera = true; throw e; });
    // The room sees what the teacher sees of it.
    const self = indicator.querySelector("video");
    if (self && self.srcObject !== camera) self.srcObject = camera;
    token = await joinToken();
    const pc = new RTCPeerConnection({ bundlePolicy: "max-bundle" });
    pc.addTransceiver(camera.getVideoTracks()[0], { direction: "sendonly", streams: [camera], sendEncodings: [{ maxBitrate: WALL_BITRATE, maxFramerate: 15 }] });
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === "connected") indicator.hidden = false;
      if (pc.connectionState === "failed" || pc.connectionState === "closed") {
        indicator.hidden = true;
        pc.close();
        setTimeout(retry, RETRY_MS);
      }
    };
    session = await openSession(pc, `/whip/${encodeURIComponent(lessonId)}?producer=room`, token).catch((e: unknown) => { pc.close(); throw e; });
  }

  function retry(): void {
    void connect().catch((e: unknown) => {
      // No camera, or the token may not publish it (403): nothing to retry. Anything else may pass.
      if (noCamera || (e instanceof RelayRefusal && (e.status === 401 || e.status === 403))) {
        console.warn("wall camera not sent", e);
        return;
      }
      setTimeout(retry, RETRY_MS);
    });
  }

  retry();
  addEventListener("pagehide", () => closeSession(session, token, true));
}
