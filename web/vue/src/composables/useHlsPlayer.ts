// A <video> playing an HLS URL: hls.js (light build) over MediaSource, native HLS where there is
// no MediaSource (Safari-like browsers). Writes the time from `openedAt` to the first presented
// frame into the element's data-first-frame-ms (the replay first-frame benchmark).
import Hls from "hls.js/light";
import { onBeforeUnmount, shallowRef, type Ref } from "vue";

export interface HlsStart {
  /** Where to start, in seconds (0: the beginning; for a live playlist hls.js picks the live point). */
  startSeconds: number;
  /** Start playing as soon as the playlist is read (only after a user gesture, or the browser refuses). */
  autoplay: boolean;
  /** performance.now() of the user's action, for data-first-frame-ms. */
  openedAt: number;
}

export function useHlsPlayer(video: Ref<HTMLVideoElement | null>, onFatal: (reason: string) => void) {
  const hls = shallowRef<Hls | null>(null);

  function stop(): void {
    hls.value?.destroy();
    hls.value = null;
    const v = video.value;
    if (v) {
      v.removeAttribute("src");
      v.load();
    }
  }

  function attach(src: string, start: HlsStart): void {
    stop();
    const v = video.value;
    if (!v) return;
    v.dataset.firstFrameMs = "";
    if ("requestVideoFrameCallback" in v) {
      v.requestVideoFrameCallback(() => { v.dataset.firstFrameMs = String(Math.round(performance.now() - start.openedAt)); });
    }
    const play = () => { if (start.autoplay) v.play().catch(() => undefined); };
    if (Hls.isSupported()) {
      // No worker: the pages' CSP (script-src 'self') refuses blob: workers; fMP4 needs no transmuxing.
      const h = new Hls({ enableWorker: false, startPosition: start.startSeconds > 0 ? start.startSeconds : -1, maxBufferLength: 30 });
      h.on(Hls.Events.MANIFEST_PARSED, play);
      h.on(Hls.Events.ERROR, (_e, data) => { if (data.fatal) onFatal(`${data.type}: ${data.details}`); });
      h.loadSource(src);
      h.attachMedia(v);
      hls.value = h;
    } else if (v.canPlayType("application/vnd.apple.mpegurl")) {
      v.src = src;
      v.addEventListener("loadedmetadata", () => { if (start.startSeconds > 0) v.currentTime = start.startSeconds; play(); }, { once: true });
    } else {
      onFatal("HLS");
    }
  }

  onBeforeUnmount(stop);
  return { attach, stop };
}
