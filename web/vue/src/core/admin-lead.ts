// Lead lessons (主讲课程, per alliance) and member demand (听课需求, per classroom) as the admin
// console edits them (docs/admin-lead.md): the LessonPlanEndpoints with the generated contract
// types, the period choices from a school's bell schedules, the request bodies from the dialogs'
// forms, and the server's field errors placed against the dialog's fields. Framework-free, so
// Vitest drives it (admin-lead.test.ts). Search and paging reuse week-grid's pageOf like SetupView.
import type { BellScheduleDto, DayOfWeek, DemandDto, DemandRequest, LeadLessonDto, LeadLessonRequest } from "../../../src/generated/api";
import { api, ApiError } from "../../../src/shared/api";

export const listLeadLessons = (allianceId: number) => api<LeadLessonDto[]>(`/api/alliances/${allianceId}/lead-lessons`);
export const saveLeadLesson = (allianceId: number, id: number | null, body: LeadLessonRequest) =>
  id != null ? api<LeadLessonDto>(`/api/lead-lessons/${id}`, { method: "PUT", json: body })
    : api<LeadLessonDto>(`/api/alliances/${allianceId}/lead-lessons`, { method: "POST", json: body });
export const deleteLeadLesson = (id: number) => api<void>(`/api/lead-lessons/${id}`, { method: "DELETE" });

export const listDemands = (classroomId: number) => api<DemandDto[]>(`/api/classrooms/${classroomId}/demands`);
export const saveDemand = (classroomId: number, id: number | null, body: DemandRequest) =>
  id != null ? api<DemandDto>(`/api/demands/${id}`, { method: "PUT", json: body })
    : api<DemandDto>(`/api/classrooms/${classroomId}/demands`, { method: "POST", json: body });
export const deleteDemand = (id: number) => api<void>(`/api/demands/${id}`, { method: "DELETE" });

/** Monday first, as Chinese timetables are written. */
export const WEEKDAYS: readonly DayOfWeek[] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** A period a lesson or a demand can name: its weekday, its name, and its bell times (of the first schedule that has it). */
export interface PeriodChoice { weekday: DayOfWeek; name: string; start: string; end: string; key: string }

/** "Monday|第3节": one period as a select's value. */
export const periodKey = (weekday: DayOfWeek, name: string) => `${weekday}|${name}`;

export function parsePeriodKey(key: string): { weekday: DayOfWeek; periodName: string } {
  const at = key.indexOf("|");
  return { weekday: key.slice(0, at) as DayOfWeek, periodName: key.slice(at + 1) };
}

/**
 * The distinct periods of a school's bell schedules (summer and winter name the same periods with
 * other times), Monday first and by start time. A stored lesson or demand may name a period no
 * schedule has any more: `keep` adds those, so editing never silently drops one.
 */
export function periodChoices(schedules: readonly BellScheduleDto[], keep: readonly { weekday: DayOfWeek; periodName: string | null }[] = []): PeriodChoice[] {
  const byKey = new Map<string, PeriodChoice>();
  for (const s of schedules)
    for (const p of s.periods) {
      const key = periodKey(p.weekday, p.name);
      if (!byKey.has(key)) byKey.set(key, { weekday: p.weekday, name: p.name, start: p.start.slice(0, 5), end: p.end.slice(0, 5), key });
    }
  for (const k of keep) {
    const key = periodKey(k.weekday, k.periodName ?? "");
    if (k.periodName && !byKey.has(key)) byKey.set(key, { weekday: k.weekday, name: k.periodName, start: "", end: "", key });
  }
  return [...byKey.values()].sort((a, b) => WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday)
    || (a.start || "99").localeCompare(b.start || "99") || a.name.localeCompare(b.name, "zh-CN"));
}

/** The lead lesson dialog's form. */
/**
 * The lead lesson dialog. `once`: a lesson of one date (`date`, yyyy-MM-dd: a make-up lesson) with a
 * period chosen by name (`periodName`): which weekday's bells it follows is the term calendar's
 * (调休), so the server decides; otherwise a weekly lesson at `period` (a weekday + period key).
 */
export interface LessonForm {
  schoolId: number | null; subject: string; grade: number; teacherId: number | null; studioId: number | null; period: string; bitrateMbps: number; recordingEnabled: boolean;
  once: boolean; date: string; periodName: string;
}

export function lessonForm(lesson: LeadLessonDto | null, leadSchoolId: number | null): LessonForm {
  return lesson
    ? { schoolId: lesson.schoolId, subject: lesson.subject, grade: lesson.grade, teacherId: lesson.teacherId, studioId: lesson.studioId,
        period: lesson.oneOffDate ? "" : periodKey(lesson.weekday, lesson.periodName), bitrateMbps: lesson.bitrateMbps, recordingEnabled: lesson.recordingEnabled,
        once: lesson.oneOffDate != null, date: lesson.oneOffDate ?? "", periodName: lesson.oneOffDate ? lesson.periodName : "" }
    : { schoolId: leadSchoolId, subject: "", grade: 3, teacherId: null, studioId: null, period: "", bitrateMbps: 2.5, recordingEnabled: true, once: false, date: "", periodName: "" };
}

/** The fields the person still has to fill before the request is worth sending (the server checks everything again). */
export function lessonMissing(f: LessonForm): (keyof LessonForm)[] {
  const missing: (keyof LessonForm)[] = [];
  if (f.schoolId == null) missing.push("schoolId");
  if (!f.subject.trim()) missing.push("subject");
  if (f.teacherId == null) missing.push("teacherId");
  if (f.studioId == null) missing.push("studioId");
  if (f.once && !/^\d{4}-\d{2}-\d{2}$/.test(f.date)) missing.push("date");
  if (f.once ? !f.periodName : !f.period) missing.push("period");
  return missing;
}

/** The request; a one-date lesson sends its date and period name (the weekday sent is ignored by the server, which takes the date's). */
export function lessonRequest(f: LessonForm): LeadLessonRequest {
  const { weekday, periodName } = f.once ? { weekday: "Monday" as DayOfWeek, periodName: f.periodName } : parsePeriodKey(f.period);
  return { schoolId: f.schoolId ?? 0, subject: f.subject.trim(), grade: f.grade, teacherId: f.teacherId ?? 0, studioId: f.studioId ?? 0,
    weekday, periodName, bitrateMbps: f.bitrateMbps, recordingEnabled: f.recordingEnabled, oneOffDate: f.once ? f.date : null };
}

/**
 * The order the list shows: weekly lessons Monday first and by the bell (`start`, "HH:mm"), then the
 * one-date lessons by date and bell.
 */
export function lessonOrder(a: LeadLessonDto, b: LeadLessonDto, start: (l: LeadLessonDto) => string): number {
  const once = (l: LeadLessonDto) => (l.oneOffDate ? 1 : 0);
  return once(a) - once(b) || (a.oneOffDate ?? "").localeCompare(b.oneOffDate ?? "")
    || WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) || start(a).localeCompare(start(b)) || a.id - b.id;
}

/** The demand dialog's form; `periods` are period keys. */
export interface DemandForm { classroomId: number | null; subject: string; lessonsPerWeek: number | null; grade: number | null; periods: string[] }

export function demandForm(demand: DemandDto | null, classroomId: number | null): DemandForm {
  return demand
    ? { classroomId: demand.classroomId, subject: demand.subject, lessonsPerWeek: demand.lessonsPerWeek, grade: demand.grade,
        periods: demand.periods.map((p) => periodKey(p.weekday, p.periodName ?? "")) }
    : { classroomId, subject: "", lessonsPerWeek: 1, grade: null, periods: [] };
}

export function demandMissing(f: DemandForm): (keyof DemandForm)[] {
  const missing: (keyof DemandForm)[] = [];
  if (f.classroomId == null) missing.push("classroomId");
  if (!f.subject.trim()) missing.push("subject");
  if (f.lessonsPerWeek == null) missing.push("lessonsPerWeek");
  if (f.periods.length === 0) missing.push("periods");
  return missing;
}

/**
 * The request of a demand. The grade is sent only for a mixed-grade room (a one-grade room's demand
 * is the room's grade); lessons per week is sent as typed so the server's range rule is the one rule.
 */
export function demandRequest(f: DemandForm, roomGrades: readonly number[]): DemandRequest {
  return {
    subject: f.subject.trim(), lessonsPerWeek: f.lessonsPerWeek ?? 0,
    periods: f.periods.map(parsePeriodKey), grade: roomGrades.length > 1 ? f.grade : null,
  };
}

/**
 * A refusal's field errors against the dialog's fields: "periods[2].periodName" → "periods",
 * "weekday"/"periodName" → "period" (the lesson dialog picks both at once). Errors of fields the
 * dialog does not show, and the problem's detail when it has no field errors (a 409 clash, a 403),
 * go to "" — the dialog's general message.
 */
export function dialogErrors(error: unknown, shown: readonly string[], fallback: string): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (field: string, message: string) => { out[field] = out[field] ? `${out[field]} ${message}` : message; };
  const errors = error instanceof ApiError ? (error.body as { errors?: Record<string, string[]> } | null)?.errors : undefined;
  if (errors && typeof errors === "object" && Object.keys(errors).length > 0) {
    for (const [field, messages] of Object.entries(errors)) {
      const base = field.replace(/\[\d+\].*$/, "").replace(/\..*$/, "");
      const target = base === "weekday" || base === "periodName" ? "period" : base === "oneOffDate" ? "date" : base;
      add(shown.includes(target) ? target : "", messages.join(" "));
    }
  } else {
    add("", fallback);
  }
  return out;
}

/** The text a lead lesson is found by: subject, grade, teacher, school, studio, weekday and period. */
export function lessonSearchText(l: LeadLessonDto, names: { school: string; teacher: string; studio: string; weekday: string; grade: string }): string {
  return [l.subject, names.grade, String(l.grade), names.teacher, names.school, names.studio, names.weekday, l.periodName, l.oneOffDate ?? ""].join(" ");
}
