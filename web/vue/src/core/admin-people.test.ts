import { describe, expect, it } from "vitest";
import { auditQuery, creatableRoles, grantRequest, lastSeen, normalizePairingCode, parseGrant, peopleUrl, peopleViewsFor, pickFor } from "./admin-people";
import { reachOf, viewsFor } from "./admin-scope";

const district = reachOf([{ role: "district-admin" }]);
const alliance = reachOf([{ role: "alliance-admin", allianceId: 1 }]);
const school = reachOf([{ role: "school-admin", allianceId: 1, schoolId: 5 }]);
const auditor = reachOf([{ role: "auditor" }]);

describe("people, devices and audit views", () => {
  it("offers people at each level, devices at a school and the audit log to district admins and auditors", () => {
    expect(peopleViewsFor(district, { allianceId: null, schoolId: null })).toEqual(["people", "audit"]);
    expect(peopleViewsFor(district, { allianceId: 1, schoolId: 5 })).toEqual(["people", "devices", "audit"]);
    expect(peopleViewsFor(alliance, { allianceId: 1, schoolId: null })).toEqual(["people"]);
    expect(peopleViewsFor(school, { allianceId: 1, schoolId: 5 })).toEqual(["people", "devices"]);
    expect(peopleViewsFor(school, { allianceId: 1, schoolId: 6 })).toEqual([]);
    expect(viewsFor(auditor, { allianceId: null, schoolId: null })).toEqual(["audit"]);
  });
  it("lists the people of the place, searched by the server", () => {
    expect(peopleUrl({ allianceId: null, schoolId: null }, "")).toBe("/api/people");
    expect(peopleUrl({ allianceId: 1, schoolId: null }, " 王 ")).toBe("/api/alliances/1/people?q=%E7%8E%8B");
    expect(peopleUrl({ allianceId: 1, schoolId: 5 }, "li")).toBe("/api/schools/5/people?q=li");
  });
  it("reads grants back from their claim form", () => {
    expect(parseGrant("school-admin;a=1;s=3")).toEqual({ role: "school-admin", allianceId: 1, schoolId: 3 });
    expect(parseGrant("teacher;a=1;s=2;t=7")).toEqual({ role: "teacher", allianceId: 1, schoolId: 2, teacherId: 7 });
    expect(parseGrant("district-admin")).toEqual({ role: "district-admin" });
    expect(parseGrant("student;x=1")).toBeNull();
  });
  it("gives a new person a grant that names one resource of the place", () => {
    expect(creatableRoles(school, { allianceId: 1, schoolId: 5 })).toEqual(["school-admin", "teacher", "student"]);
    expect(creatableRoles(school, { allianceId: null, schoolId: null })).toEqual([]);
    expect(pickFor("teacher", { allianceId: 1, schoolId: 5 })).toBe("teacher");
    expect(pickFor("school-admin", { allianceId: 1, schoolId: null })).toBe("school");
    expect(pickFor("school-admin", { allianceId: 1, schoolId: 5 })).toBeNull();
    expect(grantRequest("school-admin", { allianceId: 1, schoolId: 5 }, null)).toEqual({ role: "school-admin", allianceId: null, schoolId: 5, classroomId: null, teacherId: null });
    expect(grantRequest("student", { allianceId: 1, schoolId: 5 }, 12)).toMatchObject({ role: "student", classroomId: 12 });
    expect(grantRequest("auditor", { allianceId: null, schoolId: null }, null)).toMatchObject({ role: "auditor", allianceId: null });
    expect(grantRequest("alliance-admin", { allianceId: null, schoolId: null }, 3)).toMatchObject({ allianceId: 3 });
  });
  it("accepts a pairing code however it is typed", () => {
    expect(normalizePairingCode("abcd-ef23")).toBe("ABCD-EF23");
    expect(normalizePairingCode(" abcd ef23 ")).toBe("ABCD-EF23");
    expect(normalizePairingCode("abc")).toBeNull();
    expect(normalizePairingCode("ABCD-EF2!")).toBeNull();
  });
  it("says when a device was last seen, online by the server's judgement", () => {
    expect(lastSeen({ lastSeenAt: null, online: false })).toEqual({ kind: "never" });
    expect(lastSeen({ lastSeenAt: "2026-11-23T01:58:30Z", online: true })).toEqual({ kind: "now" });
    expect(lastSeen({ lastSeenAt: "2026-11-23T01:30:00Z", online: false })).toEqual({ kind: "at", at: "2026-11-23T01:30:00Z" });
  });
  it("asks the audit log by person, action, object and the county's days", () => {
    const f = { subject: "教务", action: "devices", target: "", from: "2026-11-23", to: "2026-11-23" };
    const url = new URL(auditQuery(f, 1), "http://x");
    expect(url.searchParams.get("subject")).toBe("教务");
    expect(url.searchParams.get("action")).toBe("devices");
    expect(url.searchParams.has("target")).toBe(false);
    expect(url.searchParams.get("from")).toBe("2026-11-23T00:00:00+08:00");
    expect(url.searchParams.get("to")).toBe("2026-11-23T16:00:00.000Z");
    expect(url.searchParams.has("page")).toBe(false);
    expect(url.searchParams.get("pageSize")).toBe("50");
    expect(auditQuery({ subject: "", action: "", target: "", from: null, to: null }, 3)).toBe("/api/audit?page=3&pageSize=50");
    expect(auditQuery({ subject: "", action: "", target: "", from: null, to: null }, 2, "csv")).toBe("/api/audit?format=csv");
  });
});
