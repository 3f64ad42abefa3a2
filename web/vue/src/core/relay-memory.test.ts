// The sessions a page load leaves behind (web/src/shared/relay-session.ts): a reload ends what the
// previous load of the tab could not end from pagehide, and never touches its own live sessions.
import { describe, expect, it } from "vitest";
import { forgetSession, leftBehind, rememberSession, type SessionMemory } from "../../../src/shared/relay-session";

function memory(): SessionMemory & { raw: Map<string, string> } {
  const raw = new Map<string, string>();
  return { raw, getItem: (k) => raw.get(k) ?? null, setItem: (k, v) => { raw.set(k, v); } };
}

describe("sessions left behind by an earlier page load", () => {
  it("are found on the same endpoint and lesson, not this load's own", () => {
    const m = memory();
    rememberSession("/whep/L1/aaa", m, "load-1");
    rememberSession("/whip/L1/bbb", m, "load-1");
    rememberSession("/whep/L2/ccc", m, "load-1");
    rememberSession("/whep/L1/ddd", m, "load-2");

    expect(leftBehind("/whep/L1?maxLayer=low", m, "load-2")).toEqual(["/whep/L1/aaa"]);
    expect(leftBehind("/whip/L1?producer=room", m, "load-2")).toEqual(["/whip/L1/bbb"]);
    expect(leftBehind("/whep/L10", m, "load-2")).toEqual([]); // another lesson whose id starts the same
    expect(leftBehind("/whep/L1", m, "load-1")).toEqual(["/whep/L1/ddd"]);
  });

  it("are forgotten once ended, and a broken or missing memory is no error", () => {
    const m = memory();
    rememberSession("/whep/L1/aaa", m, "load-1");
    forgetSession("/whep/L1/aaa", m);
    expect(leftBehind("/whep/L1", m, "load-2")).toEqual([]);

    m.raw.set("classroom.relay.sessions", "{not json");
    expect(leftBehind("/whep/L1", m, "load-2")).toEqual([]);
    rememberSession("/whep/L1/eee", m, "load-1");
    expect(leftBehind("/whep/L1", m, "load-2")).toEqual(["/whep/L1/eee"]);
    expect(leftBehind("/whep/L1", null, "load-2")).toEqual([]);
  });

  it("keeps only the newest twenty, so a tab open for weeks does not grow it without end", () => {
    const m = memory();
    for (let i = 0; i < 30; i++) rememberSession(`/whep/L1/s${i}`, m, "old");
    const left = leftBehind("/whep/L1", m, "new");
    expect(left).toHaveLength(20);
    expect(left[19]).toBe("/whep/L1/s29");
  });
});
