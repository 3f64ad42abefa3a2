// The studio's own media (docs/studio.md "Devices and publishing"): the camera and microphone the
// teacher picks (the preview follows the choice), courseware (screen share or the drawn slide),
// and the WHIP publisher behind "start lesson" / "end lesson". The publishing rules are
// core/studio-publish.ts; this holds the page state around them.
import { onBeforeUnmount, ref, shallowRef } from "vue";
import { describe } from "../../../src/shared/api";
import { StudioPublisher } from "../core/studio-publish";
import { openCourseware, type CoursewareSource } from "../core/studio-courseware";

export type StudioState = "idle" | "ready" | "camera" | "connecting" | "live" | "restarting" | "ended" | "refused";

export interface StudioMediaOptions {
  lesson: string;
  token: () => Promise<string>;
  forceCanvas: boolean;
  simulcast: boolean;
  preferH264: boolean;
  slideTitle: () => string;
}

const VIDEO = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 25 } };

export function useStudioMedia(o: StudioMediaOptions) {
  const cameras = ref<MediaDeviceInfo[]>([]);
  const microphones = ref<MediaDeviceInfo[]>([]);
  const cameraId = ref("");
  const microphoneId = ref("");
  const camera = shallowRef<MediaStream | null>(null);
  const courseware = shallowRef<CoursewareSource | null>(null);
  const coursewareStream = shallowRef<MediaStream | null>(null);
  const state = ref<StudioState>("idle");
  const reason = ref("");
  const problem = ref("");
  const layers = ref(1);
  const liveSince = ref<number | null>(null);
  const busy = ref(false);
  const publisher = new StudioPublisher({
    lesson: o.lesson, token: o.token, simulcast: o.simulcast, preferH264: o.preferH264,
    onState: (s) => { state.value = s; if (s === "live" && liveSince.value === null) liveSince.value = Date.now(); },
  });

  async function listDevices(): Promise<void> {
    const all = await navigator.mediaDevices.enumerateDevices();
    cameras.value = all.filter((d) => d.kind === "videoinput" && d.deviceId);
    microphones.value = all.filter((d) => d.kind === "audioinput" && d.deviceId);
  }

  let opening: Promise<void> = Promise.resolve();

  /**
   * Opens (or reopens, after a new choice) the camera and microphone; once publishing, the new
   * tracks replace the old ones. Serialized: "start lesson" clicked while the first opening is
   * still under way waits for it instead of opening a second camera (whose tracks the first would
   * then stop under the publisher).
   */
  function openCamera(): Promise<void> {
    opening = opening.then(openCameraNow, openCameraNow);
    return opening;
  }

  async function openCameraNow(): Promise<void> {
    problem.value = "";
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: microphoneId.value ? { deviceId: { exact: microphoneId.value } } : true,
        video: cameraId.value ? { ...VIDEO, deviceId: { exact: cameraId.value } } : VIDEO,
      });
      const old = camera.value;
      camera.value = stream;
      if (publisher.peer) await replaceLiveTracks(stream);
      old?.getTracks().forEach((t) => t.stop());
      await listDevices();
      cameraId.value ||= stream.getVideoTracks()[0]?.getSettings().deviceId ?? "";
      microphoneId.value ||= stream.getAudioTracks()[0]?.getSettings().deviceId ?? "";
    } catch (e) {
      problem.value = describe(e);
    }
  }

  async function replaceLiveTracks(stream: MediaStream): Promise<void> {
    for (const sender of publisher.peer?.getSenders() ?? []) {
      const kind = sender.track?.kind;
      if (!kind || sender.track === courseware.value?.track) continue;
      const next = kind === "audio" ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
      if (next) await sender.replaceTrack(next);
    }
  }

  async function start(): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    reason.value = "";
    try {
      await opening; // the first opening (on page load) may still be under way
      if (!camera.value) { state.value = "camera"; await openCamera(); }
      if (!camera.value) { state.value = "ready"; return; }
      await publisher.start(camera.value, courseware.value?.track ?? null);
      layers.value = publisher.layers;
    } catch (e) {
      state.value = "refused";
      reason.value = describe(e);
    } finally {
      busy.value = false;
    }
  }

  async function end(): Promise<void> {
    busy.value = true;
    await publisher.stop();
    camera.value = null;
    state.value = "ended";
    busy.value = false;
  }

  async function toggleCourseware(): Promise<void> {
    busy.value = true;
    problem.value = "";
    try {
      if (courseware.value) {
        courseware.value.stop();
        courseware.value = null;
      } else {
        const source = await openCourseware(o.forceCanvas, o.slideTitle());
        // The browser's own "stop sharing" bar ends the track: the same as the button.
        source?.track.addEventListener("ended", () => { if (courseware.value === source) void toggleCourseware(); });
        courseware.value = source;
      }
      await publisher.setCourseware(courseware.value?.track ?? null);
    } catch (e) {
      courseware.value = null;
      problem.value = describe(e);
    } finally {
      coursewareStream.value = courseware.value ? new MediaStream([courseware.value.track]) : null;
      busy.value = false;
    }
  }

  const onHide = () => publisher.leave();
  addEventListener("pagehide", onHide);
  onBeforeUnmount(() => removeEventListener("pagehide", onHide));

  return { cameras, microphones, cameraId, microphoneId, camera, courseware, coursewareStream, state, reason, problem, layers, liveSince, busy, listDevices, openCamera, start, end, toggleCourseware };
}
