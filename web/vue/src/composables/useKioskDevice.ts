// The kiosk's device side (docs/kiosk.md): enrolment with a pairing code on first use, the sound
// unlock click that ends it, then GET /api/device/lesson polled until the room's lesson is
// joinable (the idle screen with the next lesson and a countdown in server time). Gives the
// lesson's join token, renewed before it expires.
import { computed, onBeforeUnmount, ref, shallowRef } from "vue";
import { ApiError, api, describe } from "../../../src/shared/api";
import { adoptFromFragment, enrolledDevice, pairUntilEnrolled } from "../core/kiosk-pairing";
import { joinableLesson, nextPollDelayMs, serverOffsetMs, tokenNeedsRenewal, type DeviceLesson, type KioskLesson } from "../core/kiosk-schedule";

/** "studio": an enrolled studio PC (录播主机) shows its studio's day instead (KioskStudio, docs/kiosk.md "Studio PC"). */
export type DevicePhase = "starting" | "pairing" | "unlock" | "idle" | "lesson" | "studio";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function useKioskDevice(locale: () => string) {
  const phase = ref<DevicePhase>("starting");
  const pairingCode = ref("");
  const pairingStatus = ref<{ key: string; values: Record<string, string> }>({ key: "", values: {} });
  const state = shallowRef<DeviceLesson | null>(null);
  const lesson = shallowRef<KioskLesson | null>(null);
  const error = ref("");
  const offsetMs = ref(0);
  const nowMs = ref(Date.now());
  let unlocked: (() => void) | null = null;
  const ticker = setInterval(() => { nowMs.value = Date.now(); }, 1000);
  onBeforeUnmount(() => clearInterval(ticker));

  /** The server's time now (the kiosk's clock may be wrong; the timetable is the server's). */
  const serverNow = computed(() => nowMs.value + offsetMs.value);

  async function read(): Promise<DeviceLesson> {
    const s = await api<DeviceLesson>("/api/device/lesson", { signInOn401: false });
    offsetMs.value = serverOffsetMs(s.now, Date.now());
    state.value = s;
    document.title = `${s.className} · ${s.schoolName}`;
    return s;
  }

  /** The current lesson's join token, asked again when it nears expiry (the hub, WHEP and WHIP all use it). */
  async function joinToken(): Promise<string> {
    const current = lesson.value;
    if (!current) throw new Error("no lesson");
    if (tokenNeedsRenewal(current, Date.now(), offsetMs.value)) {
      const s = await read();
      if (s.current?.lessonId === current.lessonId && s.current.token) lesson.value = s.current;
    }
    return lesson.value?.token ?? "";
  }

  /** Enrolment, the sound unlock after a fresh enrolment, then waiting until the lesson is joinable. */
  async function start(): Promise<void> {
    const adopted = await adoptFromFragment();
    if (adopted === false) pairingStatus.value = { key: "adoptFailed", values: {} };
    let paired = false;
    let studio = false;
    for (;;) {
      let enrolled = false;
      try {
        const device = await enrolledDevice();
        enrolled = device !== null;
        studio = device?.kind === "studio";
      } catch (e) {
        error.value = describe(e); // offline at boot: keep trying, the kiosk recovers by itself
        await sleep(5000);
        continue;
      }
      if (enrolled) break;
      phase.value = "pairing";
      await pairUntilEnrolled({
        code: (c) => { pairingCode.value = c; },
        status: (key, values = {}) => { pairingStatus.value = { key, values }; },
      }, locale());
      paired = true;
    }
    error.value = "";
    if (studio) {
      // A studio PC has no classroom lesson and plays no sound: its screen polls its studio's day itself.
      phase.value = "studio";
      return;
    }
    if (paired || adopted) {
      // The enrolment ends with a click: this page may then start sound by itself (docs/kiosk.md).
      await read().catch(() => undefined);
      phase.value = "unlock";
      await new Promise<void>((resolve) => { unlocked = resolve; });
    }
    phase.value = "idle";
    await waitForLesson();
  }

  /** Called by the unlock button's click (a user gesture: audio started in it unlocks this page). */
  function unlock(): void {
    try {
      const AudioCtx = window.AudioContext;
      const ctx = new AudioCtx();
      void ctx.resume().then(() => ctx.close()).catch(() => undefined);
    } catch { /* no Web Audio: the click itself is the gesture */ }
    unlocked?.();
    unlocked = null;
  }

  async function waitForLesson(): Promise<void> {
    for (;;) {
      try {
        const s = await read();
        error.value = "";
        const joinable = joinableLesson(s);
        if (joinable) {
          lesson.value = joinable;
          phase.value = "lesson";
          return;
        }
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
          // A revoked device: start over at the pairing screen.
          error.value = describe(e);
          setTimeout(() => location.reload(), 5000);
          return;
        }
        error.value = describe(e);
      }
      await sleep(nextPollDelayMs(state.value, Date.now() + offsetMs.value));
    }
  }

  /** After the lesson's end: back to the idle screen for the next one. */
  async function lessonEnded(): Promise<void> {
    lesson.value = null;
    phase.value = "idle";
    await waitForLesson();
  }

  return { phase, pairingCode, pairingStatus, state, lesson, error, serverNow, start, unlock, joinToken, lessonEnded };
}
