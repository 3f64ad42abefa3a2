import { describe, expect, it } from "vitest";
import type { HeatmapCell, RecordingSummary } from "../../../src/generated/api";
import {
  attendanceUrl, daysLeft, heatmapUrl, defaultRange, heatMatrix, heatSummary, isoWeekMonday, isoWeekOf, isoWeeksBetween, liveUrl, nextRefreshDelay,
  plannedDeliveredUrl, recordingsByLesson, LIVE_REFRESH_MS,
} from "./reports-core";

const cell = (schoolId: number, week: string, over: Partial<HeatmapCell> = {}): HeatmapCell => ({
  schoolId, schoolName: `S${schoolId}`, week, roomLessons: 4, roomsJoined: 3, present: 27, expected: 30, minutesConnected: 120, ...over,
});

describe("report URLs", () => {
  it("ask the hub for China days, the last day included, and the scheduler for dates", () => {
    expect(attendanceUrl(1, "2026-11-23", "2026-11-29", "csv")).toBe(
      "/api/hub/reports/attendance?allianceId=1&from=2026-11-23T00%3A00%3A00%2B08%3A00&to=2026-11-30T00%3A00%3A00%2B08%3A00&format=csv");
    expect(plannedDeliveredUrl(null, "2026-11-23", "2026-11-29")).toBe("/api/reports/planned-delivered?from=2026-11-23&to=2026-11-29");
    expect(plannedDeliveredUrl(2, "2026-11-23", "2026-11-29", "xlsx")).toBe("/api/alliances/2/reports/planned-delivered?from=2026-11-23&to=2026-11-29&format=xlsx");
    expect(heatmapUrl(1, "2026-11-23", "2026-11-29", "xlsx", "minutes")).toBe(
      "/api/hub/reports/heatmap?allianceId=1&from=2026-11-23T00%3A00%3A00%2B08%3A00&to=2026-11-30T00%3A00%3A00%2B08%3A00&format=xlsx&measure=minutes");
    expect(heatmapUrl(1, "2026-11-23", "2026-11-29")).not.toContain("format");
    expect(liveUrl(null)).toBe("/api/live");
    expect(liveUrl(3)).toBe("/api/alliances/3/live");
  });
});

describe("ISO weeks", () => {
  it("name and step weeks across a year end", () => {
    expect(isoWeekOf("2026-11-23")).toBe("2026-W48");
    expect(isoWeekOf("2027-01-01")).toBe("2026-W53");
    expect(isoWeekMonday("2026-W48")).toBe("2026-11-23");
    expect(isoWeeksBetween("2026-W52", "2027-W02")).toEqual(["2026-W52", "2026-W53", "2027-W01", "2027-W02"]);
  });
});

describe("heat map", () => {
  it("is schools × every week, with gaps, in three metrics", () => {
    const cells = [cell(2, "2026-W48"), cell(1, "2026-W48", { roomsJoined: 4 }), cell(1, "2026-W50", { expected: 0, present: 0 })];
    const m = heatMatrix(cells, "joined");
    expect(m.schools.map((s) => s.id)).toEqual([1, 2]);
    expect(m.weeks).toEqual(["2026-W48", "2026-W49", "2026-W50"]);
    expect(m.values).toEqual([[100, null, 75], [75, null, null]]);
    expect(m.data).toContainEqual([0, 1, 75]);
    expect(heatMatrix(cells, "headcount").values[0]).toEqual([90, null, null]);
    expect(heatMatrix(cells, "minutes").values[1][0]).toBe(120);
    const s = heatSummary(m);
    expect(s).toMatchObject({ schools: 2, weeks: 3, low: { school: "S1", week: "2026-W50", value: 75 }, high: { school: "S1", week: "2026-W48", value: 100 } });
    expect(heatMatrix([], "joined")).toMatchObject({ schools: [], weeks: [], data: [] });
  });
});

describe("ranges and refresh", () => {
  it("default to the running term, the last term, or eight weeks", () => {
    const terms = [{ firstDay: "2026-09-01", lastDay: "2027-01-20" }, { firstDay: "2026-02-20", lastDay: "2026-07-05" }];
    expect(defaultRange(terms, "2026-11-28")).toEqual({ from: "2026-09-01", to: "2026-11-28" });
    expect(defaultRange(terms, "2026-08-01")).toEqual({ from: "2026-02-20", to: "2026-07-05" });
    expect(defaultRange([], "2026-11-28")).toEqual({ from: "2026-10-04", to: "2026-11-28" });
  });
  it("backs off after failures and stays bounded", () => {
    expect(nextRefreshDelay(0)).toBe(LIVE_REFRESH_MS);
    expect(nextRefreshDelay(2)).toBe(4 * LIVE_REFRESH_MS);
    expect(nextRefreshDelay(20)).toBe(300_000);
  });
});

describe("recordings", () => {
  const rec = (id: string, lessonId: string, startedAt: string, allianceId: number, schoolId: number, views: number): RecordingSummary => ({
    id, lessonId, subject: "美术", teacherName: "王老师", state: "finished", startedAt, endedAt: null, durationMs: 1, allianceId, views,
    expiresAt: null, canDelete: true, rooms: [{ classroomId: schoolId * 10, classroomName: "一班", schoolId, schoolName: `S${schoolId}` }],
  });
  it("group by lesson, newest first, filtered by the place", () => {
    const list = [rec("a", "L1", "2026-11-23T01:00:00Z", 1, 2, 3), rec("b", "L1", "2026-11-23T01:30:00Z", 1, 2, 1), rec("c", "L2", "2026-11-24T01:00:00Z", 1, 3, 0), rec("d", "L3", "2026-11-25T01:00:00Z", 2, 4, 0)];
    const all = recordingsByLesson(list, { allianceId: null, schoolId: null });
    expect(all.map((g) => g.lessonId)).toEqual(["L3", "L2", "L1"]);
    expect(all[2]).toMatchObject({ views: 4, startedAt: "2026-11-23T01:00:00Z" });
    expect(recordingsByLesson(list, { allianceId: 1, schoolId: null }).map((g) => g.lessonId)).toEqual(["L2", "L1"]);
    expect(recordingsByLesson(list, { allianceId: 1, schoolId: 3 }).map((g) => g.lessonId)).toEqual(["L2"]);
  });
  it("count whole days left before expiry", () => {
    const now = new Date("2026-11-28T00:00:00Z");
    expect(daysLeft("2027-11-23T00:00:00Z", now)).toBe(360);
    expect(daysLeft("2026-11-01T00:00:00Z", now)).toBe(0);
    expect(daysLeft(null, now)).toBeNull();
  });
});
