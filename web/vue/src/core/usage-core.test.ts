import { describe, expect, it } from "vitest";
import type { SchoolUsageReport } from "../../../src/generated/api";
import { hours, ofPlanned, orDash, usageCells, usagePage, usageUrl } from "./usage-core";

const row = (id: number, name: string, alliance = "东区联盟"): SchoolUsageReport["schools"][number] => ({
  schoolId: id, schoolName: name, allianceId: 1, allianceName: alliance, isLead: id === 1,
  lessonsPlanned: 4, lessonsTaught: 3, teachingMinutes: 120, roomLessonsPlanned: 8, roomLessonsJoined: 6, minutesConnected: 210.5,
  averageHeadcount: 27.5, questions: 2, handsRaised: 5, replayViews: 3, replayMinutes: 18.5, devicesEnrolled: 4, devicesSeen: 3,
});

const report = (n: number): SchoolUsageReport => ({
  from: "2026-11-23", to: "2026-11-29", usageKnown: true, devicesKnown: true, devicesSeenSince: "2026-11-23T00:00:00+08:00",
  schools: Array.from({ length: n }, (_, i) => row(i + 1, i === 44 ? "青石镇中心小学" : `学校${i + 1}`, i < 30 ? "东区联盟" : "西区联盟")),
  totals: { ...row(0, ""), schools: n, activeSchools: n } as unknown as SchoolUsageReport["totals"],
});

describe("usage per school", () => {
  it("asks the alliance's or the county's report for whole days, with the export format", () => {
    expect(usageUrl(7, "2026-11-23", "2026-11-29")).toBe("/api/alliances/7/reports/usage?from=2026-11-23&to=2026-11-29");
    expect(usageUrl(null, "2026-09-01", "2026-11-29", "xlsx")).toBe("/api/reports/usage?from=2026-09-01&to=2026-11-29&format=xlsx");
  });

  it("pages a county's schools by 20 and searches by school or alliance name", () => {
    const r = report(45);
    expect(usagePage(r, "", 1)).toMatchObject({ total: 45 });
    expect(usagePage(r, "", 1).rows).toHaveLength(20);
    expect(usagePage(r, "", 3).rows.map((s) => s.schoolId)).toEqual([41, 42, 43, 44, 45]);
    expect(usagePage(r, "", 9).rows.map((s) => s.schoolId)).toEqual([41, 42, 43, 44, 45]);
    expect(usagePage(r, "青石", 1).rows.map((s) => s.schoolName)).toEqual(["青石镇中心小学"]);
    expect(usagePage(r, "西区", 1).total).toBe(15);
    expect(usagePage(null, "", 1)).toEqual({ rows: [], total: 0 });
  });

  it("shows held of planned, a dash for what is not known, and hours for the totals", () => {
    expect(ofPlanned(6, 8)).toBe("6 / 8");
    expect(ofPlanned(1, 0)).toBe("1");
    expect(orDash(null)).toBe("—");
    expect(orDash(0)).toBe("0");
    expect(hours(90)).toBe(1.5);
    expect(hours(100)).toBe(1.7);
    expect(usageCells(row(1, "x"))).toEqual(["3 / 4", "120", "6 / 8", "210.5", "27.5", "2", "5", "3", "18.5", "3 / 4"]);
    expect(usageCells({ ...row(1, "x"), devicesEnrolled: null, devicesSeen: null, averageHeadcount: null })).toEqual(
      ["3 / 4", "120", "6 / 8", "210.5", "—", "2", "5", "3", "18.5", "—"]);
  });
});
