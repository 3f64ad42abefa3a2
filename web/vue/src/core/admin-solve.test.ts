import { describe, expect, it } from "vitest";
import { addedKeys, allianceRows, filtered, lessonLine, MAX_WEEKS, periodOf, solveRange, weekHash, type DistrictSolveJobView, type PairingChangeView, type SolveChangesView } from "./admin-solve";
import { reachOf, viewsFor } from "./admin-scope";

const run = (allianceId: number, name: string, added = 0) => ({
  allianceId, allianceName: name, solveRunId: 100 + allianceId, pairings: "",
  stats: { demanded: 10, covered: 8, upperBound: 9, coverageOfBound: 0.89, kept: 5, moved: 1, added, droppedNotOccurring: 0, elapsedMs: 12.3, solverStatus: "Optimal" },
});
const job = (state: DistrictSolveJobView["state"], alliances: ReturnType<typeof run>[] = []): DistrictSolveJobView => ({
  id: 7, from: "2026-11-23", to: "2026-11-29", state, progress: 0.4, createdAt: "2026-11-20T01:00:00Z", finishedAt: null, error: null,
  alliances, demanded: 0, covered: 0, upperBound: 0, moved: 0,
} as DistrictSolveJobView);

const change = (over: Partial<PairingChangeView>): PairingChangeView => ({
  kind: "added", lessonId: "L1-20261123", leadLessonId: 1, subject: "音乐", grade: 4, teacherId: 5, teacherName: "王芳",
  leadSchoolId: 9, leadSchoolName: "城关一小", date: "2026-11-23", startsAt: "2026-11-23T02:00:00Z", endsAt: "2026-11-23T02:40:00Z",
  classroomId: 7, classroomName: "4年级1班", schoolId: 3, schoolName: "河湾村小学", reason: null, reasonText: null, ...over,
});

describe("district solve", () => {
  it("solves whole weeks, at most as many as the server's 31 days allow", () => {
    expect(MAX_WEEKS).toBe(4);
    expect(solveRange("2026-11-23", 1)).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(solveRange("2026-11-23", 2)).toEqual({ from: "2026-11-23", to: "2026-12-06" });
    expect(solveRange("2026-11-23", 9)).toEqual({ from: "2026-11-23", to: "2026-12-20" });
    expect(solveRange("2026-11-23", 0)).toEqual({ from: "2026-11-23", to: "2026-11-29" });
  });

  it("shows every alliance waiting, solving, then its own result or that it had nothing to pair", () => {
    const alliances = [{ id: 2, name: "城西" }, { id: 1, name: "城东" }];
    expect(allianceRows(null, alliances).map((r) => [r.allianceId, r.state])).toEqual([[1, "queued"], [2, "queued"]]);
    expect(allianceRows(job("running"), alliances).map((r) => r.state)).toEqual(["running", "running"]);
    const done = allianceRows(job("succeeded", [run(1, "城东联盟"), run(3, "新联盟")]), alliances);
    expect(done.map((r) => [r.allianceId, r.name, r.state])).toEqual([[1, "城东联盟", "done"], [2, "城西", "noRun"], [3, "新联盟", "done"]]);
    expect(done[0].run?.solveRunId).toBe(101);
    expect(allianceRows(job("failed"), alliances).every((r) => r.state === "failed")).toBe(true);
  });

  it("links to the alliance's week view at the solved week", () => {
    expect(weekHash("2026-11-23")).toBe("#week?from=2026-11-23");
  });

  it("is a district admin's view at the district only", () => {
    expect(viewsFor(reachOf([{ role: "district-admin" }]), { allianceId: null, schoolId: null })).toContain("solve");
    expect(viewsFor(reachOf([{ role: "district-admin" }]), { allianceId: 1, schoolId: null })).not.toContain("solve");
    expect(viewsFor(reachOf([{ role: "alliance-admin", allianceId: 1 }]), { allianceId: 1, schoolId: null })).not.toContain("solve");
  });
});

describe("changes of a solve", () => {
  it("writes the lesson with what is known, and a deleted lesson by its number", () => {
    const gradeOf = (n: number) => `${n}年级`;
    expect(lessonLine(change({}), gradeOf, " · ")).toBe("音乐 · 4年级 · 王芳 · 城关一小");
    expect(lessonLine(change({ subject: null, grade: null, teacherName: null, leadSchoolName: null, leadLessonId: 42 }), gradeOf, " · ")).toBe("#42");
  });

  it("shows the period on the alliance's clock", () => {
    expect(periodOf(change({}), "Asia/Shanghai")).toBe("10:00–10:40");
  });

  it("marks only the added pairings in the grid, and filters by kind", () => {
    const items = [change({}), change({ kind: "removed", classroomId: 8, reason: "reassigned" })];
    const view = { items } as unknown as SolveChangesView;
    expect([...addedKeys(view)]).toEqual(["L1-20261123|7"]);
    expect(addedKeys(null).size).toBe(0);
    expect(filtered(items, "removed").map((c) => c.classroomId)).toEqual([8]);
    expect(filtered(items, "all")).toHaveLength(2);
  });
});
