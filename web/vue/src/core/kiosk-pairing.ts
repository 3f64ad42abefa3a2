// The projector PC's enrolment (docs/access.md "Devices"; ported from the plain kiosk's
// kiosk-pairing.ts): until an admin types the code shown, the kiosk has no credential. The page
// polls every 3 s with a secret only it holds and asks for a new code when one expires. The
// server answers the enrolled claim with the device's HttpOnly cookie, so the credential never
// reaches this script. Framework-free: the screen is told through callbacks.
import { ApiError, api, forgetSession } from "../../../src/shared/api";

interface Pairing { pairingId: number; code: string; pollSecret: string; expiresAt: string }

export interface PairingScreen {
  code(code: string): void;
  /** A status key under kiosk.pair (expires, renewed, offline, done) with its values. */
  status(key: string, values?: Record<string, string>): void;
}

export const POLL_MS = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A one-time claim link (the demo printout: /vue/kiosk.html#claim={pairingId}.{pollSecret}) is a
 * pairing an admin already approved: claim once and take the link out of the address bar and
 * history at once. Returns false when the claim was refused, true when claimed, null without a link.
 */
export async function adoptFromFragment(): Promise<boolean | null> {
  const claim = new URLSearchParams(location.hash.slice(1)).get("claim");
  if (!claim) return null;
  history.replaceState(null, "", location.pathname + location.search);
  const [pairingId, pollSecret] = claim.split(".");
  try {
    await api(`/api/devices/pairing/${encodeURIComponent(pairingId ?? "")}/claim`, { method: "POST", signInOn401: false, json: { pollSecret } });
    forgetSession();
    return true;
  } catch {
    return false;
  }
}

/** The enrolled device's own record (GET /api/device): a classroom PC or a studio PC (录播主机) of one studio. */
export interface EnrolledDevice { id: number; kind: "classroom" | "studio" | string; studioId: number | null; classroomId: number | null }

/** This PC's device record, or null when it is not enrolled (401: no credential; 403: a person's session, not a device). */
export async function enrolledDevice(): Promise<EnrolledDevice | null> {
  try {
    return await api<EnrolledDevice>("/api/device", { signInOn401: false });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return null;
    throw e;
  }
}

/** Is this PC an enrolled device? (401: no credential; 403: a person's session, not a device.) */
export async function isEnrolledDevice(): Promise<boolean> {
  return (await enrolledDevice()) !== null;
}

/** Shows pairing codes until an admin enrols this PC; resolves once the device cookie is set. */
export async function pairUntilEnrolled(screen: PairingScreen, locale: string): Promise<void> {
  let renewed = false;
  for (;;) {
    let pairing: Pairing;
    try {
      pairing = await api<Pairing>("/api/devices/pairing", { method: "POST", signInOn401: false, json: { kind: "classroom" } });
    } catch (e) {
      screen.status("offline");
      await sleep(e instanceof ApiError && e.status === 429 ? 30_000 : 5_000);
      continue;
    }
    screen.code(pairing.code);
    const time = new Date(pairing.expiresAt).toLocaleTimeString(locale, { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" });
    screen.status(renewed ? "renewed" : "expires", { time });
    if (await poll(pairing, screen) === "enrolled") {
      screen.status("done");
      forgetSession(); // the antiforgery token is bound to the identity, which is now this device
      return;
    }
    renewed = true;
  }
}

async function poll(pairing: Pairing, screen: PairingScreen): Promise<"enrolled" | "expired"> {
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
      else if (!(e instanceof ApiError) || e.status === 0) screen.status("offline");
    }
  }
}
