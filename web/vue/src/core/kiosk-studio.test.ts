// The studio PC's screen logic (docs/kiosk.md "Studio PC").
import { describe, expect, it } from "vitest";
import { AFTER_BELL_MS, bellTimes, consoleUrl, focusLesson, lessonState, retryDelayMs, STUDIO_MIN_POLL_MS, STUDIO_POLL_MS, studioPollDelayMs, type StudioDay, type StudioDayLesson } from "./kiosk-studio";

const lesson = (id: string, startsAt: string, endsAt: string): StudioDayLesson => ({
  lessonId: id, periodName: "第3节", subject: "音乐", grade: 3, teacherName: "王芳", startsAt, endsAt, pairedRooms: 4, oneDate: false, status: "upcoming",
});
const day: StudioDay = {
  studioId: 1, studioName: "录播室一", schoolId: 1, schoolName: "城关小学", date: "2026-11-23", now: "2026-11-23T00:00:00Z", nextDate: "2026-11-25", timeZone: "Asia/Shanghai",
  lessons: [
    lesson("L1-20261123", "2026-11-23T00:00:00Z", "2026-11-23T00:40:00Z"),
    lesson("L2-20261123", "2026-11-23T02:00:00Z", "2026-11-23T02:40:00Z"),
  ],
};
const at = (iso: string) => Date.parse(iso);

describe("studio PC screen", () => {
  it("tells a lesson's state by the bells", () => {
    expect(lessonState(day.lessons[0], at("2026-11-22T23:59:59Z"))).toBe("upcoming");
    expect(lessonState(day.lessons[0], at("2026-11-23T00:00:00Z"))).toBe("live");
    expect(lessonState(day.lessons[0], at("2026-11-23T00:40:00Z"))).toBe("ended");
  });
  it("shows the current lesson, else the next today, else none", () => {
    expect(focusLesson(day, at("2026-11-23T00:10:00Z"))?.lessonId).toBe("L1-20261123");
    expect(focusLesson(day, at("2026-11-23T00:50:00Z"))?.lessonId).toBe("L2-20261123");
    expect(focusLesson(day, at("2026-11-23T03:00:00Z"))).toBeNull();
    expect(focusLesson({ ...day, lessons: [] }, at("2026-11-23T00:00:00Z"))).toBeNull();
    expect(focusLesson(null, 0)).toBeNull();
  });
  it("asks again just after the next bell within 30 s, else every 30 s", () => {
    expect(studioPollDelayMs(day, at("2026-11-23T01:00:00Z"))).toBe(STUDIO_POLL_MS);
    expect(studioPollDelayMs(day, at("2026-11-23T01:59:40Z"))).toBe(20_000 + AFTER_BELL_MS);
    expect(studioPollDelayMs(day, at("2026-11-23T00:39:59.5Z"))).toBe(STUDIO_MIN_POLL_MS);
    expect(studioPollDelayMs(null, 0)).toBe(STUDIO_POLL_MS);
    expect(studioPollDelayMs(day, at("2026-11-23T05:00:00Z"))).toBe(STUDIO_POLL_MS);
  });
  it("backs off while the server is away, up to 30 s", () => {
    expect([1, 2, 3, 4, 9].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 30_000, 30_000]);
  });
  it("hands over to the studio console of the lesson", () => {
    expect(consoleUrl("L12-20261123")).toBe("/vue/studio.html?lesson=L12-20261123");
  });
  it("gives the bells in Beijing time", () => {
    expect(bellTimes(day.lessons[1], "zh-CN")).toBe("10:00–10:40");
  });
});
