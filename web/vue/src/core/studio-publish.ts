// The studio's WHIP publisher (docs/studio.md), framework-free: camera + microphone and the
// courseware section → RTCPeerConnection → WHIP (RFC 9725) to the relay. Moved here from the plain
// studio page (web/src/pages/studio.ts) when the studio became the Vue console.
// - The camera goes out as three simulcast layers (rid l/m/h, lowest first; docs/simulcast.md);
//   a browser or relay that refuses simulcast gets one full-size stream.
// - Courseware is a second video section offered from the start, so sharing can begin and end with
//   replaceTrack (WHIP has no renegotiation). One stream, ≤ 1.2 Mbit/s.
// - H.264 first (the recorder copies it; VP8 is transcoded), ICE restart through PATCH, DELETE on
//   "end lesson", DELETE ?leave=1 on page hide (the relay then keeps the recording open).
// - Recovery: a failed connection is restarted by PATCH, tried again while the server cannot be
//   reached; when the relay no longer knows the session (404/410 after a server restart) the same
//   tracks are published again in a new session, waiting 1, 2, 4 … 15 s between tries. Only
//   "end lesson" (or a refusal: 401/403) stops it.
import { RelayRefusal, forgetSession, openSession, type RelaySession } from "../../../src/shared/relay-session";

/** Lowest first: the relay reads the offer's rid order as layer 0, 1, 2. */
export const SIMULCAST_LAYERS: readonly RTCRtpEncodingParameters[] = [
  { rid: "l", scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: "m", scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: "h", scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];
export const SINGLE_LAYER_BITRATE = 1_500_000;
/** Courseware is text and diagrams: one stream, at most this rate. */
export const COURSEWARE_BITRATE = 1_200_000;

/** Whether the relay's answer accepted simulcast (else the browser sends only the first, quarter-size encoding). */
export function answerHasSimulcast(answer: string): boolean {
  return /^a=simulcast:/m.test(answer);
}

/** The ICE credentials of an SDP (or an sdpfrag). */
export function iceCredentials(sdp: string): { ufrag: string; pwd: string } {
  return {
    ufrag: /a=ice-ufrag:(.*)/.exec(sdp)?.[1]?.trim() ?? "",
    pwd: /a=ice-pwd:(.*)/.exec(sdp)?.[1]?.trim() ?? "",
  };
}

/** The answer with the relay's new ICE credentials after a restart (RFC 9725 §4.4.1). */
export function withIceCredentials(answer: string, ufrag: string, pwd: string): string {
  return answer.replace(/a=ice-ufrag:.*\r\n/g, `a=ice-ufrag:${ufrag}\r\n`).replace(/a=ice-pwd:.*\r\n/g, `a=ice-pwd:${pwd}\r\n`);
}

type Codec = { mimeType: string; sdpFmtpLine?: string };

/** H.264 packetization-mode 1 first, the rest in the browser's order; null when the browser cannot send H.264. */
export function h264First<T extends Codec>(codecs: readonly T[]): T[] | null {
  const isH264 = (c: T) => c.mimeType.toLowerCase() === "video/h264" && /packetization-mode=1/.test(c.sdpFmtpLine ?? "");
  if (!codecs.some(isH264)) return null;
  return [...codecs.filter(isH264), ...codecs.filter((c) => !isH264(c))];
}

export interface PublishOptions {
  lesson: string;
  token: () => Promise<string>;
  simulcast: boolean;
  preferH264: boolean;
  onState: (state: "connecting" | "live" | "restarting") => void;
}

/** Seconds to wait before recovery try n (0-based): 1, 2, 4, 8, then 15. */
export function recoveryDelaySeconds(attempt: number): number {
  return Math.min(15, 2 ** Math.max(0, attempt));
}

/** What an ICE-restart PATCH answered: applied, the session is gone (publish anew), or no answer (try again). */
export type RestartOutcome = "restarted" | "gone" | "unreachable";

/** The PATCH's status read as a {@link RestartOutcome}: 404/410 mean the relay lost the session (it restarted). */
export function restartOutcome(status: number): RestartOutcome {
  if (status === 200) return "restarted";
  // 401: the relay does not take this token any more (restarted with other keys); a new session asks for a new one.
  return status === 404 || status === 410 || status === 401 ? "gone" : "unreachable";
}

const sleep = (seconds: number) => new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000));

export class StudioPublisher {
  private pc: RTCPeerConnection | null = null;
  /** Bumped by stop(): a recovery loop of an earlier broadcast ends when it sees a newer one. */
  private generation = 0;
  private recovering = false;
  /** The tracks a recovery publishes again, kept from the peer it had to close. */
  private kept: { tracks: MediaStreamTrack[]; courseware: MediaStreamTrack | null } | null = null;
  private session: RelaySession | null = null;
  private coursewareSender: RTCRtpSender | null = null;
  private token = "";
  /** How many camera encodings go out (3 with simulcast, else 1). */
  layers = 1;

  constructor(private readonly o: PublishOptions) {}

  get live(): boolean { return this.session !== null; }
  get peer(): RTCPeerConnection | null { return this.pc; }

  /** Publishes the camera stream and the courseware section (with its track when already sharing). Throws {@link RelayRefusal}. */
  async start(camera: MediaStream, courseware: MediaStreamTrack | null): Promise<void> {
    this.token = await this.o.token();
    const pc = new RTCPeerConnection({ bundlePolicy: "max-bundle" });
    this.pc = pc;
    this.layers = 1;
    for (const track of camera.getTracks()) {
      if (track.kind === "video" && this.o.simulcast) this.layers = addSimulcastVideo(pc, track, camera);
      else pc.addTransceiver(track, { direction: "sendonly", streams: [camera] });
    }
    this.coursewareSender = pc.addTransceiver(courseware ?? "video", { direction: "sendonly", sendEncodings: [{ maxBitrate: COURSEWARE_BITRATE }] }).sender;
    if (this.o.preferH264) preferH264(pc);
    pc.onconnectionstatechange = () => {
      if (pc !== this.pc) return;
      if (pc.connectionState === "connected") this.o.onState("live");
      if (pc.connectionState === "failed") void this.recover();
      // Chromium says "failed" only after its consent checks run out (~30 s): act after 3 s of "disconnected".
      if (pc.connectionState === "disconnected") setTimeout(() => { if (pc === this.pc && pc.connectionState === "disconnected") void this.recover(); }, 3000);
    };
    this.o.onState("connecting");
    try {
      this.session = await openSession(pc, `/whip/${encodeURIComponent(this.o.lesson)}`, this.token);
    } catch (e) {
      pc.close();
      this.pc = null;
      throw e;
    }
    if (this.layers > 1 && !answerHasSimulcast(this.session.answer)) {
      this.layers = 1;
      await this.makeSingleLayer();
    }
  }

  /** Shares (a track) or stops sharing (null) courseware, live or not. */
  async setCourseware(track: MediaStreamTrack | null): Promise<void> {
    await this.coursewareSender?.replaceTrack(track);
  }

  /** Ends the broadcast: DELETE (the relay closes the lesson's recording), camera tracks stopped. */
  async stop(): Promise<void> {
    this.generation++;
    const session = this.session;
    this.session = null;
    if (session) forgetSession(session.resource);
    if (session) await fetch(session.resource, { method: "DELETE", headers: { Authorization: `Bearer ${this.token}` } }).catch(() => undefined);
    this.pc?.getSenders().forEach((s) => { if (s !== this.coursewareSender) s.track?.stop(); });
    this.kept?.tracks.forEach((t) => t.stop());
    this.kept = null;
    this.pc?.close();
    this.pc = null;
    this.coursewareSender = null;
  }

  /** Leaving or reloading is not the end of the lesson: ?leave=1 lets the relay keep the recording open. */
  leave(): void {
    if (this.session) void fetch(`${this.session.resource}?leave=1`, { method: "DELETE", headers: { Authorization: `Bearer ${this.token}` }, keepalive: true });
  }

  private async makeSingleLayer(): Promise<void> {
    for (const sender of this.pc?.getSenders() ?? []) {
      if (sender.track?.kind !== "video" || sender === this.coursewareSender) continue;
      const parameters = sender.getParameters();
      if (!parameters.encodings?.length) continue;
      parameters.encodings = parameters.encodings.map((encoding, i) =>
        i === 0 ? { ...encoding, scaleResolutionDownBy: 1, maxBitrate: SINGLE_LAYER_BITRATE } : encoding);
      await sender.setParameters(parameters).catch((e) => console.warn("could not resize the single stream", e));
    }
  }

  /**
   * Brings a failed broadcast back: ICE restart by PATCH; while the server does not answer, again
   * after a pause; when it answers that the session is gone (the server restarted), the same tracks
   * in a new session. Ends when connected, on "end lesson", or on a refusal (401/403).
   */
  private async recover(): Promise<void> {
    if (this.recovering) return;
    this.recovering = true;
    const generation = this.generation;
    const current = () => generation === this.generation && this.pc !== null;
    try {
      for (let attempt = 0; current(); attempt++) {
        if (this.pc?.connectionState === "connected") return;
        const outcome = await this.restartIce().catch((): RestartOutcome => "unreachable");
        if (outcome === "gone" && current()) {
          try {
            if (await this.republish()) return;
          } catch (e) {
            console.warn("the relay refused the studio's new session", e);
            return;
          }
        } else if (outcome === "restarted" && (await this.connectedWithin(8))) {
          return;
        }
        await sleep(recoveryDelaySeconds(attempt));
      }
    } finally {
      this.recovering = false;
    }
  }

  private async connectedWithin(seconds: number): Promise<boolean> {
    for (let waited = 0; waited < seconds * 4; waited++) {
      if (this.pc?.connectionState === "connected") return true;
      await sleep(0.25);
    }
    return this.pc?.connectionState === "connected";
  }

  /** The live tracks (as last replaced) in a new WHIP session; false when it could not be opened this time. Throws a refusal (401/403). */
  private async republish(): Promise<boolean> {
    const old = this.pc;
    if (!old) return false;
    if (old.signalingState !== "closed") {
      this.kept = {
        tracks: old.getSenders().filter((s) => s !== this.coursewareSender && s.track).map((s) => s.track as MediaStreamTrack),
        courseware: this.coursewareSender?.track ?? null,
      };
      if (this.session) forgetSession(this.session.resource);
      old.onconnectionstatechange = null;
      old.close(); // closing a peer does not stop its tracks: the camera keeps running
    }
    this.session = null;
    const kept = this.kept;
    if (!kept) return false;
    this.pc = null;
    try {
      await this.start(new MediaStream(kept.tracks), kept.courseware);
      this.kept = null;
      return true;
    } catch (e) {
      this.pc = old; // a closed placeholder: the loop goes on after its pause, with the kept tracks
      if (e instanceof RelayRefusal && (e.status === 401 || e.status === 403)) throw e;
      return false;
    }
  }

  // ICE restart through PATCH (RFC 9725 §4.4.1): send our new ufrag/pwd, apply the relay's new ones.
  private async restartIce(): Promise<RestartOutcome> {
    const pc = this.pc;
    const session = this.session;
    if (!pc || !session) return "gone";
    this.o.onState("restarting");
    const offer = await pc.createOffer({ iceRestart: true });
    await pc.setLocalDescription(offer);
    const mine = iceCredentials(offer.sdp ?? "");
    const response = await fetch(session.resource, {
      method: "PATCH",
      headers: { "Content-Type": "application/trickle-ice-sdpfrag", "If-Match": "*", Authorization: `Bearer ${this.token}` },
      body: `a=ice-ufrag:${mine.ufrag}\r\na=ice-pwd:${mine.pwd}\r\n`,
    });
    const outcome = restartOutcome(response.status);
    if (outcome !== "restarted") return outcome;
    const theirs = iceCredentials(await response.text());
    session.answer = withIceCredentials(session.answer, theirs.ufrag, theirs.pwd);
    await pc.setRemoteDescription({ type: "answer", sdp: session.answer });
    return "restarted";
  }
}

export { RelayRefusal };

// Three encodings of one camera track. Returns how many the browser accepted; a browser that
// refuses simulcast (throws, or keeps fewer encodings) gets one full-size stream instead.
function addSimulcastVideo(peer: RTCPeerConnection, track: MediaStreamTrack, stream: MediaStream): number {
  try {
    const transceiver = peer.addTransceiver(track, { direction: "sendonly", streams: [stream], sendEncodings: SIMULCAST_LAYERS.map((l) => ({ ...l })) });
    const accepted = transceiver.sender.getParameters().encodings?.length ?? 0;
    if (accepted === SIMULCAST_LAYERS.length) return accepted;
    peer.removeTrack(transceiver.sender);
    transceiver.stop();
  } catch (e) {
    console.warn("simulcast refused, sending one stream", e);
  }
  peer.addTransceiver(track, { direction: "sendonly", streams: [stream], sendEncodings: [{ maxBitrate: SINGLE_LAYER_BITRATE }] });
  return 1;
}

// H.264 (packetization-mode 1) ahead of the other video codecs on every video section, where the
// browser can send it; the relay takes the publisher's first choice of H.264 and VP8.
function preferH264(peer: RTCPeerConnection): void {
  const ordered = h264First(RTCRtpSender.getCapabilities?.("video")?.codecs ?? []);
  if (!ordered) return;
  for (const transceiver of peer.getTransceivers()) {
    if (transceiver.sender.track?.kind === "audio" || transceiver.receiver.track.kind !== "video") continue;
    try {
      transceiver.setCodecPreferences(ordered);
    } catch (e) {
      console.warn("codec preferences refused, the browser's order stays", e);
    }
  }
}
