// Classroom player (课堂播放): WHEP (RFC 9725 shape) from the relay into a full-screen video.
// URL: /player.html?lesson=L{lead}-{yyyyMMdd}. The join token (with the "play" scope) comes from
// POST /api/lessons/{id}/join with the viewer's session or the room device's cookie, is kept in
// memory and renewed before it expires; it is sent only in Authorization headers.
import { ApiError, describe } from "../shared/api.js";
import { applyTexts, registerTexts, t } from "../shared/i18n.js";
import { lessonJoinToken } from "../shared/join.js";

registerTexts("zh-CN", {
  "player.title": "课堂直播",
  "player.connecting": "正在连接直播…",
  "player.waiting": "等待主讲教师开始…",
  "player.playing": "直播中",
  "player.reconnecting": "连接中断，正在重连…",
  "player.missing": "链接缺少课程参数",
  "player.refused": "无法观看：",
  "player.unmute": "点击开启声音",
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
});

const query = new URLSearchParams(location.search);
const lessonId = query.get("lesson") ?? "";
const joinToken = lessonJoinToken(lessonId);
let token = "";
const video = document.getElementById("video") as HTMLVideoElement;
const overlay = document.getElementById("overlay") as HTMLElement;

let peer: RTCPeerConnection | null = null;
let session: string | null = null;
let retryDelayMs = 1000;

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
  const current = new RTCPeerConnection();
  peer = current;
  // A classroom watches a lecture, it does not talk back over this stream: 0.4 s more delay is
  // invisible, while on a lossy rural line (150 ms round trip) it lets a retransmission arrive
  // before its frame is due, so recovered losses do not show as freezes (docs/bench-loss.md).
  for (const kind of ["audio", "video"]) {
    const receiver = current.addTransceiver(kind, { direction: "recvonly" }).receiver as RTCRtpReceiver & { jitterBufferTarget?: number | null };
    if ("jitterBufferTarget" in receiver) receiver.jitterBufferTarget = PLAYER_JITTER_BUFFER_MS;
  }
  const media = new MediaStream();
  video.srcObject = media;
  current.ontrack = (event) => {
    media.addTrack(event.track);
    event.track.onunmute = () => {
      setStatus("player.playing");
      // Projector PCs run kiosk browsers that allow sound without a click; elsewhere stay muted and say so.
      video.muted = false;
      video.play().catch(() => {
        video.muted = true;
        void video.play();
        overlay.hidden = false;
        overlay.textContent = t("player.unmute");
      });
    };
  };
  current.onconnectionstatechange = () => {
    if (current !== peer) return;
    if (current.connectionState === "failed" || current.connectionState === "closed") scheduleReconnect();
  };
  await current.setLocalDescription(await current.createOffer());
  const reply = await fetch(`/whep/${encodeURIComponent(lessonId)}`, {
    method: "POST",
    headers: { "Content-Type": "application/sdp", Authorization: `Bearer ${token}` },
    body: current.localDescription!.sdp,
  });
  if (reply.status === 401 || reply.status === 403) {
    const problem = await reply.json().catch(() => ({}));
    setStatus("player.refused", problem.detail ?? String(reply.status));
    return; // A new token is needed: retrying cannot help.
  }
  if (reply.status !== 201) {
    scheduleReconnect();
    return;
  }
  session = reply.headers.get("Location");
  await current.setRemoteDescription({ type: "answer", sdp: await reply.text() });
  retryDelayMs = 1000;
  setStatus("player.waiting");
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
video.addEventListener("click", () => {
  video.muted = false;
  if (overlay.dataset.state === "player.playing") overlay.hidden = true;
});
addEventListener("pagehide", () => {
  if (session) void fetch(session, { method: "DELETE", headers: { Authorization: `Bearer ${token}` }, keepalive: true });
});
