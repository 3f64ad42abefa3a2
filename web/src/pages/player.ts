// Classroom player (课堂播放): WHEP (RFC 9725 shape) from the relay into a full-screen video.
// URL: /player.html?lesson=L{lead}-{yyyyMMdd}. The join token (with the "play" scope) comes from
// POST /api/lessons/{id}/join with the viewer's session or the room device's cookie, is kept in
// memory and renewed before it expires; it is sent only in Authorization headers.
// The offer has 2 audio + 3 video sections, which the relay fills in order (docs/relay.md): studio
// audio, stage audio; studio camera, studio courseware, stage video. Courseware, while it plays,
// is large with the teacher's camera in a corner (a swap button reverses them); without it the
// camera is large. A room on stage has its own tile.
import { ApiError, describe } from "../shared/api.js";
import { applyTexts, registerTexts, t } from "../shared/i18n.js";
import { lessonJoinToken } from "../shared/join.js";
import { FrameWatch, labelsByMid, openSession, RelayRefusal } from "../shared/relay-session.js";

registerTexts("zh-CN", {
  "player.title": "课堂直播",
  "player.connecting": "正在连接直播…",
  "player.waiting": "等待主讲教师开始…",
  "player.playing": "直播中",
  "player.reconnecting": "连接中断，正在重连…",
  "player.missing": "链接缺少课程参数",
  "player.refused": "无法观看：",
  "player.unmute": "点击开启声音",
  "player.swap": "交换画面",
  "player.stage": "上台教室",
});
registerTexts("en", {
  "player.title": "Live lesson",
  "player.connecting": "Connecting to the lesson…",
  "player.waiting": "Waiting for the teacher to start…",
  "player.playing": "Live",
  "player.reconnecting": "Connection lost, reconnecting…",
  "player.missing": "The link lacks the lesson parameter",
  "player.refused": "Cannot play: ",
  "player.unmute": "Click to turn on sound",
  "player.swap": "Swap pictures",
  "player.stage": "Room on stage",
});

const query = new URLSearchParams(location.search);
const lessonId = query.get("lesson") ?? "";
const joinToken = lessonJoinToken(lessonId);
let token = "";
/** The large picture (courseware while it plays, else the camera); #corner is the small one. */
const video = document.getElementById("video") as HTMLVideoElement;
const corner = document.getElementById("corner") as HTMLVideoElement;
const stage = document.getElementById("stage") as HTMLVideoElement;
const stageBox = document.getElementById("stage-box") as HTMLElement;
const swapButton = document.getElementById("swap") as HTMLButtonElement;
const overlay = document.getElementById("overlay") as HTMLElement;
const sound = [document.getElementById("audio-studio"), document.getElementById("audio-stage")] as HTMLAudioElement[];

let peer: RTCPeerConnection | null = null;
let session: string | null = null;
let retryDelayMs = 1000;
/** The received pictures by the relay's name: "camera", "courseware", "stage". */
const pictures = new Map<string, { mid: string; stream: MediaStream }>();
const watch = new FrameWatch();
let live: ReadonlySet<string> = new Set();
let swapped = false;
/** Sound is blocked until the viewer clicks (a browser's autoplay policy; kiosk browsers allow it). */
let soundBlocked = false;

function setStatus(key: string, detail = ""): void {
  overlay.textContent = t(key) + detail;
  overlay.dataset.state = key;
  overlay.hidden = key === "player.playing";
}

/** Jitter buffer the player asks for (RTCRtpReceiver.jitterBufferTarget, milliseconds). */
const PLAYER_JITTER_BUFFER_MS = 400;

async function connect(): Promise<void> {
  setStatus("player.connecting");
  try {
    token = await joinToken();
  } catch (e) {
    // Refused (403) is final; anything else (offline, 5xx) is retried like a media drop.
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) { setStatus("player.refused", describe(e)); return; }
    throw e;
  }
  peer?.close();
  const current = new RTCPeerConnection({ bundlePolicy: "max-bundle" });
  peer = current;
  // A classroom watches a lecture, it does not talk back over this stream: 0.4 s more delay is
  // invisible, while on a lossy rural line (150 ms round trip) it lets a retransmission arrive
  // before its frame is due, so recovered losses do not show as freezes (docs/bench-loss.md).
  for (const kind of ["audio", "audio", "video", "video", "video"]) {
    const receiver = current.addTransceiver(kind, { direction: "recvonly" }).receiver as RTCRtpReceiver & { jitterBufferTarget?: number | null };
    if ("jitterBufferTarget" in receiver) receiver.jitterBufferTarget = PLAYER_JITTER_BUFFER_MS;
  }
  current.ontrack = (event) => {
    event.track.onunmute = () => {
      if (overlay.dataset.state !== "player.playing") setStatus("player.playing");
      void startSound();
    };
  };
  current.onconnectionstatechange = () => {
    if (current !== peer) return;
    if (current.connectionState === "failed" || current.connectionState === "closed") scheduleReconnect();
  };
  let answer: string;
  try {
    const created = await openSession(current, `/whep/${encodeURIComponent(lessonId)}`, token);
    session = created.resource;
    answer = created.answer;
  } catch (e) {
    if (e instanceof RelayRefusal && (e.status === 401 || e.status === 403)) {
      setStatus("player.refused", e.message);
      return; // A new token is needed: retrying cannot help.
    }
    scheduleReconnect();
    return;
  }
  const labels = labelsByMid(answer);
  pictures.clear();
  let audioIndex = 0;
  for (const transceiver of current.getTransceivers()) {
    const mid = transceiver.mid;
    if (mid === null) continue;
    const stream = new MediaStream([transceiver.receiver.track]);
    const label = labels.get(mid) ?? "";
    if (transceiver.receiver.track.kind === "audio") sound[audioIndex++].srcObject = stream;
    else if (label === "studio camera") pictures.set("camera", { mid, stream });
    else if (label === "studio courseware") pictures.set("courseware", { mid, stream });
    else if (label === "stage video") pictures.set("stage", { mid, stream });
  }
  live = new Set();
  layout();
  retryDelayMs = 1000;
  setStatus("player.waiting");
}

// Projector PCs run kiosk browsers that allow sound without a click; elsewhere say a click is needed.
async function startSound(): Promise<void> {
  try {
    for (const audio of sound) if (audio.srcObject) await audio.play();
    soundBlocked = false;
  } catch {
    soundBlocked = true;
    overlay.hidden = false;
    overlay.textContent = t("player.unmute");
  }
}

/** Puts each picture where it belongs now: courseware large while its frames arrive. */
function layout(): void {
  const playing = (name: string) => { const p = pictures.get(name); return p !== undefined && live.has(p.mid); };
  const courseware = playing("courseware");
  const [large, small] = courseware ? (swapped ? ["camera", "courseware"] : ["courseware", "camera"]) : ["camera", null];
  show(video, large);
  show(corner, small);
  show(stage, playing("stage") ? "stage" : null);
  corner.hidden = small === null;
  stageBox.hidden = !playing("stage");
  swapButton.hidden = !courseware;
}

function show(element: HTMLVideoElement, name: string | null): void {
  const stream = name ? pictures.get(name)?.stream ?? null : null;
  if (element.srcObject !== stream) element.srcObject = stream;
  element.dataset.source = name ?? "";
}

// A classroom keeps working through drops: a new WHEP session after a growing pause (max 15 s).
function scheduleReconnect(): void {
  setStatus("player.reconnecting");
  const wait = retryDelayMs;
  retryDelayMs = Math.min(retryDelayMs * 2, 15000);
  setTimeout(() => void connect().catch(() => scheduleReconnect()), wait);
}

applyTexts();
if (!lessonId) {
  setStatus("player.missing");
} else {
  void connect().catch(() => scheduleReconnect());
}
setInterval(() => {
  if (!peer) return;
  const watched = peer;
  void watch.update(watched).then((mids) => { if (watched === peer) { live = new Set(mids); layout(); } }).catch(() => undefined);
}, 1000);
swapButton.addEventListener("click", () => { swapped = !swapped; layout(); });
addEventListener("click", (event) => {
  if (event.target === swapButton) return;
  if (soundBlocked) { if (overlay.dataset.state === "player.playing") overlay.hidden = true; void startSound(); }
});
addEventListener("pagehide", () => {
  if (session) void fetch(session, { method: "DELETE", headers: { Authorization: `Bearer ${token}` }, keepalive: true });
});
