import { describe, expect, it } from "vitest";
import { canSave, copyDay, draftOf, isMonthDay, minutesOf, nextPeriod, periodProblems, scheduleProblems, toRequest, type PeriodRow, type ScheduleDraft } from "./bell-periods";
import { fieldErrors, rowOf } from "./calendar-api";
import { ApiError } from "../../../src/shared/api";
import { dayState, monthsOf, proposedChange, schoolDays, specialDayOf, termProblems, weekdayOf, withDay, withoutOutside, type TermDraft } from "./term-calendar";

const row = (weekday: PeriodRow["weekday"], name: string, start: string, end: string): PeriodRow => ({ weekday, name, start, end });

describe("bell periods", () => {
  it("reads times as the server does", () => {
    expect(minutesOf("8:05")).toBe(485);
    expect(minutesOf("08:05:00")).toBe(485);
    expect(minutesOf("24:00")).toBeNull();
    expect(minutesOf("9:61")).toBeNull();
    expect(minutesOf("")).toBeNull();
    expect(minutesOf("8：05")).toBe(485);
  });
  it("marks both rows of an overlap on one weekday, each naming the other, and nothing across weekdays", () => {
    const p = periodProblems([
      row("Monday", "第1节", "08:00", "08:40"), row("Monday", "第2节", "08:35", "09:15"), row("Tuesday", "第1节", "08:10", "08:50"),
    ]);
    expect(p[0]).toEqual([{ code: "overlap", other: 1 }]);
    expect(p[1]).toEqual([{ code: "overlap", other: 0 }]);
    expect(p[2]).toEqual([]);
  });
  it("lets periods touch, and finds short periods inside a long one", () => {
    expect(periodProblems([row("Monday", "1", "08:00", "08:40"), row("Monday", "2", "08:40", "09:20")]).flat()).toEqual([]);
    const p = periodProblems([row("Monday", "长", "08:00", "10:00"), row("Monday", "2", "08:30", "08:40"), row("Monday", "3", "09:00", "09:30")]);
    expect(p[0].map((x) => x.code)).toEqual(["overlap", "overlap"]);
    expect(p[2]).toEqual([{ code: "overlap", other: 0 }]);
  });
  it("marks a half-typed time, an inverted period and a name used twice on one day", () => {
    const p = periodProblems([row("Monday", "1", "08:", "08:40"), row("Monday", "2", "10:00", "09:00"), row("Monday", "2", "11:00", "11:40"), row("Friday", "", "8:00", "8:40")]);
    expect(p[0]).toEqual([{ code: "start" }]);
    expect(p[1]).toEqual([{ code: "inverted" }, { code: "sameName", other: 2 }]);
    expect(p[3]).toEqual([{ code: "name" }]);
  });
  it("checks the recurring season days like MonthDay (no 02-29) and needs both or neither", () => {
    expect(isMonthDay("05-01")).toBe(true);
    expect(isMonthDay("5月1日")).toBe(true);
    expect(isMonthDay("02-29")).toBe(false);
    expect(isMonthDay("13-01")).toBe(false);
    const s: ScheduleDraft = { name: "夏季作息", validFrom: null, validTo: null, seasonFrom: "05-01", seasonTo: "", periods: [row("Monday", "1", "8:00", "8:40")] };
    expect(scheduleProblems(s)).toEqual([{ code: "seasonTo" }]);
    expect(canSave(s)).toBe(false);
    expect(canSave({ ...s, seasonTo: "09-30" })).toBe(true);
    expect(toRequest({ ...s, seasonFrom: " ", seasonTo: "" })).toMatchObject({ seasonFrom: null, seasonTo: null, periods: [{ start: "08:00", end: "08:40" }] });
    expect(canSave({ ...s, seasonTo: "09-30", periods: [row("Monday", "1", "8:00", "8:40"), row("Monday", "2", "8:30", "9:10")] })).toBe(false);
  });
  it("proposes the next period after the day's last, and copies one day's bells to others", () => {
    const rows = [row("Monday", "第1节", "08:00", "08:40"), row("Tuesday", "x", "07:00", "07:30")];
    expect(nextPeriod(rows, "Monday", (n) => `第${n}节`)).toEqual(row("Monday", "第2节", "08:50", "09:30"));
    expect(nextPeriod([], "Friday", (n) => `P${n}`)).toEqual(row("Friday", "P1", "08:00", "08:40"));
    const copied = copyDay(rows, "Monday", ["Monday", "Tuesday", "Wednesday"]);
    expect(copied.map((r) => `${r.weekday} ${r.start}`)).toEqual(["Monday 08:00", "Tuesday 08:00", "Wednesday 08:00"]);
  });
  it("orders a stored schedule's periods by weekday from Monday", () => {
    const d = draftOf({ id: 1, schoolId: 1, name: "冬", validFrom: null, validTo: null, seasonFrom: "10-01", seasonTo: "04-30",
      periods: [{ weekday: "Sunday", name: "a", start: "09:00", end: "09:40" }, { weekday: "Monday", name: "b", start: "10:00", end: "10:40" }] });
    expect(d.periods.map((p) => p.weekday)).toEqual(["Monday", "Sunday"]);
    expect(d.seasonFrom).toBe("10-01");
  });
});

describe("term calendar", () => {
  // 2026-09-01 is a Tuesday; 2026-10-10 a Saturday.
  const term: TermDraft = {
    name: "2026秋", firstDay: "2026-09-01", lastDay: "2027-01-20",
    specialDays: [
      { date: "2026-10-01", kind: "Holiday", followsWeekday: null, note: "国庆" },
      { date: "2026-10-10", kind: "MakeUp", followsWeekday: "Monday", note: null },
    ],
  };
  it("says what each day is, as the scheduler's TermCalendar does", () => {
    expect(weekdayOf("2026-09-01")).toBe("Tuesday");
    expect(dayState("2026-08-31", term)).toEqual({ kind: "outside" });
    expect(dayState("2026-09-01", term)).toEqual({ kind: "teaching", follows: "Tuesday" });
    expect(dayState("2026-09-05", term)).toEqual({ kind: "weekend" });
    expect(dayState("2026-10-01", term)).toEqual({ kind: "holiday", note: "国庆" });
    expect(dayState("2026-10-10", term)).toEqual({ kind: "makeup", follows: "Monday", note: null });
  });
  it("names the week view's holidays and 调休 days from the term that holds them", () => {
    const spring = { firstDay: "2027-02-20", lastDay: "2027-07-10", specialDays: [{ date: "2027-05-01", kind: "Holiday" as const, followsWeekday: null, note: null }] };
    expect(specialDayOf("2026-10-01", [spring, term])).toEqual({ kind: "holiday", note: "国庆" });
    expect(specialDayOf("2026-10-10", [spring, term])).toEqual({ kind: "makeup", follows: "Monday", note: null });
    expect(specialDayOf("2026-10-12", [spring, term])).toBeNull();
    expect(specialDayOf("2027-05-01", [term, spring])).toEqual({ kind: "holiday", note: null });
    expect(specialDayOf("2026-10-01", [])).toBeNull();
  });
  it("lays out the months Monday first, padding the edges", () => {
    const months = monthsOf(term.firstDay, term.lastDay);
    expect(months.map((m) => m.key)).toEqual(["2026-09", "2026-10", "2026-11", "2026-12", "2027-01"]);
    expect(months[0].weeks[0]).toEqual([null, "2026-09-01", "2026-09-02", "2026-09-03", "2026-09-04", "2026-09-05", "2026-09-06"]);
    expect(months[0].weeks.every((w) => w.length === 7)).toBe(true);
    expect(months[0].weeks.flat().filter(Boolean)).toHaveLength(30);
    expect(monthsOf("2026-09-01", "2026-08-01")).toEqual([]);
  });
  it("sets, changes and clears a special day, keeping date order", () => {
    let days = withDay(term.specialDays, "2026-09-26", { kind: "MakeUp", followsWeekday: "Friday", note: " 调休 " });
    expect(days.map((d) => d.date)).toEqual(["2026-09-26", "2026-10-01", "2026-10-10"]);
    expect(days[0]).toEqual({ date: "2026-09-26", kind: "MakeUp", followsWeekday: "Friday", note: "调休" });
    days = withDay(days, "2026-09-26", { kind: "Holiday", followsWeekday: "Friday" });
    expect(days[0].followsWeekday).toBeNull();
    expect(withDay(days, "2026-09-26", null)).toEqual(term.specialDays);
  });
  it("proposes a make-up day for a weekend day and a holiday for a teaching day", () => {
    expect(proposedChange("2026-09-05", term)).toEqual({ kind: "MakeUp", followsWeekday: "Monday" });
    expect(proposedChange("2026-09-07", term)).toEqual({ kind: "Holiday" });
    expect(proposedChange("2026-10-10", term)).toEqual({ kind: "MakeUp", followsWeekday: "Monday", note: null });
  });
  it("counts school days: weekdays less holidays plus make-up days", () => {
    const week: TermDraft = { name: "w", firstDay: "2026-09-28", lastDay: "2026-10-04", specialDays: [] };
    expect(schoolDays(week)).toBe(5);
    expect(schoolDays({ ...week, specialDays: withDay(withDay([], "2026-10-01", { kind: "Holiday" }), "2026-10-03", { kind: "MakeUp", followsWeekday: "Thursday" }) })).toBe(5);
  });
  it("finds what the server would refuse before sending", () => {
    expect(termProblems(term)).toEqual([]);
    expect(termProblems({ ...term, name: " " })).toEqual([{ code: "name" }]);
    expect(termProblems({ ...term, lastDay: "2026-08-01" })).toEqual([{ code: "order" }]);
    const narrowed = { ...term, lastDay: "2026-10-05" };
    expect(termProblems(narrowed)).toEqual([{ code: "outside", dates: ["2026-10-10"] }]);
    expect(termProblems(withoutOutside(narrowed))).toEqual([]);
    expect(termProblems({ name: "x", firstDay: "2026-10-03", lastDay: "2026-10-04", specialDays: [] })).toEqual([{ code: "noSchoolDay" }]);
  });
});

describe("refusals", () => {
  it("reads a validation problem's fields and the row they name", () => {
    const e = new ApiError(400, "invalid", "输入有误", "…", { errors: { "periods[3].start": ["周一“第4节”与“第3节”时间重叠。"] } });
    expect(fieldErrors(e)).toEqual({ "periods[3].start": ["周一“第4节”与“第3节”时间重叠。"] });
    expect(rowOf("periods[3].start", "periods")).toBe(3);
    expect(rowOf("name", "periods")).toBeNull();
    expect(fieldErrors(new Error("x"))).toEqual({});
  });
});

describe("where the views are", () => {
  it("terms at the district and at an alliance for those who administer it; bell schedules at a school", async () => {
    const { reachOf, viewsFor } = await import("./admin-scope");
    expect(viewsFor(reachOf([{ role: "district-admin" }]), { allianceId: null, schoolId: null })).toEqual(["alliances", "solve", "terms", "live", "reports", "recordings", "people", "audit", "district"]);
    expect(viewsFor(reachOf([{ role: "alliance-admin", allianceId: 3 }]), { allianceId: 3, schoolId: null })).toContain("terms");
    expect(viewsFor(reachOf([{ role: "school-admin", allianceId: 3, schoolId: 7 }]), { allianceId: 3, schoolId: 7 })).not.toContain("terms");
    expect(viewsFor(reachOf([{ role: "school-admin", allianceId: 3, schoolId: 7 }]), { allianceId: 3, schoolId: 7 })).toContain("bells");
  });
});
