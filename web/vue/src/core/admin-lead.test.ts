import { describe, expect, it } from "vitest";
import type { BellScheduleDto, DayOfWeek, LeadLessonDto } from "../../../src/generated/api";
import { ApiError } from "../../../src/shared/api";
import { demandForm, demandMissing, demandRequest, dialogErrors, lessonForm, lessonMissing, lessonOrder, lessonRequest, lessonSearchText, parsePeriodKey, periodChoices, periodKey } from "./admin-lead";
import { reachOf, viewsFor } from "./admin-scope";

const schedule = (name: string, periods: [string, string, string, string][]): BellScheduleDto => ({
  id: 1, schoolId: 1, name, validFrom: null, validTo: null, seasonFrom: null, seasonTo: null,
  periods: periods.map(([weekday, n, start, end]) => ({ weekday: weekday as BellScheduleDto["periods"][number]["weekday"], name: n, start, end })),
});
const lesson: LeadLessonDto = { id: 7, allianceId: 1, schoolId: 2, subject: "音乐", grade: 3, teacherId: 4, studioId: 5, weekday: "Monday", periodName: "第3节", bitrateMbps: 2.5, recordingEnabled: true, oneOffDate: null };

describe("lead lessons and demand", () => {
  it("offers each period of the bell schedules once, Monday first and by time, keeping a stored period no schedule has", () => {
    const summer = schedule("夏季作息", [["Tuesday", "第1节", "08:00:00", "08:40:00"], ["Monday", "第2节", "08:50:00", "09:30:00"], ["Monday", "第1节", "08:00:00", "08:40:00"]]);
    const winter = schedule("冬季作息", [["Monday", "第1节", "08:10:00", "08:50:00"], ["Sunday", "第1节", "08:00:00", "08:40:00"]]);
    const choices = periodChoices([summer, winter], [{ weekday: "Friday", periodName: "第9节" }, { weekday: "Monday", periodName: "第1节" }]);
    expect(choices.map((c) => c.key)).toEqual(["Monday|第1节", "Monday|第2节", "Tuesday|第1节", "Friday|第9节", "Sunday|第1节"]);
    expect(choices[0]).toMatchObject({ start: "08:00", end: "08:40" });
    expect(choices[3]).toMatchObject({ start: "", end: "" });
  });

  it("keeps a period's name intact when it contains the separator", () => {
    expect(parsePeriodKey(periodKey("Friday", "午间|延时"))).toEqual({ weekday: "Friday", periodName: "午间|延时" });
  });

  it("turns the lesson dialog into the request, and says what is missing first", () => {
    const empty = lessonForm(null, 2);
    expect(lessonMissing(empty)).toEqual(["subject", "teacherId", "studioId", "period"]);
    const edited = lessonForm(lesson, null);
    expect(lessonMissing(edited)).toEqual([]);
    expect(lessonRequest({ ...edited, subject: "  美术 ", period: "Thursday|第6节" })).toEqual({
      schoolId: 2, subject: "美术", grade: 3, teacherId: 4, studioId: 5, weekday: "Thursday", periodName: "第6节", bitrateMbps: 2.5, recordingEnabled: true, oneOffDate: null,
    });
  });

  it("sends a one-date lesson's date and period name, and asks for both", () => {
    const once = { ...lessonForm(lesson, null), once: true, date: "", periodName: "" };
    expect(lessonMissing(once)).toEqual(["date", "period"]);
    expect(lessonRequest({ ...once, date: "2026-11-28", periodName: "第1节" })).toMatchObject({ oneOffDate: "2026-11-28", periodName: "第1节" });
    const stored = lessonForm({ ...lesson, weekday: "Tuesday", periodName: "第1节", oneOffDate: "2026-11-28" }, null);
    expect(stored).toMatchObject({ once: true, date: "2026-11-28", periodName: "第1节", period: "" });
    expect(lessonRequest({ ...stored, once: false, period: "Friday|第2节" }).oneOffDate).toBeNull();
  });

  it("lists weekly lessons Monday first and by the bell, then one-date lessons by date", () => {
    const l = (id: number, weekday: DayOfWeek, oneOffDate: string | null = null) => ({ ...lesson, id, weekday, oneOffDate });
    const start = (x: { id: number }) => (x.id === 2 ? "08:00" : "10:00");
    const sorted = [l(1, "Sunday"), l(5, "Monday", "2026-12-01"), l(3, "Monday"), l(4, "Friday", "2026-11-27"), l(2, "Monday")].sort((a, b) => lessonOrder(a, b, start));
    expect(sorted.map((x) => x.id)).toEqual([2, 3, 1, 4, 5]);
  });

  it("sends a demand's grade only for a mixed-grade room and its lessons per week as typed", () => {
    const f = { ...demandForm(null, 9), subject: "英语", lessonsPerWeek: 30, grade: 4, periods: ["Tuesday|第2节", "Thursday|第2节"] };
    expect(demandMissing(f)).toEqual([]);
    expect(demandRequest(f, [4])).toEqual({ subject: "英语", lessonsPerWeek: 30, grade: null, periods: [{ weekday: "Tuesday", periodName: "第2节" }, { weekday: "Thursday", periodName: "第2节" }] });
    expect(demandRequest(f, [3, 4]).grade).toBe(4);
    expect(demandMissing(demandForm(null, null))).toEqual(["classroomId", "subject", "periods"]);
    const stored = demandForm({ id: 1, classroomId: 9, subject: "音乐", lessonsPerWeek: 2, grade: null, periods: [{ weekday: "Monday", periodName: "第3节" }] }, null);
    expect(stored.periods).toEqual(["Monday|第3节"]);
  });

  it("places the server's field errors against the dialog's fields and the rest in its general message", () => {
    const refusal = new ApiError(400, "invalid", "输入有误", "每周课时须在 1 到 20 之间（收到 30）。", {
      errors: { lessonsPerWeek: ["每周课时须在 1 到 20 之间（收到 30）。"], "periods[1].periodName": ["节次“第2节”列了两次。"], other: ["?"] },
    });
    expect(dialogErrors(refusal, ["lessonsPerWeek", "periods"], "x")).toEqual({ lessonsPerWeek: "每周课时须在 1 到 20 之间（收到 30）。", periods: "节次“第2节”列了两次。", "": "?" });
    const lessonRefusal = new ApiError(400, "invalid", "", "", { errors: { weekday: ["a"], periodName: ["b"] } });
    expect(dialogErrors(lessonRefusal, ["period"], "x")).toEqual({ period: "a b" });
    const clash = new ApiError(409, "conflict", "冲突", "周一“第3节”该教师已有主讲课 5（音乐，3 年级）。", {});
    expect(dialogErrors(clash, ["period"], "周一“第3节”该教师已有主讲课 5（音乐，3 年级）。")).toEqual({ "": "周一“第3节”该教师已有主讲课 5（音乐，3 年级）。" });
    expect(dialogErrors(new Error("network"), [], "网络错误")).toEqual({ "": "网络错误" });
  });

  it("finds a lesson by subject, grade, teacher, school, studio, weekday and period", () => {
    const text = lessonSearchText(lesson, { school: "城关第一小学", teacher: "王芳", studio: "录播室一", weekday: "周一", grade: "3 年级" });
    for (const q of ["音乐", "3 年级", "王芳", "城关", "录播室一", "周一", "第3节"]) expect(text).toContain(q);
  });

  it("shows lead lessons to alliance-wide admins at an alliance, and demand at a school to whoever manages it", () => {
    const alliance = reachOf([{ role: "alliance-admin", allianceId: 3 }]);
    expect(viewsFor(alliance, { allianceId: 3, schoolId: null })).toContain("leads");
    expect(viewsFor(alliance, { allianceId: 3, schoolId: null })).not.toContain("demands");
    expect(viewsFor(alliance, { allianceId: 3, schoolId: 7 })).toContain("demands");
    const school = reachOf([{ role: "school-admin", allianceId: 3, schoolId: 7 }]);
    expect(viewsFor(school, { allianceId: 3, schoolId: 7 })).toContain("demands");
    expect(viewsFor(school, { allianceId: 3, schoolId: 7 })).not.toContain("leads");
    expect(viewsFor(reachOf([{ role: "district-admin" }]), { allianceId: null, schoolId: null })).not.toContain("leads");
    expect(viewsFor(reachOf([{ role: "auditor" }]), { allianceId: null, schoolId: null })).toEqual(["audit"]);
  });
});
