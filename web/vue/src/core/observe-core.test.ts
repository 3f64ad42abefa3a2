import { describe, expect, it } from "vitest";
import type { LessonObservation } from "../../../src/generated/api";
import { ObservationCache, lessonFromQuery, observeHref, roomName, tokenLifetimeMs, wallOrder } from "./observe-core";

/** A JWT-shaped token with the given iat/exp (seconds); the signature is not read. */
const jwt = (iat: number, exp: number) => `eyJhbGciOiJFUzI1NiJ9.${btoa(JSON.stringify({ iat, exp })).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")}.sig`;

const observation = (token: string, expiresAt: string): LessonObservation => ({
  token, expiresAt,
  lesson: { lessonId: "L1-20261123", allianceId: 1, leadLessonId: 1, subject: "音乐", grade: 3, startsAt: "", endsAt: "", teacherId: 1, teacherName: "王芳", leadSchoolId: 1, studioId: 1, studioName: "录播室", rooms: [] },
});

describe("observe page", () => {
  it("reads the lesson from the query and refuses anything else", () => {
    expect(lessonFromQuery("?lesson=L12-20261123")).toBe("L12-20261123");
    expect(lessonFromQuery("?lesson=L12-20261123&lang=en")).toBe("L12-20261123");
    expect(lessonFromQuery("?lesson=../api")).toBeNull();
    expect(lessonFromQuery("")).toBeNull();
  });

  it("links from the console, keeping English", () => {
    expect(observeHref("L1-20261123", "zh-CN")).toBe("/vue/observe.html?lesson=L1-20261123");
    expect(observeHref("L1-20261123", "en")).toBe("/vue/observe.html?lesson=L1-20261123&lang=en");
  });

  it("names and orders the wall's rooms by school, then class", () => {
    const rooms = [
      { schoolName: "乙校", classroomName: "3年级10班" },
      { schoolName: "甲校", classroomName: "3年级2班" },
      { schoolName: "乙校", classroomName: "3年级2班" },
    ];
    expect(wallOrder(rooms).map(roomName)).toEqual(["甲校 3年级2班", "乙校 3年级2班", "乙校 3年级10班"]);
  });

  it("reads a token's lifetime from its own iat and exp", () => {
    expect(tokenLifetimeMs(jwt(1000, 4900))).toBe(3_900_000);
    expect(tokenLifetimeMs("not a token")).toBeNull();
  });

  it("asks for the token once, again only near the end of its lifetime (whatever the PC's clock says), and again after a failure", async () => {
    // The PC's clock is two weeks ahead of the server's: the token's expiresAt is "in the past" for it.
    let now = Date.parse("2026-12-07T02:05:00Z");
    let asks = 0;
    let fail = false;
    const cache = new ObservationCache(async () => {
      asks++;
      if (fail) throw new Error("offline");
      return observation(jwt(0, 3900), "2026-11-23T03:10:00Z");
    }, () => now);
    await cache.token();
    await cache.token();
    expect(asks).toBe(1);
    now += 3_800_000;
    await cache.token();
    expect(asks).toBe(1);
    now += 60_000;
    await cache.token();
    expect(asks).toBe(2);
    now += 3_900_000;
    fail = true;
    await expect(cache.token()).rejects.toThrow("offline");
    fail = false;
    await cache.token();
    expect(asks).toBe(4);
  });
});
