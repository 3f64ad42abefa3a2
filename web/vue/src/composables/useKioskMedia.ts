// The lesson on the projector (docs/kiosk.md "Video and sound", "Reconnecting", "Fallback ladder"):
// one WHEP session with the relay (2 audio + 3 video sections: studio audio, stage audio; studio
// camera, courseware, stage video — as the player page), laid out by what decodes
// (core/lesson-view.ts). A drop is repaired by an ICE restart through PATCH, then by a new
// session (rejoin) with a growing pause. A poor link walks the ladder (core/kiosk-ladder.ts):
// the low simulcast layer, audio only, then the live HLS fallback, whose hls.js is fetched by a
// dynamic import only then. Sound that the browser refuses to start shows one large button.
import { computed, nextTick, onBeforeUnmount, ref, shallowRef, type Ref } from "vue";
import { ApiError, api, describe } from "../../../src/shared/api";
import { type HlsEdgeSource, liveDelaySeconds, liveEdgeSeconds } from "../../../src/shared/live-delay";
import { closeSession, FrameWatch, labelsByMid, openSession, RelayRefusal, sectionsOf, type RelaySession } from "../../../src/shared/relay-session";
import { FallbackLadder, lossBetween, offerFor, RUNGS, type Rung } from "../core/kiosk-ladder";
import { applyIceRestart, iceRestartFragment, layoutOf, pictureOf, type Picture } from "../core/lesson-view";

export type MediaState = "connecting" | "waiting" | "playing" | "restarting" | "rejoining" | "refused";

/** Jitter buffer asked of each receiver (ms), as the player page: retransmissions arrive before their frame is due. */
const JITTER_BUFFER_MS = 400;
/** A "disconnected" connection gets this long to come back by itself before an ICE restart. */
const RESTART_AFTER_MS = 2_000;
/** An ICE restart gets this long before the session is given up and the room rejoins. */
const REJOIN_AFTER_MS = 8_000;
const MAX_REJOIN_WAIT_MS = 15_000;
/** A connected session whose video sections have a producer but decode nothing this long is rejoined. */
const STUCK_AFTER_MS = 10_000;

interface Elements {
  /** The HLS fallback's own <video> (the WebRTC pictures have theirs). */
  hls: Ref<HTMLVideoElement | null>;
  audio: Ref<HTMLAudioElement[]>;
}

/** The rung to start on: ?hls=1 or a browser without WebRTC → HLS; ?rung=low|audio pins a weak room (docs/kiosk.md). */
export function startRung(search: string, hasWebRtc: boolean): Rung {
  const q = new URLSearchParams(search);
  if (q.get("hls") === "1" || !hasWebRtc) return "hls";
  const pinned = q.get("rung") as Rung | null;
  return pinned && RUNGS.includes(pinned) ? pinned : "full";
}

export function useKioskMedia(lessonId: string, joinToken: () => Promise<string>, el: Elements) {
  const state = ref<MediaState>("connecting");
  const rung = ref<Rung>(startRung(location.search, typeof RTCPeerConnection === "function"));
  const ladder = new FallbackLadder(rung.value);
  const streams = shallowRef<Partial<Record<Picture, MediaStream>>>({});
  const audioStreams = shallowRef<MediaStream[]>([]);
  const playing = ref<Set<Picture>>(new Set());
  const swapped = ref(false);
  const soundBlocked = ref(false);
  const refusal = ref("");
  const hls = ref<{ src: string | null; delay: number | null; error: string }>({ src: null, delay: null, error: "" });
  /** Inbound frames decoded by the large picture (for the page's data-frames: moving video). */
  const framesDecoded = ref(0);
  const restarts = ref(0);
  const rejoins = ref(0);
  /** Video packets received and keyframes decoded on this session (data-* on the large picture, for a stuck picture's diagnosis). */
  const received_ = ref({ videoPackets: 0, keyFrames: 0 });
  /** performance.now() of the first decoded frame (time from the page's start to the first frame). */
  const firstFrameAt = ref<number | null>(null);

  const layout = computed(() => layoutOf(playing.value, swapped.value));
  const largeStream = computed(() => (layout.value.large ? streams.value[layout.value.large] ?? null : null));
  const smallStream = computed(() => (layout.value.small ? streams.value[layout.value.small] ?? null : null));
  const stageStream = computed(() => (layout.value.stage ? streams.value.stage ?? null : null));

  let peer: RTCPeerConnection | null = null;
  let session: RelaySession | null = null;
  let token = "";
  let mids = new Map<string, Picture>();
  let retryMs = 1000;
  let restartTimer: number | undefined;
  let rejoinTimer: number | undefined;
  let stopped = false;
  /** The hls.js player (the parts read here): its levels' playlists give the live edge. */
  let hlsInstance: (HlsEdgeSource & { destroy(): void }) | null = null;
  const watch = new FrameWatch();
  let counters = { received: 0, lost: 0 };
  let lastFrames = new Map<string, number>();
  const seen = new Set<Picture>();
  /** performance.now() since the session is connected and nothing decodes (null: decoding, or not connected). */
  let quietSince: number | null = null;
  let sectionsAskedAt = 0;

  async function connect(): Promise<void> {
    if (stopped) return;
    if (rung.value === "hls") { await startHls(); return; }
    try {
      token = await joinToken();
    } catch (e) {
      if (e instanceof ApiError && (e.status === 403 || e.status === 404)) { refuse(describe(e)); return; }
      scheduleRejoin();
      return;
    }
    const offer = offerFor(rung.value);
    const pc = new RTCPeerConnection({ bundlePolicy: "max-bundle" });
    peer = pc;
    for (let i = 0; i < offer.audio + offer.video; i++) {
      const receiver = pc.addTransceiver(i < offer.audio ? "audio" : "video", { direction: "recvonly" }).receiver as RTCRtpReceiver & { jitterBufferTarget?: number | null };
      if ("jitterBufferTarget" in receiver) receiver.jitterBufferTarget = JITTER_BUFFER_MS;
    }
    pc.ontrack = (event) => { event.track.onunmute = () => void startSound(); };
    pc.onconnectionstatechange = () => onConnectionState(pc);
    try {
      session = await openSession(pc, `/whep/${encodeURIComponent(lessonId)}${offer.query}`, token);
    } catch (e) {
      pc.close();
      if (peer === pc) peer = null;
      if (e instanceof RelayRefusal && e.status === 403) { refuse(e.message); return; }
      scheduleRejoin();
      return;
    }
    const labels = labelsByMid(session.answer);
    const pictures: Partial<Record<Picture, MediaStream>> = {};
    const sounds: MediaStream[] = [];
    mids = new Map();
    for (const t of pc.getTransceivers()) {
      if (t.mid === null) continue;
      const stream = new MediaStream([t.receiver.track]);
      if (t.receiver.track.kind === "audio") { sounds.push(stream); continue; }
      const picture = pictureOf(labels.get(t.mid) ?? "");
      if (picture) { pictures[picture] = stream; mids.set(t.mid, picture); }
    }
    streams.value = pictures;
    audioStreams.value = sounds;
    playing.value = new Set();
    seen.clear();
    quietSince = null;
    counters = { received: 0, lost: 0 };
    lastFrames = new Map();
    state.value = rung.value === "audio" ? "playing" : "waiting";
    await nextTick();
    void startSound();
  }

  function refuse(reason: string): void {
    refusal.value = reason;
    state.value = "refused";
  }

  function onConnectionState(pc: RTCPeerConnection): void {
    if (pc !== peer) return;
    const s = pc.connectionState;
    if (s === "connected") {
      clearTimeout(restartTimer); clearTimeout(rejoinTimer);
      restartTimer = rejoinTimer = undefined;
      retryMs = 1000;
      if (state.value === "restarting" || state.value === "rejoining") ladder.resumed();
      if (state.value === "restarting" || state.value === "rejoining" || state.value === "connecting") {
        state.value = playing.value.size > 0 || rung.value === "audio" ? "playing" : "waiting";
      }
    } else if ((s === "disconnected" || s === "failed") && restartTimer === undefined && rejoinTimer === undefined) {
      state.value = "restarting";
      restartTimer = window.setTimeout(() => void restartIce(pc), s === "failed" ? 0 : RESTART_AFTER_MS);
    }
  }

  /** ICE restart through PATCH (RFC 9725 §4.4.1); if the link is not back soon, a new session. */
  async function restartIce(pc: RTCPeerConnection): Promise<void> {
    restartTimer = undefined;
    if (pc !== peer || pc.connectionState === "connected") return;
    restarts.value++;
    rejoinTimer = window.setTimeout(() => { rejoinTimer = undefined; if (pc === peer && pc.connectionState !== "connected") rejoin(); }, REJOIN_AFTER_MS);
    try {
      const offer = await pc.createOffer({ iceRestart: true });
      await pc.setLocalDescription(offer);
      const fragment = iceRestartFragment(offer.sdp ?? "");
      if (!fragment || !session) throw new Error("no ICE credentials");
      const response = await fetch(session.resource, {
        method: "PATCH",
        headers: { "Content-Type": "application/trickle-ice-sdpfrag", "If-Match": "*", Authorization: `Bearer ${token}` },
        body: fragment,
      });
      if (response.status !== 200) throw new Error(`PATCH ${response.status}`);
      const answer = applyIceRestart(session.answer, await response.text());
      if (!answer) throw new Error("no ICE credentials in the reply");
      session = { ...session, answer };
      await pc.setRemoteDescription({ type: "answer", sdp: answer });
    } catch {
      // The relay lost the session (restarted) or the link is still down: rejoin now.
      clearTimeout(rejoinTimer);
      rejoinTimer = undefined;
      if (pc === peer) rejoin();
    }
  }

  function closePeer(keepalive = false): void {
    if (peer) { peer.onconnectionstatechange = null; peer.close(); }
    closeSession(session, token, keepalive);
    peer = null;
    session = null;
  }

  function rejoin(): void {
    closePeer();
    rejoins.value++;
    ladder.resumed(); // the new session's first seconds are the drop's, not the link's
    scheduleRejoin();
  }

  function scheduleRejoin(): void {
    if (stopped) return;
    state.value = "rejoining";
    const wait = retryMs;
    retryMs = Math.min(retryMs * 2, MAX_REJOIN_WAIT_MS);
    setTimeout(() => void connect().catch(() => scheduleRejoin()), wait);
  }

  /** Moves to another rung: a new session (or the HLS fallback). */
  function moveTo(next: Rung): void {
    rung.value = next;
    closePeer();
    retryMs = 1000;
    state.value = "connecting";
    void connect().catch(() => scheduleRejoin());
  }

  /** Once a second: which pictures decode, frames of the large one, loss — the ladder's sample. */
  async function sample(): Promise<void> {
    const pc = peer;
    if (!pc || rung.value === "hls") return;
    const live = await watch.update(pc);
    if (pc !== peer) return;
    const now = new Set<Picture>();
    for (const mid of live) { const p = mids.get(mid); if (p) { now.add(p); seen.add(p); } }
    playing.value = now;
    await watchStuck(pc, now.size > 0);
    if (pc !== peer) return;
    if (now.size > 0 && firstFrameAt.value === null) firstFrameAt.value = performance.now();
    if (now.size > 0 && state.value === "waiting") state.value = "playing";
    const stats = await pc.getStats();
    let received = 0, lost = 0;
    let largeFrames: number | null = null;
    const largeMid = [...mids].find(([, p]) => p === layout.value.large)?.[0];
    const frames = new Map<string, number>();
    let videoPackets = 0, keyFrames = 0;
    stats.forEach((r: { type: string; kind?: string; mid?: string; packetsReceived?: number; packetsLost?: number; framesDecoded?: number; keyFramesDecoded?: number }) => {
      if (r.type !== "inbound-rtp") return;
      received += r.packetsReceived ?? 0;
      lost += Math.max(0, r.packetsLost ?? 0);
      if (r.kind === "video" && r.mid !== undefined) frames.set(r.mid, r.framesDecoded ?? 0);
      if (r.kind === "video") { videoPackets += r.packetsReceived ?? 0; keyFrames += r.keyFramesDecoded ?? 0; }
    });
    received_.value = { videoPackets, keyFrames };
    if (largeMid !== undefined) {
      const total = frames.get(largeMid) ?? 0;
      framesDecoded.value = total;
      largeFrames = total - (lastFrames.get(largeMid) ?? total);
    }
    lastFrames = frames;
    const loss = lossBetween(counters, { received, lost });
    const receivedNow = received - counters.received;
    counters = { received, lost };
    // Only a connected session with a picture that has played says something about the link
    // (before the teacher starts nothing decodes; a drop is the reconnect logic's business).
    if (pc.connectionState !== "connected") return;
    const fps = layout.value.large && seen.has(layout.value.large) ? largeFrames : null;
    if (fps === null && rung.value !== "audio" && received === 0) return;
    const step = ladder.push({ loss, fps, connected: true, received: receivedNow });
    if (step) moveTo(step);
  }

  /**
   * Stuck-session watchdog: connected, nothing decoding for 10 s although the relay says a video
   * section has a producer (GET on the session, at most every 5 s) → a new session. Seen once on
   * loopback after a reload (docs/kiosk.md "Reconnecting").
   */
  async function watchStuck(pc: RTCPeerConnection, decoding: boolean): Promise<void> {
    if (decoding || pc.connectionState !== "connected" || rung.value === "audio") { quietSince = null; return; }
    const now = performance.now();
    quietSince ??= now;
    if (now - quietSince < STUCK_AFTER_MS || now - sectionsAskedAt < 5_000 || !session) return;
    sectionsAskedAt = now;
    const sections = await sectionsOf(session, token).catch(() => null);
    if (pc === peer && sections?.some((s) => s.kind === "video" && s.producer !== null)) {
      quietSince = null;
      rejoin();
    }
  }

  /** The live HLS of the lesson's recording (docs/replay.md "Live HLS"): hls.js loaded only now. */
  async function startHls(): Promise<void> {
    state.value = "waiting";
    let grant: { url: string } | null = null;
    while (!grant && !stopped) {
      try {
        grant = await api<{ url: string }>(`/api/lessons/${encodeURIComponent(lessonId)}/live-hls`, {
          method: "POST", signInOn401: false, headers: { Authorization: "Bearer " + (await joinToken()) },
        });
      } catch (e) {
        if (!(e instanceof ApiError && e.code === "not_recording")) hls.value = { ...hls.value, error: describe(e) };
        await new Promise((r) => setTimeout(r, 5_000));
      }
    }
    if (!grant) return;
    const { default: Hls } = await import("hls.js/light");
    await nextTick();
    const video = el.hls.value;
    if (!video) return;
    hls.value = { src: grant.url, delay: null, error: "" };
    if (Hls.isSupported()) {
      // No worker: the pages' CSP refuses blob: workers.
      const h = new Hls({ enableWorker: false, liveSyncDurationCount: 3, lowLatencyMode: false });
      h.on(Hls.Events.ERROR, (_e, data) => { if (data.fatal) hls.value = { ...hls.value, error: `${data.type}: ${data.details}` }; });
      h.loadSource(grant.url);
      h.attachMedia(video);
      hlsInstance = h;
    } else {
      video.src = grant.url;
    }
    video.addEventListener("loadedmetadata", () => void startSound(), { once: true });
    video.addEventListener("playing", () => {
      state.value = "playing";
      if (firstFrameAt.value === null) firstFrameAt.value = performance.now();
    }, { once: true });
  }

  function hlsTick(): void {
    const video = el.hls.value;
    if (rung.value !== "hls" || !video || !hlsInstance && !video.src) return;
    const edge = liveEdgeSeconds(hlsInstance, video);
    hls.value = { ...hls.value, delay: video.currentTime > 0 ? liveDelaySeconds(edge, video.currentTime) : null };
  }

  /**
   * Starts the sound; a browser that refuses it without a gesture gets the large button
   * (never silent without saying so). Kiosk browsers set to allow autoplay never show it.
   */
  async function startSound(): Promise<void> {
    try {
      if (rung.value === "hls") {
        const video = el.hls.value;
        if (video) { video.muted = false; await video.play(); }
      } else {
        for (const audio of el.audio.value) if (audio.srcObject) await audio.play();
      }
      soundBlocked.value = false;
    } catch (e) {
      if (e instanceof DOMException && e.name === "NotAllowedError") {
        soundBlocked.value = true;
        // The picture plays on, muted, under the button.
        const video = el.hls.value;
        if (video && rung.value === "hls") { video.muted = true; void video.play().catch(() => undefined); }
      }
    }
  }

  /** The "turn sound on" button's click (a user gesture). */
  function soundOn(): void {
    soundBlocked.value = false;
    void startSound();
  }

  const timer = window.setInterval(() => { void sample().catch(() => undefined); hlsTick(); }, 1000);
  const onHide = () => closePeer(true);
  addEventListener("pagehide", onHide);
  onBeforeUnmount(() => {
    stopped = true;
    clearInterval(timer);
    removeEventListener("pagehide", onHide);
    hlsInstance?.destroy();
    closePeer();
  });

  return {
    state, rung, streams, audioStreams, playing, swapped, soundBlocked, refusal, hls, framesDecoded, restarts, rejoins, received: received_, firstFrameAt,
    layout, largeStream, smallStream, stageStream,
    start: () => connect().catch(() => scheduleRejoin()), soundOn, moveTo,
  };
}
