// The classroom's HLS fallback (issue 11 "HLS fallback for a classroom that cannot do WebRTC at
// all"; docs/replay.md "Live HLS"): when this browser has no RTCPeerConnection, or with ?hls=1,
// the kiosk plays the lesson's live recording playlist with hls.js and shows how far it is behind
// the live edge. hls.js (light build, an ES module copied to /vendor by scripts/copy-static.mjs)
// is loaded only here, so kiosks that do WebRTC never fetch it.
import { ApiError, api, describe } from "../shared/api.js";
import { fill, registerTexts, t } from "../shared/i18n.js";
import { type HlsEdgeSource, liveDelaySeconds, liveEdgeSeconds } from "../shared/live-delay.js";

registerTexts("zh-CN", {
  "hls.title": "直播画面（HLS 备用线路）",
  "hls.why.flag": "已按地址参数使用 HLS 备用线路。",
  "hls.why.noWebrtc": "此浏览器不支持实时连接（WebRTC），改用 HLS 备用线路。",
  "hls.waiting": "等待直播录像开始…",
  "hls.delay": "比实时画面晚约 {seconds} 秒",
  "hls.delayUnknown": "正在计算延迟…",
  "hls.soundOn": "开启声音",
  "hls.failed": "HLS 播放出错：{reason}",
});
registerTexts("en", {
  "hls.title": "Live picture (HLS fallback)",
  "hls.why.flag": "Using the HLS fallback as the address asks.",
  "hls.why.noWebrtc": "This browser cannot do live connections (WebRTC); using the HLS fallback.",
  "hls.waiting": "Waiting for the lesson's live recording…",
  "hls.delay": "About {seconds} s behind live",
  "hls.delayUnknown": "Measuring the delay…",
  "hls.soundOn": "Turn sound on",
  "hls.failed": "HLS playback failed: {reason}",
});

interface PlayGrant { url: string; state: string; expiresAt: string }
interface HlsInstance extends HlsEdgeSource {
  loadSource(url: string): void;
  attachMedia(video: HTMLMediaElement): void;
  on(event: string, handler: (event: string, data: { fatal?: boolean; type?: string; details?: string }) => void): void;
  destroy(): void;
}
interface HlsModule { default: { new (config: Record<string, unknown>): HlsInstance; isSupported(): boolean; Events: Record<string, string> } }

const HLS_MODULE = "/vendor/hls.light.min.mjs";

/** Why the fallback is used, or null when the kiosk should use WebRTC. */
export function hlsFallbackReason(search: string = location.search, hasWebRtc: boolean = typeof RTCPeerConnection === "function"): "flag" | "noWebrtc" | null {
  if (new URLSearchParams(search).get("hls") === "1") return "flag";
  return hasWebRtc ? null : "noWebrtc";
}

/** Shows the video area and plays the live HLS of the lesson; returns at once (runs until the page closes). */
export async function startHlsFallback(lessonId: string, joinToken: () => Promise<string>, area: HTMLElement, reason: "flag" | "noWebrtc"): Promise<void> {
  const video = area.querySelector("video")!;
  const status = area.querySelector<HTMLElement>("[data-hls-status]")!;
  const delay = area.querySelector<HTMLElement>("[data-hls-delay]")!;
  const sound = area.querySelector<HTMLButtonElement>("[data-hls-sound]")!;
  area.hidden = false;
  area.querySelector<HTMLElement>("[data-hls-why]")!.textContent = t("hls.why." + reason);
  status.textContent = t("hls.waiting");

  // The lesson's recording may start a little after the room joins: ask until there is one.
  let grant: PlayGrant | null = null;
  while (!grant) {
    try {
      grant = await api<PlayGrant>(`/api/lessons/${encodeURIComponent(lessonId)}/live-hls`, {
        method: "POST", signInOn401: false, headers: { Authorization: "Bearer " + (await joinToken()) },
      });
    } catch (e) {
      if (!(e instanceof ApiError && e.code === "not_recording")) status.textContent = describe(e);
      await new Promise((r) => setTimeout(r, 5_000));
    }
  }

  const { default: Hls } = (await import(HLS_MODULE)) as HlsModule;
  let hls: HlsInstance | null = null;
  if (Hls.isSupported()) {
    // No worker: the pages' CSP refuses blob: workers.
    hls = new Hls({ enableWorker: false, liveSyncDurationCount: 3, lowLatencyMode: false });
    hls.on(Hls.Events.ERROR, (_e, data) => { if (data.fatal) status.textContent = fill(t("hls.failed"), { reason: `${data.type}: ${data.details}` }); });
    hls.loadSource(grant.url);
    hls.attachMedia(video);
  } else {
    video.src = grant.url;
  }
  status.textContent = "";

  // Sound needs a gesture unless the kiosk's browser allows autoplay (docs/pages.md): try with
  // sound, else play muted and offer one large button.
  const start = () => video.play().catch(() => {
    video.muted = true;
    sound.hidden = false;
    return video.play().catch(() => undefined);
  });
  sound.addEventListener("click", () => {
    video.muted = false;
    sound.hidden = true;
    void video.play().catch(() => undefined);
  });
  video.addEventListener("loadedmetadata", () => void start(), { once: true });

  setInterval(() => {
    const edge = liveEdgeSeconds(hls, video);
    const seconds = video.currentTime > 0 ? liveDelaySeconds(edge, video.currentTime) : null;
    delay.textContent = seconds === null ? t("hls.delayUnknown") : fill(t("hls.delay"), { seconds: seconds.toFixed(1) });
    delay.dataset.seconds = seconds === null ? "" : String(seconds);
  }, 1000);
}
