import { describe, expect, it } from "vitest";
import { detailOf, type Pairing, type Uncovered } from "./admin-api";
import { allowedPlace, rememberedPlace, rememberPlace, reachOf, viewsFor } from "./admin-scope";
import { addDays, mondayOf, outsideTerms, pageOf, weekGrid } from "./week-grid";

const pairing = (lessonId: string, date: string, start: string, end: string, school: string, room: number): Pairing => ({
  lessonId, leadLessonId: 1, subject: "音乐", grade: 3, date, startsAt: start, endsAt: end, teacherId: 1, teacherName: "王芳",
  classroomId: room, classroomName: `三(${room})班`, schoolId: 1, schoolName: school, demandId: room,
});

describe("week grid", () => {
  it("puts each lesson once in its day and period, with every paired room", () => {
    const grid = weekGrid([
      pairing("L1", "2026-11-23", "2026-11-23T00:00:00Z", "2026-11-23T00:40:00Z", "乙校", 2),
      pairing("L1", "2026-11-23", "2026-11-23T00:00:00Z", "2026-11-23T00:40:00Z", "甲校", 1),
      pairing("L2", "2026-11-25", "2026-11-25T02:00:00Z", "2026-11-25T02:40:00Z", "甲校", 1),
    ], "2026-11-23", "2026-11-29");
    expect(grid.days).toHaveLength(5);
    expect(grid.rows.map((r) => r.period)).toEqual(["08:00–08:40", "10:00–10:40"]);
    expect(grid.rows[0].cells[0]).toHaveLength(1);
    expect(grid.rows[0].cells[0][0].rooms.map((r) => r.schoolName)).toEqual(["甲校", "乙校"]);
    expect(grid.rows[1].cells[2][0].lessonId).toBe("L2");
    expect(grid.rows[1].cells[0]).toEqual([]);
  });
  it("shows a weekend day only when a lesson falls on it (a make-up day)", () => {
    const grid = weekGrid([pairing("L9", "2026-11-29", "2026-11-29T00:00:00Z", "2026-11-29T00:40:00Z", "甲校", 1)], "2026-11-23", "2026-11-29");
    expect(grid.days).toEqual(["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-29"]);
    expect(grid.rows[0].cells[5][0].lessonId).toBe("L9");
  });
  it("finds Monday and steps weeks across month ends", () => {
    expect(mondayOf("2026-11-29")).toBe("2026-11-23");
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
    expect(addDays("2026-11-30", 6)).toBe("2026-12-06");
  });
  it("searches and pages lists on the client, clamping the page", () => {
    const rows = Array.from({ length: 45 }, (_, i) => ({ name: `学校${i}` }));
    expect(pageOf(rows, "", (r) => r.name, 3, 20)).toEqual({ rows: rows.slice(40), total: 45 });
    expect(pageOf(rows, "学校4", (r) => r.name, 9, 20).total).toBe(6);
  });
});

describe("scope", () => {
  const me = { subject: "u1", name: "", isDevice: false, mustChangePassword: false, twoFactorEnabled: false, grants: [] };
  it("a district admin sees every level; a school admin only their school's views", () => {
    const district = reachOf([{ role: "district-admin" }]);
    expect(viewsFor(district, { allianceId: 1, schoolId: 5 })).toEqual(["alliances", "week", "schools", "terms", "imports", "leads", "rooms", "teachers", "bells", "demands", "people", "devices", "audit", "studios", "rosters"]);
    const school = reachOf([{ role: "school-admin", allianceId: 1, schoolId: 5 }]);
    expect(viewsFor(school, { allianceId: 1, schoolId: 5 })).toEqual(["rooms", "teachers", "bells", "demands", "people", "devices", "studios", "rosters"]);
    expect(allowedPlace(school, { allianceId: 2, schoolId: 9 }, [])).toEqual({ allianceId: 1, schoolId: 5 });
    expect(allowedPlace(reachOf([{ role: "alliance-admin", allianceId: 3 }]), { allianceId: 1, schoolId: null }, [1, 3])).toEqual({ allianceId: 3, schoolId: null });
    expect(reachOf([{ role: "auditor" }]).auditOnly).toBe(true);
  });
  it("remembers the place per person", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    rememberPlace(me, { allianceId: 4, schoolId: 7 }, storage);
    expect(rememberedPlace(me, storage)).toEqual({ allianceId: 4, schoolId: 7 });
    expect(rememberedPlace({ ...me, subject: "u2" }, storage)).toBeNull();
  });
});

describe("unmet demand", () => {
  const u: Uncovered = { demandId: 1, classroomId: 2, classroomName: "一班", schoolId: 3, schoolName: "乡小", subject: "音乐", missing: 1, reason: "LinkFull", reasonText: "学校网络带宽已满", detail: "Room 2 got 0 of 1", detailZh: "教室 2 得到了 1 节中的 0 节" };
  it("tells the solver's sentence in the page's language, English where a stored run has no Chinese", () => {
    expect(detailOf(u, "zh-CN")).toBe("教室 2 得到了 1 节中的 0 节");
    expect(detailOf(u, "en")).toBe("Room 2 got 0 of 1");
    expect(detailOf({ ...u, detailZh: null }, "zh-CN")).toBe("Room 2 got 0 of 1");
  });
});

describe("week picker", () => {
  const term = [{ firstDay: "2026-09-02", lastDay: "2027-01-20" }];
  it("offers every day without a term, else the days of the weeks a term touches", () => {
    expect(outsideTerms([], new Date(2030, 0, 1))).toBe(false);
    expect(outsideTerms(term, new Date(2026, 7, 31))).toBe(false); // Monday of the term's first week
    expect(outsideTerms(term, new Date(2026, 7, 30))).toBe(true); // the Sunday before
    expect(outsideTerms(term, new Date(2027, 0, 24))).toBe(false); // Sunday of the last week
    expect(outsideTerms(term, new Date(2027, 0, 25))).toBe(true);
  });
});
