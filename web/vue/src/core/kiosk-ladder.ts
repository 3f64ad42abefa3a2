// The kiosk's fallback ladder on a poor link (docs/kiosk.md "Fallback ladder"): full picture →
// the low simulcast layer (WHEP ?maxLayer=low) → audio only → the HLS fallback. One sample a
// second from getStats; a step down after a run of bad seconds, a step up after a long run of
// good ones (never automatically back from HLS: that link already failed WebRTC twice).
// Framework-free (Vitest).

export type Rung = "full" | "low" | "audio" | "hls";
export const RUNGS: readonly Rung[] = ["full", "low", "audio", "hls"];

/** One second of the lesson's inbound media, from RTCPeerConnection.getStats. */
export interface LinkSample {
  /** Fraction of inbound packets lost in this second (0..1), all sections together. */
  loss: number;
  /** Video frames decoded per second by the large picture (null when no video is expected). */
  fps: number | null;
  /** Whether the connection was up at all this second. */
  connected: boolean;
  /**
   * Packets received this second, all sections (optional). 0 while connected is a link gone
   * silent — a cut ICE has not noticed yet (Chromium takes ~5 s) — not a poor link: such a second
   * is not judged; the reconnect logic owns it (docs/kiosk.md "Fallback ladder").
   */
  received?: number;
}

export interface LadderThresholds {
  /** A second is bad when loss exceeds this... */
  maxLoss: number;
  /** ...or video decodes fewer frames than this (a frozen or crawling picture). */
  minFps: number;
  /** Bad seconds in a row that step down. */
  badSeconds: number;
  /** Good seconds in a row that step back up (not from HLS). */
  goodSeconds: number;
  /** Seconds not judged after the connection is back from a drop (see {@link FallbackLadder.resumed}). */
  graceSeconds?: number;
}

export const DEFAULT_THRESHOLDS: LadderThresholds = { maxLoss: 0.08, minFps: 5, badSeconds: 8, goodSeconds: 60, graceSeconds: 3 };

export class FallbackLadder {
  private bad = 0;
  private good = 0;
  private grace = 0;

  constructor(public rung: Rung = "full", private readonly limits: LadderThresholds = DEFAULT_THRESHOLDS) {}

  /** Whether one second was bad for this rung (audio only ignores the picture). */
  isBad(sample: LinkSample): boolean {
    if (!sample.connected) return true;
    if (sample.loss > this.limits.maxLoss) return true;
    return this.rung !== "audio" && sample.fps !== null && sample.fps < this.limits.minFps;
  }

  /** Takes one sample; returns the new rung when it changes, else null. */
  push(sample: LinkSample): Rung | null {
    if (this.rung === "hls") return null;
    if (sample.connected && sample.received === 0) return null;
    if (this.grace > 0) { this.grace--; return null; }
    if (this.isBad(sample)) { this.bad++; this.good = 0; } else { this.good++; this.bad = 0; }
    const at = RUNGS.indexOf(this.rung);
    if (this.bad >= this.limits.badSeconds) return this.move(RUNGS[at + 1]);
    if (this.good >= this.limits.goodSeconds && at > 0) return this.move(RUNGS[at - 1]);
    return null;
  }

  /**
   * The connection is back after a drop (ICE restart or rejoin): the next seconds are not judged.
   * When media resumes, every packet of the gap is counted lost at once and the picture waits for
   * a keyframe — what the drop did, not what the link does; judged, a 10-s cut walked the ladder
   * one rung down (KioskRecoveryTests). The run of bad seconds before the drop is kept: a link
   * that flaps while poor still steps down.
   */
  resumed(): void {
    this.grace = this.limits.graceSeconds ?? 0;
  }

  /** A forced step (e.g. a rejoin that failed twice): one rung down. */
  stepDown(): Rung | null {
    return this.rung === "hls" ? null : this.move(RUNGS[RUNGS.indexOf(this.rung) + 1]);
  }

  private move(to: Rung): Rung {
    this.rung = to;
    this.bad = 0;
    this.good = 0;
    return to;
  }
}

/** The WHEP offer for a rung: sections and the query (audio 2: studio + stage; video 3: camera, courseware, stage). */
export function offerFor(rung: Rung): { audio: number; video: number; query: string } {
  switch (rung) {
    case "full": return { audio: 2, video: 3, query: "" };
    case "low": return { audio: 2, video: 3, query: "?maxLayer=low" };
    default: return { audio: 2, video: 0, query: "" };
  }
}

/** Loss fraction between two cumulative (packetsReceived, packetsLost) readings. */
export function lossBetween(before: { received: number; lost: number }, after: { received: number; lost: number }): number {
  const received = Math.max(0, after.received - before.received);
  const lost = Math.max(0, after.lost - before.lost);
  return received + lost === 0 ? 0 : lost / (received + lost);
}
