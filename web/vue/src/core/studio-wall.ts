// The studio's room wall (docs/studio.md "Room wall"), framework-free: one WHEP session
// `?producers=stage,rooms` — the room on stage (one audio + one video section, seen and heard) and
// one video section per wall slot. GET on the session (polled) says which room each slot shows, so
// tiles follow rooms, not slots. Once a second one getStats read gives, per section, whether frames
// decode (online) and the link's quality. Moved here from the plain page's studio-wall.ts, without
// its DOM: the console (Vue) draws what this reports.
import { RelayRefusal, closeSession, labelsByMid, openSession, sectionsOf, type RelaySession } from "../../../src/shared/relay-session";

export type LinkQuality = "good" | "fair" | "poor" | "none";

/** One inbound video stream's counters, as getStats gives them. */
export interface InboundSample { mid: string; framesDecoded: number; packetsReceived: number; packetsLost: number; at: number }

/** Per section: are frames decoding, and how good is the link over the last look. */
export interface Reading { online: boolean; quality: LinkQuality; fps: number; lossPercent: number }

/**
 * Link quality between two samples of the same stream: loss share of the packets expected, and
 * decoded frames per second (the rooms send ≤ 15 fps at 320×180). Frames not advancing = "none".
 * good: < 2 % loss and ≥ 10 fps; fair: < 8 % loss and ≥ 5 fps; else poor.
 */
export function readLink(before: InboundSample | undefined, now: InboundSample): Reading {
  if (!before) return { online: false, quality: "none", fps: 0, lossPercent: 0 };
  const frames = now.framesDecoded - before.framesDecoded;
  const seconds = Math.max(0.001, (now.at - before.at) / 1000);
  const received = Math.max(0, now.packetsReceived - before.packetsReceived);
  const lost = Math.max(0, now.packetsLost - before.packetsLost);
  const lossPercent = received + lost > 0 ? (100 * lost) / (received + lost) : 0;
  const fps = frames / seconds;
  if (frames <= 0) return { online: false, quality: "none", fps: 0, lossPercent };
  const quality: LinkQuality = lossPercent < 2 && fps >= 10 ? "good" : lossPercent < 8 && fps >= 5 ? "fair" : "poor";
  return { online: true, quality, fps: Math.round(fps * 10) / 10, lossPercent: Math.round(lossPercent * 10) / 10 };
}

/** "room:12" / "stage:12" → 12; NaN for a producer that is not a room's. */
export function roomIdOf(producer: string): number {
  return Number(producer.substring(producer.indexOf(":") + 1));
}

/** What the wall shows now: each room's section (by classroom id), and the room on stage. */
export interface WallView {
  rooms: Map<number, string>;
  stage: number | null;
}

/** From GET /whep/{lesson}/{resource}'s sections: which room each "rooms" slot shows, and who is on stage. */
export function wallView(sections: readonly { mid: string; kind: string; wants: string; producer: string | null }[]): WallView {
  const rooms = new Map<number, string>();
  let stage: number | null = null;
  for (const s of sections) {
    if (s.kind !== "video" || !s.producer) continue;
    if (s.wants === "rooms") rooms.set(roomIdOf(s.producer), s.mid);
    else if (s.wants === "stage") stage = roomIdOf(s.producer);
  }
  return { rooms, stage };
}

/**
 * The codecs the wall's receive sections offer: VP8, H.264 constrained baseline (packetization
 * mode 1, profile 42e01f — the relay's H.264 choice for publishers) and RTX (the relay retransmits
 * to players on RTX). A browser's full list (VP9 ×4, AV1, H.264 ×8, RED, FEC) makes each video
 * section ~5 KB, and the relay takes offers up to 64 KB (MediaRelay:MaxSdpBytes): 12 sections
 * already came close, 31 (30 rooms) were refused with 413. Trimmed, 31 sections are ~48 KB.
 * Null when the browser lacks VP8 or that H.264 (its own list is offered then).
 */
export function wallCodecs<T extends { mimeType: string; sdpFmtpLine?: string }>(codecs: readonly T[]): T[] | null {
  const mime = (c: T) => c.mimeType.toLowerCase();
  const h264 = (c: T) => mime(c) === "video/h264" && /packetization-mode=1/.test(c.sdpFmtpLine ?? "") && /profile-level-id=42e01f/i.test(c.sdpFmtpLine ?? "");
  const kept = codecs.filter((c) => mime(c) === "video/vp8" || mime(c) === "video/rtx" || h264(c));
  return kept.some((c) => mime(c) === "video/vp8") && kept.some(h264) ? kept : null;
}

/** Most room slots one wall session offers: 1 audio + 1 stage + 40 rooms stay under the relay's 64 KB offer limit with {@link wallCodecs}. */
export const MAX_SLOTS = 40;

export interface WallOptions {
  lesson: string;
  token: () => Promise<string>;
  slots: number;
  /** Called after every change of placement or readings. */
  onChange: () => void;
}

export const SECTIONS_POLL_MS = 3000;
export const STATS_POLL_MS = 1000;
const RECONNECT_MS = 3000;

export class RoomWall {
  /** Stream of each received section, by mid. */
  readonly streams = new Map<string, MediaStream>();
  /** The latest reading of each video section, by mid. */
  readonly readings = new Map<string, Reading>();
  view: WallView = { rooms: new Map(), stage: null };
  stageVideo: MediaStream | null = null;
  stageAudio: MediaStream | null = null;
  stageMid: string | null = null;
  /** "refused" when the relay will not let this token watch (401/403): the wall stays empty. */
  state: "connecting" | "connected" | "refused" = "connecting";

  private pc: RTCPeerConnection | null = null;
  private session: RelaySession | null = null;
  private token = "";
  private stopped = false;
  private readonly samples = new Map<string, InboundSample>();
  private readonly timers: number[] = [];

  constructor(private readonly o: WallOptions) {}

  start(): void {
    void this.connect().catch((e) => this.reconnect(e));
    this.timers.push(window.setInterval(() => void this.place().catch(() => undefined), SECTIONS_POLL_MS));
    this.timers.push(window.setInterval(() => void this.measure().catch(() => undefined), STATS_POLL_MS));
  }

  stop(): void {
    this.stopped = true;
    this.timers.forEach((t) => clearInterval(t));
    closeSession(this.session, this.token, true);
    this.pc?.close();
  }

  /** The reading of a room's tile (offline when the room has no slot). */
  readingOf(classroomId: number): Reading {
    const mid = this.view.rooms.get(classroomId);
    return (mid !== undefined && this.readings.get(mid)) || { online: false, quality: "none", fps: 0, lossPercent: 0 };
  }

  streamOf(classroomId: number): MediaStream | null {
    const mid = this.view.rooms.get(classroomId);
    return mid === undefined ? null : this.streams.get(mid) ?? null;
  }

  private async connect(): Promise<void> {
    this.token = await this.o.token();
    const peer = new RTCPeerConnection({ bundlePolicy: "max-bundle" });
    this.pc = peer;
    peer.addTransceiver("audio", { direction: "recvonly" });
    for (let i = 0; i < 1 + Math.min(this.o.slots, MAX_SLOTS); i++) peer.addTransceiver("video", { direction: "recvonly" });
    const codecs = wallCodecs(RTCRtpReceiver.getCapabilities?.("video")?.codecs ?? []);
    for (const t of peer.getTransceivers()) {
      if (codecs && t.receiver.track.kind === "video") {
        try { t.setCodecPreferences(codecs); } catch (e) { console.warn("codec preferences refused, the browser's list is offered", e); }
      }
    }
    peer.onconnectionstatechange = () => { if (peer === this.pc && peer.connectionState === "failed") this.reconnect(); };
    this.session = await openSession(peer, `/whep/${encodeURIComponent(this.o.lesson)}?producers=stage,rooms`, this.token);
    const labels = labelsByMid(this.session.answer);
    this.streams.clear();
    this.samples.clear();
    for (const transceiver of peer.getTransceivers()) {
      if (transceiver.mid === null) continue;
      const stream = new MediaStream([transceiver.receiver.track]);
      this.streams.set(transceiver.mid, stream);
      if (labels.get(transceiver.mid) === "stage audio") this.stageAudio = stream;
      if (labels.get(transceiver.mid) === "stage video") { this.stageVideo = stream; this.stageMid = transceiver.mid; }
    }
    this.state = "connected";
    await this.place();
  }

  private reconnect(e?: unknown): void {
    if (e instanceof RelayRefusal && (e.status === 401 || e.status === 403)) { this.state = "refused"; this.o.onChange(); return; }
    if (this.stopped) return;
    this.pc?.close();
    this.pc = null;
    this.session = null;
    this.state = "connecting";
    setTimeout(() => void this.connect().catch((x) => this.reconnect(x)), RECONNECT_MS);
  }

  private async place(): Promise<void> {
    if (!this.session || !this.pc) return;
    this.view = wallView(await sectionsOf(this.session, this.token));
    this.o.onChange();
  }

  private async measure(): Promise<void> {
    const pc = this.pc;
    if (!pc) return;
    const midOfTrack = new Map<string, string>();
    for (const t of pc.getTransceivers()) if (t.mid !== null) midOfTrack.set(t.receiver.track.id, t.mid);
    const at = performance.now();
    const now: InboundSample[] = [];
    (await pc.getStats()).forEach((r: { type: string; kind?: string; mid?: string; trackIdentifier?: string; framesDecoded?: number; packetsReceived?: number; packetsLost?: number }) => {
      if (r.type !== "inbound-rtp" || r.kind !== "video") return;
      const mid = r.mid ?? midOfTrack.get(r.trackIdentifier ?? "");
      if (mid !== undefined) now.push({ mid, framesDecoded: r.framesDecoded ?? 0, packetsReceived: r.packetsReceived ?? 0, packetsLost: r.packetsLost ?? 0, at });
    });
    for (const sample of now) {
      this.readings.set(sample.mid, readLink(this.samples.get(sample.mid), sample));
      this.samples.set(sample.mid, sample);
    }
    this.o.onChange();
  }
}
