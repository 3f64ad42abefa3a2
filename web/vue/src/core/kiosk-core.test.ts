// The kiosk's framework-free logic: timetable, quiz drafts, the fallback ladder, the lesson view.
import { describe, expect, it } from "vitest";
import { FallbackLadder, lossBetween, offerFor, type LinkSample } from "./kiosk-ladder";
import { cleanCounts, currentQuiz, mergeQuizDrafts, type KioskQuiz } from "./kiosk-quiz";
import { countdown, EARLY_JOIN_MS, FAST_POLL_MS, joinableLesson, nextPollDelayMs, serverOffsetMs, showCountdown, SLOW_POLL_MS, tokenNeedsRenewal, type DeviceLesson, type KioskLesson } from "./kiosk-schedule";
import { applyIceRestart, iceRestartFragment, layoutOf, pictureOf, type Picture } from "./lesson-view";

const lesson = (startsAt: string, token: string | null = null): KioskLesson => ({
  lessonId: "L1-20261123", subject: "音乐", grade: 3, teacherName: "王芳", leadSchoolName: "城关小学",
  startsAt, endsAt: "2026-11-23T02:40:00Z", token, tokenExpiresAt: token ? "2026-11-23T03:00:00Z" : null,
});
const state = (next: KioskLesson | null, current: KioskLesson | null = null): DeviceLesson => ({
  classroomId: 7, className: "三年级1班", schoolId: 2, schoolName: "石门小学", now: "2026-11-23T01:40:00Z", current, next,
});

describe("kiosk schedule", () => {
  const start = "2026-11-23T02:00:00Z";
  const startMs = Date.parse(start);
  it("asks slowly while the lesson is far", () => expect(nextPollDelayMs(state(lesson(start)), startMs - 3600_000)).toBe(SLOW_POLL_MS));
  it("asks every 5 s in the two minutes before the joining window", () => {
    expect(nextPollDelayMs(state(lesson(start)), startMs - EARLY_JOIN_MS - 90_000)).toBe(FAST_POLL_MS);
    expect(nextPollDelayMs(state(lesson(start)), startMs - EARLY_JOIN_MS + 1000)).toBe(FAST_POLL_MS);
  });
  it("wakes in time for the fast phase", () => expect(nextPollDelayMs(state(lesson(start)), startMs - EARLY_JOIN_MS - 130_000)).toBe(FAST_POLL_MS * 2));
  it("asks slowly with no lesson at all", () => expect(nextPollDelayMs(state(null), startMs)).toBe(SLOW_POLL_MS));
  it("joins only a current lesson with a token", () => {
    expect(joinableLesson(state(lesson(start)))).toBeNull();
    expect(joinableLesson(state(null, lesson(start, "tok")))?.token).toBe("tok");
    expect(joinableLesson(null)).toBeNull();
  });
  it("formats the countdown", () => {
    expect(countdown(65_000)).toBe("01:05");
    expect(countdown(3600_000 + 61_000)).toBe("1:01:01");
    expect(countdown(-5)).toBe("00:00");
  });
  it("shows a countdown within a day only", () => {
    expect(showCountdown(startMs, startMs - 1000)).toBe(true);
    expect(showCountdown(startMs, startMs - 25 * 3600_000)).toBe(false);
    expect(showCountdown(startMs, startMs + 1)).toBe(false);
  });
  it("takes the server's clock", () => {
    expect(serverOffsetMs("2026-11-23T01:40:00Z", Date.parse("2026-11-23T01:39:00Z"))).toBe(60_000);
    expect(serverOffsetMs("nonsense", 5)).toBe(0);
  });
  it("renews the token a minute before it expires, in server time", () => {
    const l = lesson(start, "tok");
    const expires = Date.parse(l.tokenExpiresAt!);
    expect(tokenNeedsRenewal(l, expires - 120_000, 0)).toBe(false);
    expect(tokenNeedsRenewal(l, expires - 120_000, 90_000)).toBe(true);
    expect(tokenNeedsRenewal(lesson(start), 0, 0)).toBe(true);
  });
});

describe("quiz drafts", () => {
  const quiz = (id: string, open = true): KioskQuiz => ({ id, prompt: "1+1?", options: ["1", "2", "3"], open });
  it("keeps typed counts when the lesson state is read again (another room asked a question)", () => {
    let drafts = mergeQuizDrafts({}, [quiz("a")]);
    drafts.a.counts[1] = 17;
    const typed = drafts.a;
    drafts = mergeQuizDrafts(drafts, [quiz("a")]);
    expect(drafts.a).toBe(typed);
    expect(drafts.a.counts).toEqual([0, 17, 0]);
  });
  it("adds a draft for a new quiz and drops closed ones", () => {
    const drafts = mergeQuizDrafts(mergeQuizDrafts({}, [quiz("a")]), [quiz("a", false), quiz("b")]);
    expect(Object.keys(drafts)).toEqual(["b"]);
    expect(drafts.b).toEqual({ counts: [0, 0, 0], sent: false });
  });
  it("shows the latest open quiz", () => {
    expect(currentQuiz([quiz("a"), quiz("b"), quiz("c", false)])?.id).toBe("b");
    expect(currentQuiz([quiz("a", false)])).toBeNull();
  });
  it("cleans counts", () => expect(cleanCounts([3, "4", "", null, -2, 2.7, "x"])).toEqual([3, 4, 0, 0, 0, 2, 0]));
});

describe("fallback ladder", () => {
  const good: LinkSample = { loss: 0, fps: 25, connected: true };
  const lossy: LinkSample = { loss: 0.2, fps: 25, connected: true };
  const frozen: LinkSample = { loss: 0, fps: 1, connected: true };
  const run = (ladder: FallbackLadder, sample: LinkSample, n: number) => { const steps = []; for (let i = 0; i < n; i++) { const s = ladder.push(sample); if (s) steps.push(s); } return steps; };
  it("steps down after 8 bad seconds in a row, one rung at a time", () => {
    const ladder = new FallbackLadder();
    expect(run(ladder, lossy, 7)).toEqual([]);
    expect(run(ladder, lossy, 1)).toEqual(["low"]);
    expect(run(ladder, lossy, 8)).toEqual(["audio"]);
    expect(run(ladder, lossy, 8)).toEqual(["hls"]);
    expect(run(ladder, lossy, 100)).toEqual([]);
  });
  it("a good second resets the bad run", () => {
    const ladder = new FallbackLadder();
    run(ladder, frozen, 7);
    run(ladder, good, 1);
    expect(run(ladder, frozen, 7)).toEqual([]);
  });
  it("audio only ignores the picture but not the loss", () => {
    const ladder = new FallbackLadder("audio");
    expect(run(ladder, { loss: 0, fps: 0, connected: true }, 20)).toEqual([]);
    expect(run(ladder, { ...lossy, fps: null }, 8)).toEqual(["hls"]);
  });
  it("steps back up after a minute of good seconds, never from HLS", () => {
    const ladder = new FallbackLadder("audio");
    expect(run(ladder, good, 60)).toEqual(["low"]);
    expect(run(ladder, good, 60)).toEqual(["full"]);
    expect(run(ladder, good, 100)).toEqual([]);
    expect(run(new FallbackLadder("hls"), good, 100)).toEqual([]);
  });
  it("does not walk down for a 10-s cut: silent seconds before ICE notices and the gap counted lost on resuming are not judged", () => {
    // As KioskRecoveryTests saw it in Chromium: ~6 s "connected" with nothing arriving (fps 0), the
    // drop (no samples), then the gap's packets counted lost at once and a second or two without a
    // keyframe. Judged as before, that made 8 bad seconds: the room fell to the low layer after a cut.
    const ladder = new FallbackLadder();
    const silent: LinkSample = { loss: 0, fps: 0, connected: true, received: 0 };
    expect(run(ladder, silent, 6)).toEqual([]);
    ladder.resumed();
    expect(run(ladder, { loss: 0.9, fps: 0, connected: true, received: 60 }, 1)).toEqual([]);
    expect(run(ladder, { loss: 0, fps: 2, connected: true, received: 60 }, 2)).toEqual([]);
    expect(run(ladder, { ...good, received: 60 }, 1)).toEqual([]);
    expect(ladder.rung).toBe("full");
  });
  it("still steps down on a poor link that keeps dropping: bad seconds with packets count across a drop", () => {
    const ladder = new FallbackLadder();
    const poor: LinkSample = { loss: 0.2, fps: 3, connected: true, received: 40 };
    expect(run(ladder, poor, 5)).toEqual([]);
    ladder.resumed();
    expect(run(ladder, poor, 3)).toEqual([]); // the grace
    expect(run(ladder, poor, 3)).toEqual(["low"]);
  });
  it("a forced step goes one rung down", () => {
    const ladder = new FallbackLadder();
    expect(ladder.stepDown()).toBe("low");
    expect(ladder.stepDown()).toBe("audio");
    expect(ladder.stepDown()).toBe("hls");
    expect(ladder.stepDown()).toBeNull();
  });
  it("offers what each rung plays", () => {
    expect(offerFor("full")).toEqual({ audio: 2, video: 3, query: "" });
    expect(offerFor("low").query).toBe("?maxLayer=low");
    expect(offerFor("audio").video).toBe(0);
  });
  it("measures loss between readings", () => {
    expect(lossBetween({ received: 100, lost: 0 }, { received: 190, lost: 10 })).toBeCloseTo(0.1);
    expect(lossBetween({ received: 5, lost: 1 }, { received: 5, lost: 1 })).toBe(0);
  });
});

describe("lesson view", () => {
  const set = (...p: Picture[]) => new Set<Picture>(p);
  it("names sections by the relay's labels", () => {
    expect(pictureOf("studio camera")).toBe("camera");
    expect(pictureOf("studio courseware")).toBe("courseware");
    expect(pictureOf("stage video")).toBe("stage");
    expect(pictureOf("studio audio")).toBeNull();
  });
  it("puts courseware large and the camera small, swappable", () => {
    expect(layoutOf(set("camera", "courseware"), false)).toEqual({ large: "courseware", small: "camera", stage: false, canSwap: true });
    expect(layoutOf(set("camera", "courseware", "stage"), true)).toEqual({ large: "camera", small: "courseware", stage: true, canSwap: true });
  });
  it("shows the camera large without courseware", () => {
    expect(layoutOf(set("camera"), true)).toEqual({ large: "camera", small: null, stage: false, canSwap: false });
    expect(layoutOf(set(), false).large).toBe("camera");
  });
  it("builds and applies the ICE restart fragments", () => {
    expect(iceRestartFragment("v=0\r\na=ice-ufrag:abcd\r\na=ice-pwd:secretsecret\r\n")).toBe("a=ice-ufrag:abcd\r\na=ice-pwd:secretsecret\r\n");
    expect(iceRestartFragment("v=0\r\n")).toBeNull();
    const answer = "v=0\r\nm=audio\r\na=ice-ufrag:old\r\na=ice-pwd:oldpwd\r\nm=video\r\na=ice-ufrag:old\r\na=ice-pwd:oldpwd\r\n";
    expect(applyIceRestart(answer, "a=ice-ufrag:new\r\na=ice-pwd:newpwd\r\n")).toBe(answer.replace(/old\r/g, "new\r").replace(/oldpwd/g, "newpwd"));
    expect(applyIceRestart(answer, "")).toBeNull();
  });
});
