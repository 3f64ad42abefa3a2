// Framework-free logic of the replay page (unit-tested with Vitest): media-time formatting,
// where to resume, how much was really watched, chapter positions, client ids.

/** "m:ss" (or "h:mm:ss") of a media time in milliseconds; negative and NaN read as 0. */
export function formatTime(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** Below this a stored position is "just opened it": start from the beginning. */
export const RESUME_MIN_MS = 3_000;
/** Within this of the end the lesson was watched to the end: start again from the beginning. */
export const RESUME_END_MARGIN_MS = 5_000;

/**
 * Where a returning viewer starts: the stored position, unless it is at the very start or the
 * very end (then 0). A recording still growing (duration unknown, 0) resumes at any position past
 * the start.
 */
export function resumePosition(positionMs: number | null | undefined, durationMs: number): number {
  if (!positionMs || positionMs < RESUME_MIN_MS) return 0;
  if (durationMs > 0 && positionMs > durationMs - RESUME_END_MARGIN_MS) return 0;
  return positionMs;
}

/** A chapter mark's place on the timeline, in percent (clamped to 0–100). */
export function chapterPercent(mediaTimeMs: number, durationMs: number): number {
  if (!(durationMs > 0)) return 0;
  return Math.min(100, Math.max(0, (mediaTimeMs / durationMs) * 100));
}

/** The chapter the playhead is in: the last one at or before it (-1 before the first). Chapters sorted by time. */
export function currentChapter(chapters: readonly { mediaTimeMs: number }[], positionMs: number): number {
  let found = -1;
  for (let i = 0; i < chapters.length; i++) {
    if (chapters[i].mediaTimeMs <= positionMs + 250) found = i;
    else break;
  }
  return found;
}

/** The server refuses a single report above this (docs/replay.md "Watch time"). */
export const MAX_REPORT_MS = 600_000;

/**
 * Watch time as the viewer lives it: wall-clock time while the video is playing, counted from
 * tick to tick. A gap longer than `maxGapMs` between ticks (a sleeping laptop, a frozen tab) counts
 * as `maxGapMs`, so a paused-by-the-OS page does not report an hour. Seeking does not add time.
 */
export class WatchClock {
  private last: number | null = null;
  private pending = 0;

  constructor(private readonly maxGapMs = 5_000) {}

  /**
   * Call on every timeupdate / timer tick (and on pause) with the clock (performance.now()) and
   * whether the video plays now. The time since a tick at which it played counts (it played until
   * this moment, e.g. the pause event); the time since a tick at which it did not, does not.
   */
  tick(nowMs: number, playing: boolean): void {
    if (this.last !== null) this.pending += Math.min(Math.max(0, nowMs - this.last), this.maxGapMs);
    this.last = playing ? nowMs : null;
  }

  /** Time not yet reported. */
  get unreported(): number {
    return this.pending;
  }

  /** Takes what is to report (at most {@link MAX_REPORT_MS}; the rest stays for the next report). */
  take(): number {
    const out = Math.min(Math.round(this.pending), MAX_REPORT_MS);
    this.pending -= out;
    if (this.pending < 0.5) this.pending = 0;
    return out;
  }

  /** A report failed: its time is reported again with the next one. */
  giveBack(ms: number): void {
    this.pending += ms;
  }
}

/**
 * A random UUID for a question's client id (the server takes a resend of the same id once).
 * crypto.randomUUID exists only in secure contexts; a school LAN served over http is not one,
 * so the id is made from crypto.getRandomValues, which works everywhere.
 */
export function newId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const b = random(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// The live-delay rule is shared with the plain kiosk page (web/src/shared/live-delay.ts).
export { liveDelaySeconds, liveEdgeSeconds } from "../../../src/shared/live-delay";
