// The zero of a lesson's media time (web/src/shared/media-time.ts): the recording's start, not the
// moment a kiosk joined, so a question asked on a kiosk is a chapter at its place in the replay.
import { describe, expect, it } from "vitest";
import { alignMediaStart, localMediaEpoch, mediaStartKey, type EpochStorage } from "../../../src/shared/media-time";

function storage(): EpochStorage & { raw: Map<string, string> } {
  const raw = new Map<string, string>();
  return { raw, getItem: (k) => raw.get(k) ?? null, setItem: (k, v) => { raw.set(k, v); } };
}

describe("the lesson's media zero", () => {
  it("is the recording's start moved onto this PC's clock", () => {
    // The server says the recording began at 1 000 000 and it is now 1 060 000 there; this PC reads 2 000 000.
    expect(localMediaEpoch(1_000_000, 1_060_000, 2_000_000)).toBe(1_940_000);
  });

  it("replaces the kiosk's first-join epoch once the recording began", () => {
    const s = storage();
    s.setItem(mediaStartKey("L1"), "1900000"); // joined 40 s before the teacher started
    expect(alignMediaStart("L1", 1_000_000, 1_060_000, 2_000_000, s, "")).toBe(true);
    expect(s.raw.get(mediaStartKey("L1"))).toBe("1940000");
    // A question 10 s later is at 70 s of the recording (2 010 000 − 1 940 000), not at 110 s.
    expect(2_010_000 - Number(s.raw.get(mediaStartKey("L1")))).toBe(70_000);
  });

  it("keeps the first-join epoch before the recording began, and an explicit ?mediaStart", () => {
    const s = storage();
    s.setItem(mediaStartKey("L1"), "5");
    expect(alignMediaStart("L1", null, 1_060_000, 2_000_000, s, "")).toBe(false);
    expect(alignMediaStart("L1", 1_000_000, 1_060_000, 2_000_000, s, "?mediaStart=7")).toBe(false);
    expect(s.raw.get(mediaStartKey("L1"))).toBe("5");
  });

  it("does not move for a re-read's own delay", () => {
    const s = storage();
    expect(alignMediaStart("L1", 1_000_000, 1_060_000, 2_000_000, s, "")).toBe(true);
    expect(alignMediaStart("L1", 1_000_000, 1_070_000, 2_010_300, s, "")).toBe(false);
    expect(s.raw.get(mediaStartKey("L1"))).toBe("1940000");
  });
});
