import { describe, expect, it } from "vitest";
import { chapterPercent, currentChapter, formatTime, liveDelaySeconds, liveEdgeSeconds, MAX_REPORT_MS, newId, resumePosition, WatchClock } from "./replay-core";

describe("formatTime", () => {
  it("reads minutes and seconds, and hours when there are any", () => {
    expect(formatTime(0)).toBe("0:00");
    expect(formatTime(12_900)).toBe("0:12");
    expect(formatTime(65_000)).toBe("1:05");
    expect(formatTime(3_725_000)).toBe("1:02:05");
  });
  it("reads nonsense as zero", () => {
    expect(formatTime(-5)).toBe("0:00");
    expect(formatTime(Number.NaN)).toBe("0:00");
  });
});

describe("resumePosition", () => {
  it("resumes where the viewer stopped", () => expect(resumePosition(12_000, 20_000 * 60)).toBe(12_000));
  it("starts from the beginning when barely started or never watched", () => {
    expect(resumePosition(null, 60_000)).toBe(0);
    expect(resumePosition(2_000, 60_000)).toBe(0);
  });
  it("starts again when the lesson was watched to the end", () => expect(resumePosition(57_000, 60_000)).toBe(0));
  it("resumes in a recording whose length is not known yet", () => expect(resumePosition(30_000, 0)).toBe(30_000));
});

describe("chapters", () => {
  const chapters = [{ mediaTimeMs: 1_000 }, { mediaTimeMs: 5_000 }, { mediaTimeMs: 9_000 }];
  it("places marks in percent of the duration, clamped", () => {
    expect(chapterPercent(5_000, 20_000)).toBe(25);
    expect(chapterPercent(30_000, 20_000)).toBe(100);
    expect(chapterPercent(-1, 20_000)).toBe(0);
    expect(chapterPercent(5_000, 0)).toBe(0);
  });
  it("finds the chapter the playhead is in (a jump that lands a frame early still counts)", () => {
    expect(currentChapter(chapters, 500)).toBe(-1);
    expect(currentChapter(chapters, 4_900)).toBe(1);
    expect(currentChapter(chapters, 5_000)).toBe(1);
    expect(currentChapter(chapters, 60_000)).toBe(2);
    expect(currentChapter([], 60_000)).toBe(-1);
  });
});

describe("WatchClock", () => {
  it("counts time only while playing", () => {
    const c = new WatchClock();
    c.tick(0, true);
    c.tick(1_000, true);
    c.tick(2_000, false);
    c.tick(10_000, false);
    c.tick(11_000, true);
    c.tick(12_500, true);
    expect(c.take()).toBe(3_500);
    expect(c.take()).toBe(0);
  });
  it("caps a long gap (a sleeping PC) at the tick gap", () => {
    const c = new WatchClock(5_000);
    c.tick(0, true);
    c.tick(3_600_000, true);
    expect(c.take()).toBe(5_000);
  });
  it("reports at most what the server takes in one report and keeps the rest", () => {
    const c = new WatchClock(1_000_000);
    c.tick(0, true);
    c.tick(MAX_REPORT_MS + 1_000, true);
    expect(c.take()).toBe(MAX_REPORT_MS);
    expect(c.take()).toBe(1_000);
  });
  it("gives back a failed report's time", () => {
    const c = new WatchClock();
    c.tick(0, true);
    c.tick(2_000, true);
    const taken = c.take();
    c.giveBack(taken);
    expect(c.unreported).toBe(2_000);
  });
});

describe("newId", () => {
  it("is a version-4 UUID", () => {
    expect(newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newId((b) => b.fill(255))).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
  });
  it("differs each time", () => expect(newId()).not.toBe(newId()));
});

describe("liveDelaySeconds", () => {
  it("is the distance to the live edge, one decimal, never negative", () => {
    expect(liveDelaySeconds(30.26, 24.1)).toBe(6.2);
    expect(liveDelaySeconds(10, 11)).toBe(0);
    expect(liveDelaySeconds(null, 3)).toBeNull();
    expect(liveDelaySeconds(Number.NaN, 3)).toBeNull();
  });
});

describe("liveEdgeSeconds", () => {
  const video = (end?: number) => ({ seekable: { length: end === undefined ? 0 : 1, end: () => end } }) as unknown as HTMLMediaElement;
  it("is the playlist's end plus its age when hls.js has one, read now (not its latency from before a seek)", () => {
    const hls = { currentLevel: 0, levels: [{ details: { edge: 20, age: 3.5 } }] };
    expect(liveEdgeSeconds(hls, video(19))).toBe(23.5);
    // Before a level is chosen (currentLevel −1), the level that has a playlist.
    expect(liveEdgeSeconds({ currentLevel: -1, levels: [{}, { details: { edge: 12, age: 1 } }] }, video())).toBe(13);
  });
  it("falls back to the seekable end (native HLS), and is unknown without either", () => {
    expect(liveEdgeSeconds(null, video(42))).toBe(42);
    expect(liveEdgeSeconds({ currentLevel: 0, levels: [] }, video(7))).toBe(7);
    expect(liveEdgeSeconds(null, video())).toBeNull();
  });
});
