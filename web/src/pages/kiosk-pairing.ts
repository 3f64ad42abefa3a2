// The projector PC's enrolment: until an admin types the code shown here, the kiosk has no
// credential. The code is large enough to read from the door; the page polls every 3 s with a
// secret only it holds, and asks for a new code when one expires. The server answers the
// enrolled claim with the device's HttpOnly cookie, so the credential never reaches this script.
import { ApiError, api, forgetSession } from "../shared/api.js";
import { registerTexts, t } from "../shared/i18n.js";

registerTexts("zh-CN", {
  "kiosk.pairTitle": "登记这台教室电脑",
  "kiosk.pairHelp": "请学校管理员在 教务管理 → 设备 中输入此代码",
  "kiosk.pairExpires": "代码有效至 {time}，过期后自动更换",
  "kiosk.pairNew": "代码已过期，已换新代码",
  "kiosk.pairOffline": "无法连接服务器，正在重试…",
  "kiosk.pairDone": "登记完成",
  "kiosk.adoptFailed": "链接中的设备凭据无效或已吊销，请重新配对。",
});
registerTexts("en", {
  "kiosk.pairTitle": "Enrol this classroom PC",
  "kiosk.pairHelp": "Ask a school admin to enter this code in Administration → Devices",
  "kiosk.pairExpires": "The code is valid until {time}; a new one appears after that",
  "kiosk.pairNew": "The code expired; here is a new one",
  "kiosk.pairOffline": "Cannot reach the server; retrying…",
  "kiosk.pairDone": "Enrolled",
  "kiosk.adoptFailed": "The device credential in the link is unknown or revoked; pair again.",
});

interface Pairing { pairingId: number; code: string; pollSecret: string; expiresAt: string }

const POLL_MS = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A one-time claim link (the demo printout: /classroom.html#claim={pairingId}.{pollSecret}) is a
 * pairing an admin already approved: claim the device's credential once (the server answers with
 * the HttpOnly cookie; the credential never rides in a URL) and take the link out of the address
 * bar and history at once. Returns a message when the claim was refused.
 */
export async function adoptFromFragment(): Promise<string | null> {
  const claim = new URLSearchParams(location.hash.slice(1)).get("claim");
  if (!claim) return null;
  history.replaceState(null, "", location.pathname + location.search);
  const [pairingId, pollSecret] = claim.split(".");
  try {
    await api(`/api/devices/pairing/${encodeURIComponent(pairingId ?? "")}/claim`, { method: "POST", signInOn401: false, json: { pollSecret } });
    forgetSession();
    return null;
  } catch {
    return t("kiosk.adoptFailed");
  }
}

/** Shows the pairing screen until an admin enrols this PC; resolves once the device cookie is set. */
export async function pairUntilEnrolled(screen: { code: HTMLElement; status: HTMLElement }): Promise<void> {
  let note = "";
  for (;;) {
    let pairing: Pairing;
    try {
      pairing = await api<Pairing>("/api/devices/pairing", { method: "POST", signInOn401: false, json: { kind: "classroom" } });
    } catch (e) {
      screen.status.textContent = t("kiosk.pairOffline");
      await sleep(e instanceof ApiError && e.status === 429 ? 30_000 : 5_000);
      continue;
    }
    screen.code.textContent = pairing.code;
    const until = new Date(pairing.expiresAt).toLocaleTimeString(document.documentElement.lang, { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" });
    screen.status.textContent = (note ? note + " · " : "") + t("kiosk.pairExpires").replace("{time}", until);
    const outcome = await poll(pairing, screen);
    if (outcome === "enrolled") {
      screen.status.textContent = t("kiosk.pairDone");
      forgetSession(); // the antiforgery token is bound to the identity, which is now this device
      return;
    }
    note = t("kiosk.pairNew");
  }
}

async function poll(pairing: Pairing, screen: { status: HTMLElement }): Promise<"enrolled" | "expired"> {
  for (;;) {
    await sleep(POLL_MS);
    try {
      const reply = await api<{ state: string }>(`/api/devices/pairing/${pairing.pairingId}/claim`, {
        method: "POST", signInOn401: false, json: { pollSecret: pairing.pollSecret },
      });
      if (reply.state === "enrolled") return "enrolled";
    } catch (e) {
      if (e instanceof ApiError && (e.status === 410 || e.status === 404)) return "expired";
      if (e instanceof ApiError && e.status === 429) await sleep(10_000);
      else if (!(e instanceof ApiError) || e.status === 0) screen.status.textContent = t("kiosk.pairOffline");
    }
  }
}
