// Watch time and resume position of the recording on screen, reported to the server
// (docs/replay.md "The replay page"): every 20 s while there is unreported time, on pause, at once
// after a jump of ≥ 5 s, and when the page is hidden or left (fetch keepalive). The counting rule
// is WatchClock (core/replay-core.ts, unit-tested).
import { onBeforeUnmount, onMounted, ref, type Ref } from "vue";
import { replayApi } from "../core/replay-api";
import { WatchClock } from "../core/replay-core";

export const REPORT_EVERY_MS = 20_000;
/** A jump this far from the last reported position is reported at once (closing the tab right after keeps the place). */
export const REPORT_AFTER_JUMP_MS = 5_000;

export function useWatchReport(video: Ref<HTMLVideoElement | null>, recordingId: () => string | null) {
  /** The playhead in ms, updated every tick (for chapter marks and the question's moment). */
  const positionMs = ref(0);
  const clock = new WatchClock();
  let lastReportedPosition = 0;
  let lastReportAt = 0;
  let ticker: number | undefined;

  function playing(): boolean {
    const v = video.value;
    return !!v && !v.paused && !v.ended && !v.seeking && v.readyState >= 3;
  }

  /** A new recording starts at this position: nothing of the previous one is counted for it. */
  function restart(atMs: number): void {
    clock.take();
    clock.tick(performance.now(), false);
    lastReportedPosition = atMs;
    lastReportAt = performance.now();
    positionMs.value = atMs;
  }

  async function report(keepalive = false): Promise<void> {
    const id = recordingId();
    const v = video.value;
    if (!id || !v) return;
    clock.tick(performance.now(), playing());
    const position = Math.round(v.currentTime * 1000);
    const watched = clock.take();
    if (watched === 0 && Math.abs(position - lastReportedPosition) < 1000) return;
    lastReportedPosition = position;
    lastReportAt = performance.now();
    try {
      await replayApi.progress(id, position, watched, keepalive);
    } catch {
      clock.giveBack(watched);
    }
  }

  function tick(): void {
    const v = video.value;
    if (!v || !recordingId()) return;
    clock.tick(performance.now(), playing());
    positionMs.value = v.currentTime * 1000;
    const jumped = !v.seeking && Math.abs(positionMs.value - lastReportedPosition) >= REPORT_AFTER_JUMP_MS;
    if (jumped || (clock.unreported > 0 && performance.now() - lastReportAt >= REPORT_EVERY_MS)) void report();
  }

  const onHidden = () => { if (document.visibilityState === "hidden") void report(true); };
  const onPageHide = () => void report(true);

  onMounted(() => {
    document.addEventListener("visibilitychange", onHidden);
    window.addEventListener("pagehide", onPageHide);
    ticker = window.setInterval(tick, 1000);
  });
  onBeforeUnmount(() => {
    document.removeEventListener("visibilitychange", onHidden);
    window.removeEventListener("pagehide", onPageHide);
    window.clearInterval(ticker);
  });

  return { positionMs, report, tick, restart };
}
