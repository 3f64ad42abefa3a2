// The room's cameras (docs/kiosk.md "Cameras"): once the kiosk has joined a lesson it publishes a
// small, low-rate wall picture (320×180, ≤ 15 fps, ≤ 150 kbit/s; WHIP ?producer=room with its own
// join token), which only the lead teacher's wall receives — as the plain kiosk did. When the
// teacher brings the room on stage (the hub's StageGranted with a publish token), it publishes
// camera and microphone (WHIP, the stage token) until StageRevoked, with a clear on-air sign.
import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from "vue";
import { closeSession, openSession, RelayRefusal, type RelaySession } from "../../../src/shared/relay-session";
import type { StageGrant } from "./useKioskHub";

const WALL_BITRATE = 150_000;
const STAGE_BITRATE = 800_000;
const RETRY_MS = 10_000;

export type OnAirState = "off" | "starting" | "on" | "failed";

export function useKioskCamera(lessonId: string, joinToken: () => Promise<string>, grant: Ref<StageGrant | null>) {
  /** The wall camera is connected (the room is shown to the lead teacher). */
  const wallShown = ref(false);
  const wallSelf = shallowRef<MediaStream | null>(null);
  const onAir = ref<OnAirState>("off");
  const onAirError = ref("");
  const stageSelf = shallowRef<MediaStream | null>(null);
  let wall: { pc: RTCPeerConnection; session: RelaySession | null; token: string } | null = null;
  let stage: { pc: RTCPeerConnection; session: RelaySession | null; token: string; media: MediaStream } | null = null;
  let noCamera = false;
  let stopped = false;

  async function connectWall(): Promise<void> {
    const camera = wallSelf.value ?? await navigator.mediaDevices.getUserMedia({
      audio: false, video: { width: { ideal: 320 }, height: { ideal: 180 }, frameRate: { ideal: 15, max: 15 } },
    }).catch((e: unknown) => { noCamera = true; throw e; });
    wallSelf.value = camera;
    const token = await joinToken();
    const pc = new RTCPeerConnection({ bundlePolicy: "max-bundle" });
    pc.addTransceiver(camera.getVideoTracks()[0], { direction: "sendonly", streams: [camera], sendEncodings: [{ maxBitrate: WALL_BITRATE, maxFramerate: 15 }] });
    wall = { pc, session: null, token };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === "connected") wallShown.value = true;
      if (pc.connectionState === "failed" || pc.connectionState === "closed") {
        wallShown.value = false;
        pc.close();
        if (wall?.pc === pc) wall = null;
        if (!stopped) setTimeout(retryWall, RETRY_MS);
      }
    };
    wall.session = await openSession(pc, `/whip/${encodeURIComponent(lessonId)}?producer=room`, token).catch((e: unknown) => { pc.close(); throw e; });
  }

  function retryWall(): void {
    void connectWall().catch((e: unknown) => {
      // No camera, or the token may not publish it: nothing to retry. Anything else may pass.
      if (noCamera || (e instanceof RelayRefusal && (e.status === 401 || e.status === 403))) { console.warn("wall camera not sent", e); return; }
      if (!stopped) setTimeout(retryWall, RETRY_MS);
    });
  }

  async function goOnAir(g: StageGrant): Promise<void> {
    onAir.value = "starting";
    onAirError.value = "";
    try {
      const media = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
        video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 25, max: 30 } },
      });
      const pc = new RTCPeerConnection({ bundlePolicy: "max-bundle" });
      for (const track of media.getTracks()) {
        pc.addTransceiver(track, track.kind === "video"
          ? { direction: "sendonly", streams: [media], sendEncodings: [{ maxBitrate: STAGE_BITRATE }] }
          : { direction: "sendonly", streams: [media] });
      }
      stage = { pc, session: null, token: g.publishToken, media };
      stageSelf.value = media;
      pc.onconnectionstatechange = () => {
        if (stage?.pc !== pc) return;
        if (pc.connectionState === "connected") onAir.value = "on";
        if (pc.connectionState === "failed") { onAir.value = "failed"; onAirError.value = pc.connectionState; }
      };
      stage.session = await openSession(pc, `/whip/${encodeURIComponent(lessonId)}`, g.publishToken);
    } catch (e) {
      offAir();
      onAir.value = "failed";
      onAirError.value = e instanceof Error ? e.message : String(e);
    }
  }

  function offAir(): void {
    if (!stage) { onAir.value = "off"; return; }
    closeSession(stage.session, stage.token);
    stage.pc.close();
    stage.media.getTracks().forEach((t) => t.stop());
    stage = null;
    stageSelf.value = null;
    onAir.value = "off";
  }

  watch(grant, (g) => { if (g) void goOnAir(g); else offAir(); });

  const onHide = () => {
    if (wall) closeSession(wall.session, wall.token, true);
    if (stage) closeSession(stage.session, stage.token, true);
  };
  addEventListener("pagehide", onHide);
  onBeforeUnmount(() => {
    stopped = true;
    removeEventListener("pagehide", onHide);
    onHide();
    wall?.pc.close();
    offAir();
  });

  return { wallShown, wallSelf, onAir, onAirError, stageSelf, start: retryWall };
}
