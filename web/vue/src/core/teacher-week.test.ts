import { describe, expect, it } from "vitest";
import type { RecordingSummary, ReplayQuestionView } from "../../../src/generated/api";
import { byDay, dayKey, focusLesson, type Lesson, lessonState, lessonsQuery, newestRecordingByLesson, openQuestionsByLesson, questionGroups, replayHref, studioHref, weekRange } from "./teacher-week";

const lesson = (id: string, startsAt: string, minutes = 45): Lesson => ({
  lessonId: id, subject: "音乐", grade: 3, startsAt, endsAt: new Date(Date.parse(startsAt) + minutes * 60_000).toISOString(), studioName: "录播室", rooms: [],
});
const recording = (id: string, lessonId: string, startedAt: string): RecordingSummary => ({
  id, lessonId, subject: "音乐", teacherName: "王芳", state: "finished", startedAt, endedAt: null, durationMs: 1000, rooms: [],
});
const question = (id: string, recordingId: string, lessonId: string, mediaTimeMs: number, answer: string | null = null): ReplayQuestionView => ({
  id, recordingId, lessonId, classroomId: 1, mediaTimeMs, text: id, askedAt: "2026-12-01T00:00:00Z", answer, answeredAt: null,
});

describe("weekRange", () => {
  // Wednesday 2 December 2026, 10:00 UTC.
  const wednesday = Date.parse("2026-12-02T10:00:00Z");
  it("is Monday to Sunday on the UTC date, as the server counts its default week", () => {
    expect(weekRange(wednesday, 0)).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    expect(weekRange(Date.parse("2026-11-30T00:00:00Z"), 0)).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    expect(weekRange(Date.parse("2026-12-06T23:59:59Z"), 0)).toEqual({ from: "2026-11-30", to: "2026-12-06" });
  });
  it("moves by whole weeks, across months and years", () => {
    expect(weekRange(wednesday, -1)).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(weekRange(wednesday, 5)).toEqual({ from: "2027-01-04", to: "2027-01-10" });
  });
  it("asks the server for its own week without dates, and for any other with them", () => {
    expect(lessonsQuery(wednesday, 0)).toBe("");
    expect(lessonsQuery(wednesday, 1)).toBe("?from=2026-12-07&to=2026-12-13");
  });
});

describe("lesson state and focus", () => {
  const a = lesson("a", "2026-12-02T00:00:00Z");
  const b = lesson("b", "2026-12-02T02:00:00Z");
  const c = lesson("c", "2026-12-03T02:00:00Z");
  it("tells ended, now and upcoming apart", () => {
    expect(lessonState(a, Date.parse("2026-12-02T00:50:00Z"))).toBe("ended");
    expect(lessonState(b, Date.parse("2026-12-02T02:10:00Z"))).toBe("now");
    expect(lessonState(c, Date.parse("2026-12-02T02:10:00Z"))).toBe("upcoming");
  });
  it("focuses the lesson on now, else the next one, else none", () => {
    expect(focusLesson([c, b, a], Date.parse("2026-12-02T02:10:00Z"))).toBe(b);
    expect(focusLesson([c, b, a], Date.parse("2026-12-02T01:00:00Z"))).toBe(b);
    expect(focusLesson([c, b, a], Date.parse("2026-12-09T00:00:00Z"))).toBeUndefined();
  });
  it("groups by China's calendar day: 23:30 UTC is the next morning there", () => {
    const late = lesson("late", "2026-12-01T23:30:00Z");
    expect(dayKey(late.startsAt)).toBe("2026-12-02");
    expect(byDay([b, late, c]).map((d) => [d.day, d.lessons.map((l) => l.lessonId)]))
      .toEqual([["2026-12-02", ["late", "b"]], ["2026-12-03", ["c"]]]);
  });
});

describe("links, recordings and questions", () => {
  it("opens the studio with the lesson query and the replay with the recording", () => {
    expect(studioHref("2026-12-02/7 x")).toBe("/vue/studio.html?lesson=2026-12-02%2F7%20x");
    expect(replayHref("rec 1")).toBe("/vue/replay.html?recording=rec%201");
  });
  it("links each lesson's newest recording", () => {
    const map = newestRecordingByLesson([recording("r2", "L", "2026-12-02T01:00:00Z"), recording("r1", "L", "2026-12-02T00:00:00Z"), recording("r3", "M", "2026-12-01T00:00:00Z")]);
    expect(map.get("L")?.id).toBe("r2");
    expect(map.get("M")?.id).toBe("r3");
  });
  it("counts and groups only unanswered questions, newest lesson first, in video order", () => {
    const qs = [question("q1", "old", "L1", 9000), question("q2", "new", "L2", 5000), question("q3", "new", "L2", 1000), question("q4", "new", "L2", 500, "done")];
    expect(openQuestionsByLesson(qs)).toEqual(new Map([["L1", 1], ["L2", 2]]));
    const groups = questionGroups(qs, [recording("old", "L1", "2026-11-01T00:00:00Z"), recording("new", "L2", "2026-12-01T00:00:00Z")]);
    expect(groups.map((g) => [g.recordingId, g.questions.map((q) => q.id)])).toEqual([["new", ["q3", "q2"]], ["old", ["q1"]]]);
    expect(questionGroups(qs, [])[0].recording).toBeUndefined();
  });
});
