// Studio page (主讲教室): camera + microphone → RTCPeerConnection → WHIP (RFC 9725) to the relay.
// URL: /studio.html?lesson=L{lead}-{yyyyMMdd}[&simulcast=0]. The join token (with the "publish"
// scope) comes from POST /api/lessons/{id}/join with the teacher's session or the studio device's
// cookie; it is held in memory only and sent in Authorization headers, never in a URL.
// Video goes out as three simulcast layers (rid l/m/h, lowest first; docs/simulcast.md) so the
// relay can give each classroom what its link carries; simulcast=0 sends one stream.
// Courseware (a screen share or a drawn slide; ?courseware=canvas forces the slide) is a second
// video section, offered from the start so sharing can begin and end without renegotiation (WHIP
// has none): its sender carries no track until the teacher shares. Below, the room wall
// (studio-wall.ts): every room's camera and the room on stage.
import { ApiError, api, describe } from "../shared/api.js";
import { applyTexts, languageLinks, registerTexts, t } from "../shared/i18n.js";
import { lessonJoinToken } from "../shared/join.js";
import { openCourseware, type CoursewareSource } from "./courseware-source.js";
import { startWall } from "./studio-wall.js";

registerTexts("zh-CN", {
  "studio.title": "主讲直播",
  "studio.start": "开始直播",
  "studio.stop": "结束直播",
  "studio.idle": "未开始",
  "studio.camera": "正在打开摄像头和麦克风…",
  "studio.connecting": "正在连接中继服务器…",
  "studio.live": "直播中",
  "studio.restarting": "网络中断，正在恢复…",
  "studio.stopped": "直播已结束",
  "studio.missing": "链接缺少课程参数",
  "studio.joining": "正在获取直播授权…",
  "studio.preview": "摄像头预览",
  "teacher.back": "← 返回本周课程",
  "studio.ready": "已获得授权，可以开始直播",
  "studio.notAllowed": "无法进入此课程的直播间：",
  "studio.refused": "服务器拒绝了推流：",
  "studio.share": "共享课件",
  "studio.unshare": "停止共享课件",
  "studio.coursewarePreview": "课件预览",
  "studio.coursewareOff": "未共享课件",
  "studio.slideTitle": "音乐课 · 课件",
  "studio.coursewareFailed": "无法共享课件：",
  "wall.title": "各教室画面",
  "wall.online": "在线",
  "wall.offline": "无画面",
  "wall.onStage": "上台：{name}",
  "wall.roomNumber": "教室 {id}",
});
registerTexts("en", {
  "studio.title": "Studio broadcast",
  "studio.start": "Go live",
  "studio.stop": "End broadcast",
  "studio.idle": "Not started",
  "studio.camera": "Opening camera and microphone…",
  "studio.connecting": "Connecting to the relay…",
  "studio.live": "Live",
  "studio.restarting": "Connection lost, recovering…",
  "studio.stopped": "Broadcast ended",
  "studio.missing": "The link lacks the lesson parameter",
  "studio.joining": "Getting permission to broadcast…",
  "studio.preview": "Camera preview",
  "teacher.back": "← Back to this week's lessons",
  "studio.ready": "Ready: you may go live",
  "studio.notAllowed": "Cannot open this lesson's studio: ",
  "studio.refused": "The server refused the stream: ",
  "studio.share": "Share courseware",
  "studio.unshare": "Stop sharing courseware",
  "studio.coursewarePreview": "Courseware preview",
  "studio.coursewareOff": "No courseware shared",
  "studio.slideTitle": "Music · courseware",
  "studio.coursewareFailed": "Cannot share courseware: ",
  "wall.title": "Rooms",
  "wall.online": "online",
  "wall.offline": "no picture",
  "wall.onStage": "On stage: {name}",
  "wall.roomNumber": "Room {id}",
});

const params = new URLSearchParams(location.search);
const lesson = params.get("lesson") ?? "";
const joinToken = lessonJoinToken(lesson);
let token = "";
const status = document.getElementById("status") as HTMLElement;
const preview = document.getElementById("preview") as HTMLVideoElement;
const startButton = document.getElementById("start") as HTMLButtonElement;
const stopButton = document.getElementById("stop") as HTMLButtonElement;
const shareButton = document.getElementById("share") as HTMLButtonElement;
const coursewarePreview = document.getElementById("courseware") as HTMLVideoElement;
const coursewareBox = document.getElementById("courseware-box") as HTMLElement;

// Lowest first: the relay reads the offer's rid order as layer 0, 1, 2.
const simulcastLayers: RTCRtpEncodingParameters[] = [
  { rid: "l", scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: "m", scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: "h", scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];
const singleLayerBitrate = 1_500_000;
const simulcastWanted = params.get("simulcast") !== "0";
// Lessons are recorded by default; the recorder copies H.264 as it is and must transcode VP8
// (docs/recording.md), so the studio asks for H.264 first, VP8 second. ?h264=0 keeps VP8.
const preferH264 = params.get("h264") !== "0";

let pc: RTCPeerConnection | null = null;
let resource: string | null = null;
let answerSdp = "";
let courseware: CoursewareSource | null = null;
let coursewareSender: RTCRtpSender | null = null;
/** Courseware is text and diagrams: one stream, at most this rate. */
const coursewareBitrate = 1_200_000;

function show(key: string, extra = ""): void {
  status.textContent = t(key) + extra;
  status.dataset.state = key;
}

function headers(contentType: string): HeadersInit {
  return { "Content-Type": contentType, Authorization: `Bearer ${token}` };
}

async function start(): Promise<void> {
  startButton.disabled = true;
  token = await joinToken();
  show("studio.camera");
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: true,
    video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 25 } },
  });
  preview.srcObject = stream;
  pc = new RTCPeerConnection({ bundlePolicy: "max-bundle" });
  let layers = 1;
  for (const track of stream.getTracks()) {
    if (track.kind === "video" && simulcastWanted) {
      layers = addSimulcastVideo(pc, track, stream);
    } else {
      pc.addTransceiver(track, { direction: "sendonly", streams: [stream] });
    }
  }
  status.dataset.layers = String(layers);
  coursewareSender = pc.addTransceiver(courseware?.track ?? "video", {
    direction: "sendonly", sendEncodings: [{ maxBitrate: coursewareBitrate }],
  }).sender;
  if (preferH264) preferH264First(pc);
  pc.onconnectionstatechange = () => {
    if (pc?.connectionState === "connected") show("studio.live");
    if (pc?.connectionState === "failed") void restartIce();
  };
  show("studio.connecting");
  await pc.setLocalDescription(await pc.createOffer());
  const response = await fetch(`/whip/${encodeURIComponent(lesson)}`, { method: "POST", headers: headers("application/sdp"), body: pc.localDescription!.sdp });
  if (response.status !== 201) {
    const problem = await response.json().catch(() => ({ detail: response.statusText }));
    show("studio.refused", problem.detail ?? String(response.status));
    startButton.disabled = false;
    return;
  }
  resource = response.headers.get("Location");
  answerSdp = await response.text();
  await pc.setRemoteDescription({ type: "answer", sdp: answerSdp });
  if (layers > 1 && !/^a=simulcast:/m.test(answerSdp)) {
    // The relay declined simulcast: the browser now sends only the first encoding, which is the
    // quarter-size low layer. Make that one stream full size instead.
    status.dataset.layers = "1";
    await makeSingleLayer(pc);
  }
  stopButton.disabled = false;
}

// H.264 (packetization-mode 1) ahead of the other video codecs on every video section, where the
// browser can send it; the relay takes the publisher's first choice of H.264 and VP8.
function preferH264First(peer: RTCPeerConnection): void {
  const codecs = RTCRtpSender.getCapabilities?.("video")?.codecs ?? [];
  const isH264 = (c: RTCRtpCodec) => c.mimeType.toLowerCase() === "video/h264" && /packetization-mode=1/.test(c.sdpFmtpLine ?? "");
  if (!codecs.some(isH264)) return;
  const ordered = [...codecs.filter(isH264), ...codecs.filter((c) => !isH264(c))];
  for (const transceiver of peer.getTransceivers()) {
    if (transceiver.sender.track?.kind === "audio" || transceiver.receiver.track.kind !== "video") continue;
    try {
      transceiver.setCodecPreferences(ordered);
    } catch (e) {
      console.warn("codec preferences refused, the browser's order stays", e);
    }
  }
}

// Three encodings of one camera track. Returns how many the browser accepted; a browser that
// refuses simulcast (throws, or keeps fewer encodings) gets one full-size stream instead.
function addSimulcastVideo(peer: RTCPeerConnection, track: MediaStreamTrack, stream: MediaStream): number {
  try {
    const transceiver = peer.addTransceiver(track, { direction: "sendonly", streams: [stream], sendEncodings: simulcastLayers });
    const accepted = transceiver.sender.getParameters().encodings?.length ?? 0;
    if (accepted === simulcastLayers.length) return accepted;
    peer.removeTrack(transceiver.sender);
    transceiver.stop();
  } catch (e) {
    console.warn("simulcast refused, sending one stream", e);
  }
  peer.addTransceiver(track, { direction: "sendonly", streams: [stream], sendEncodings: [{ maxBitrate: singleLayerBitrate }] });
  return 1;
}

async function makeSingleLayer(peer: RTCPeerConnection): Promise<void> {
  for (const sender of peer.getSenders()) {
    if (sender.track?.kind !== "video" || sender === coursewareSender) continue;
    const parameters = sender.getParameters();
    if (!parameters.encodings?.length) continue;
    parameters.encodings = parameters.encodings.map((encoding, i) =>
      i === 0 ? { ...encoding, scaleResolutionDownBy: 1, maxBitrate: singleLayerBitrate } : encoding);
    await sender.setParameters(parameters).catch((e) => console.warn("could not resize the single stream", e));
  }
}

// ICE restart through PATCH (RFC 9725 §4.4.1): send our new ufrag/pwd, apply the relay's new ones.
async function restartIce(): Promise<void> {
  if (!pc || !resource) return;
  show("studio.restarting");
  const offer = await pc.createOffer({ iceRestart: true });
  await pc.setLocalDescription(offer);
  const ufrag = /a=ice-ufrag:(.*)/.exec(offer.sdp ?? "")?.[1]?.trim();
  const pwd = /a=ice-pwd:(.*)/.exec(offer.sdp ?? "")?.[1]?.trim();
  const response = await fetch(resource, { method: "PATCH", headers: { ...headers("application/trickle-ice-sdpfrag"), "If-Match": "*" }, body: `a=ice-ufrag:${ufrag}\r\na=ice-pwd:${pwd}\r\n` });
  if (response.status !== 200) return;
  const fragment = await response.text();
  const newUfrag = /a=ice-ufrag:(.*)/.exec(fragment)?.[1]?.trim() ?? "";
  const newPwd = /a=ice-pwd:(.*)/.exec(fragment)?.[1]?.trim() ?? "";
  answerSdp = answerSdp.replace(/a=ice-ufrag:.*\r\n/g, `a=ice-ufrag:${newUfrag}\r\n`).replace(/a=ice-pwd:.*\r\n/g, `a=ice-pwd:${newPwd}\r\n`);
  await pc.setRemoteDescription({ type: "answer", sdp: answerSdp });
}

async function stop(): Promise<void> {
  stopButton.disabled = true;
  if (resource) await fetch(resource, { method: "DELETE", headers: headers("text/plain") }).catch(() => undefined);
  pc?.getSenders().forEach((s) => { if (s !== coursewareSender) s.track?.stop(); });
  pc?.close();
  pc = null;
  coursewareSender = null;
  resource = null;
  show("studio.stopped");
  startButton.disabled = false;
}

// Share or stop courseware; while live the second section's sender takes or drops the track.
async function toggleCourseware(): Promise<void> {
  shareButton.disabled = true;
  try {
    if (courseware) {
      courseware.stop();
      courseware = null;
    } else {
      courseware = await openCourseware(params.get("courseware") === "canvas", t("studio.slideTitle"));
      // The browser's own "stop sharing" bar ends the track: treat it as the button.
      if (courseware) courseware.track.addEventListener("ended", () => { if (courseware) void toggleCourseware(); });
    }
    await coursewareSender?.replaceTrack(courseware?.track ?? null);
  } catch (e) {
    courseware = null;
    status.textContent = t("studio.coursewareFailed") + describe(e);
  } finally {
    coursewarePreview.srcObject = courseware ? new MediaStream([courseware.track]) : null;
    coursewareBox.dataset.state = courseware ? courseware.kind : "off";
    shareButton.textContent = t(courseware ? "studio.unshare" : "studio.share");
    shareButton.setAttribute("aria-pressed", String(courseware !== null));
    shareButton.disabled = false;
  }
}

/** Paired rooms' names by classroom id, from the teacher's own lessons; null when not readable (a studio device). */
async function lessonRooms(): Promise<Map<number, string> | null> {
  interface MyLesson { lessonId: string; rooms: { classroomId: number; classroomName: string; schoolName: string }[] }
  try {
    const lessons = await api<MyLesson[]>("/api/me/lessons", { signInOn401: false });
    const mine = lessons.find((l) => l.lessonId === lesson);
    return mine ? new Map(mine.rooms.map((r) => [r.classroomId, `${r.schoolName} ${r.classroomName}`])) : null;
  } catch {
    return null;
  }
}

applyTexts();
languageLinks();
startButton.disabled = true;
if (!lesson) {
  show("studio.missing");
} else {
  // Ask at once, so a refusal (not this lesson's teacher, not signed in) shows before anyone clicks.
  show("studio.joining");
  joinToken().then((t0) => { token = t0; show("studio.ready"); startButton.disabled = false; })
    .catch((e: unknown) => show("studio.notAllowed", e instanceof ApiError ? describe(e) : String(e)));
  // The wall needs only the join token (its "play" scope); it runs before and after going live.
  void joinToken().then(async () => {
    const wall = startWall({ lesson, joinToken, rooms: await lessonRooms(), grid: document.getElementById("wall")!, stage: document.getElementById("stage")! });
    addEventListener("pagehide", () => wall.stop());
  }).catch(() => undefined);
}
shareButton.addEventListener("click", () => void toggleCourseware());
startButton.addEventListener("click", () => void start().catch((e: unknown) => { show("studio.refused", describe(e)); startButton.disabled = false; }));
stopButton.addEventListener("click", () => void stop());
// Leaving or reloading the page is not the end of the lesson: ?leave=1 tells the relay, which
// then keeps the recording open for the studio to come back (docs/recording.md).
addEventListener("pagehide", () => {
  if (resource) void fetch(`${resource}?leave=1`, { method: "DELETE", headers: headers("text/plain"), keepalive: true });
});
