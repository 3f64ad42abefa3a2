import { describe, expect, it } from "vitest";
import type { BellScheduleDto, BookingView, DeviceDeviceView, DistrictView } from "../../../src/generated/api";
import {
  bookingProblems, bookingRequest, districtForm, districtProblems, districtRequest, ingestLines, nextStudentId, periodNames,
  rosterChanged, rosterProblems, rosterRequest, sortBookings, studiosViewsFor, studioDevices, activeStudioDevices,
} from "./admin-studios";
import { reachOf, viewsFor } from "./admin-scope";

const period = (name: string, start: string) => ({ weekday: "Monday" as never, name, start, end: start });
const schedule = (periods: ReturnType<typeof period>[]): BellScheduleDto => ({ id: 1, schoolId: 1, name: "", validFrom: null, validTo: null, periods, seasonFrom: null, seasonTo: null });
const booking = (id: number, date: string, periodName: string): BookingView => ({
  id, lessonId: "", studioId: 1, studioName: "", date, periodName, subject: "音乐", grade: 3, teacherId: 1, chosenRooms: [], pairedRooms: [], solveJob: null,
});

describe("where the studios views are", () => {
  it("studios and rosters at a school for everyone who reaches it; the district settings only for a district admin at the district", () => {
    const school = reachOf([{ role: "school-admin", allianceId: 1, schoolId: 5 }]);
    expect(viewsFor(school, { allianceId: 1, schoolId: 5 })).toEqual(expect.arrayContaining(["studios", "rosters"]));
    expect(viewsFor(school, { allianceId: 1, schoolId: 5 })).not.toContain("district");
    const alliance = reachOf([{ role: "alliance-admin", allianceId: 1 }]);
    expect(viewsFor(alliance, { allianceId: 1, schoolId: null })).not.toContain("studios");
    expect(viewsFor(alliance, { allianceId: 1, schoolId: 5 })).toContain("rosters");
    const district = reachOf([{ role: "district-admin" }]);
    expect(viewsFor(district, { allianceId: null, schoolId: null })).toContain("district");
    expect(viewsFor(district, { allianceId: 1, schoolId: null })).not.toContain("district");
    expect(studiosViewsFor({ county: false }, { allianceId: null, schoolId: null })).toEqual([]);
  });
});

describe("bookings", () => {
  it("offers the school's periods in the order the bells ring them, each once", () => {
    const bells = [schedule([period("第10节", "16:00"), period("第2节", "08:50"), period("第1节", "08:00")]), schedule([period("第2节", "08:40"), period("午间", "12:00")])];
    expect(periodNames(bells)).toEqual(["第1节", "第2节", "午间", "第10节"]);
  });

  it("says what a form misses, and sends a complete one trimmed", () => {
    expect(bookingProblems({ teacherId: null, date: "", periodName: " ", subject: "", grade: null })).toEqual(["teacher", "date", "period", "subject", "grade"]);
    expect(bookingProblems({ teacherId: 1, date: "2026-11-24", periodName: "第1节", subject: "x".repeat(51), grade: 13 })).toEqual(["subject", "grade"]);
    const ok = { teacherId: 7, date: "2026-11-24", periodName: " 第1节 ", subject: " 音乐 ", grade: 3 };
    expect(bookingProblems(ok)).toEqual([]);
    expect(bookingRequest(ok)).toEqual({ teacherId: 7, date: "2026-11-24", periodName: "第1节", subject: "音乐", grade: 3, rooms: null, bitrateMbps: 2 });
  });

  it("lists bookings by day, then by period as the bells ring", () => {
    const sorted = sortBookings([booking(1, "2026-11-25", "第1节"), booking(2, "2026-11-24", "第10节"), booking(3, "2026-11-24", "第2节")], ["第1节", "第2节", "第10节"]);
    expect(sorted.map((b) => b.id)).toEqual([3, 2, 1]);
    expect(sortBookings([booking(1, "2026-11-24", "第10节"), booking(2, "2026-11-24", "第9节")]).map((b) => b.id)).toEqual([2, 1]);
  });
});

describe("stream key", () => {
  it("shows the key, and the addresses only where the bridge listens", () => {
    expect(ingestLines({ streamKey: "k1", rotatedAt: "", rtmpServer: null, rtmpUrl: null, srtUrl: null })).toEqual([{ key: "streamKey", value: "k1" }]);
    expect(ingestLines({ streamKey: "k1", rotatedAt: "", rtmpServer: "rtmp://h:1935/live", rtmpUrl: "rtmp://h:1935/live/k1", srtUrl: "srt://h:9000?streamid=k1" }).map((l) => l.key))
      .toEqual(["rtmpServer", "streamKey", "rtmpUrl", "srtUrl"]);
  });
});

describe("rosters", () => {
  const rows = [{ schoolStudentId: "HW301", displayName: "学生3-01" }, { schoolStudentId: "HW315", displayName: "学生3-15" }];

  it("marks empty, too long and repeated ids per row", () => {
    const problems = rosterProblems([...rows, { schoolStudentId: " HW301 ", displayName: "重" }, { schoolStudentId: "", displayName: "无" },
      { schoolStudentId: "X", displayName: " " }, { schoolStudentId: "y".repeat(65), displayName: "长" }, { schoolStudentId: "Z", displayName: "n".repeat(101) }]);
    expect([...problems.entries()]).toEqual([[2, "duplicate"], [3, "idRequired"], [4, "nameRequired"], [5, "idTooLong"], [6, "nameTooLong"]]);
    expect(rosterProblems(rows).size).toBe(0);
  });

  it("proposes the next id of the roster's pattern, skipping taken ones", () => {
    expect(nextStudentId(rows)).toBe("HW316");
    expect(nextStudentId([...rows, { schoolStudentId: "HW316", displayName: "" }])).toBe("HW317");
    expect(nextStudentId([{ schoolStudentId: "S009", displayName: "" }])).toBe("S010");
    expect(nextStudentId([])).toBe("");
  });

  it("sends the whole roster trimmed and sorted, and knows when it changed", () => {
    const edited = [{ schoolStudentId: " HW316 ", displayName: " 新同学 " }, ...rows];
    expect(rosterRequest(edited).map((r) => r.schoolStudentId)).toEqual(["HW301", "HW315", "HW316"]);
    expect(rosterRequest(edited)[2].displayName).toBe("新同学");
    expect(rosterChanged(rows, [...rows].reverse())).toBe(false);
    expect(rosterChanged(rows, edited)).toBe(true);
    expect(rosterChanged(rows, [{ ...rows[0], displayName: "改" }, rows[1]])).toBe(true);
  });
});

describe("district settings", () => {
  const view: DistrictView = {
    name: "城关区", own: { name: "城关区", minOverlapShare: 0.7, relayCapacityPerLesson: null, uplinkSharePerStream: null },
    inherited: { minOverlapShare: 0.7, relayCapacityPerLesson: 200, uplinkSharePerStream: 1, recordingRetentionDays: 365 },
    serverDefaults: { minOverlapShare: 0.8, relayCapacityPerLesson: 200, uplinkSharePerStream: 1, recordingRetentionDays: 365 },
  };

  it("edits the district's own values, empty meaning the server's default", () => {
    const f = districtForm(view);
    expect(f).toEqual({ name: "城关区", minOverlapShare: 0.7, relayCapacityPerLesson: null, uplinkSharePerStream: null });
    expect(districtRequest({ ...f, name: "  " })).toEqual({ name: null, minOverlapShare: 0.7, relayCapacityPerLesson: null, uplinkSharePerStream: null });
  });

  it("refuses values outside the server's ranges", () => {
    expect(districtProblems({ name: "", minOverlapShare: 0.01, relayCapacityPerLesson: 2.5, uplinkSharePerStream: 1 })).toEqual(["minOverlapShare", "relayCapacityPerLesson"]);
    expect(districtProblems({ name: "", minOverlapShare: 1, relayCapacityPerLesson: 100_000, uplinkSharePerStream: 0.05 })).toEqual([]);
  });

  it("picks a studio's PCs from the school's devices, in use first and newest first", () => {
    const d = (id: number, kind: string, studioId: number | null, revoked = false): DeviceDeviceView => ({
      id, name: `d${id}`, kind, schoolId: 1, classroomId: kind === "classroom" ? 3 : null, studioId, createdAt: "2026-12-01T00:00:00Z",
      enrolledBy: "person:1", revoked, lastSeenAt: null, online: false,
    });
    const all = [d(1, "studio", 5, true), d(2, "classroom", null), d(3, "studio", 5), d(4, "studio", 6), d(5, "studio", 5)];
    expect(studioDevices(all, 5).map((x) => x.id)).toEqual([5, 3, 1]);
    expect(activeStudioDevices(all, 5)).toBe(2);
    expect(activeStudioDevices(all, 7)).toBe(0);
  });
});
