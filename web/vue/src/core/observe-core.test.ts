import { describe, expect, it } from "vitest";
import type { LessonObservation } from "../../../src/generated/api";
import { ObservationCache, lessonFromQuery, observeHref, roomName, wallOrder } from "./observe-core";

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

  it("asks for the token once, again only near its expiry, and again after a failure", async () => {
    let now = Date.parse("2026-11-23T02:05:00Z");
    let asks = 0;
    let fail = false;
    const cache = new ObservationCache(async () => {
      asks++;
      if (fail) throw new Error("offline");
      return observation(`t${asks}`, "2026-11-23T03:10:00Z");
    }, () => now);
    expect(await cache.token()).toBe("t1");
    expect(await cache.token()).toBe("t1");
    expect(asks).toBe(1);
    now = Date.parse("2026-11-23T03:09:30Z");
    expect(await cache.token()).toBe("t2");
    now = Date.parse("2026-11-23T03:20:00Z");
    fail = true;
    await expect(cache.token()).rejects.toThrow("offline");
    fail = false;
    expect(await cache.token()).toBe("t4");
  });
});
