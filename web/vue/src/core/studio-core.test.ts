import { describe, expect, it } from "vitest";
import { EMPTY_STATE, formatElapsed, headcount, openQuestions, parseOptions, quizViews, raisedHands, recordingState, type HubLessonState } from "./studio-lesson";
import { answerHasSimulcast, h264First, iceCredentials, recoveryDelaySeconds, restartOutcome, withIceCredentials } from "./studio-publish";
import { readLink, roomIdOf, wallCodecs, wallView } from "./studio-wall";

const state: HubLessonState = {
  ...EMPTY_STATE,
  rooms: [
    { classroomId: 101, classroomName: "三年级1班", schoolName: "一小", connected: true, present: 23, expected: 25, drops: 0, absentees: ["张三", "李四"] },
    { classroomId: 102, classroomName: "三年级2班", schoolName: "二小", connected: false, expected: 30, drops: 1, absentees: [] },
  ],
  questions: [
    { id: "a", classroomId: 101, text: "first", status: "open", upvotes: 1, mediaTimeMs: 10 },
    { id: "b", classroomId: 102, text: "voted", status: "open", upvotes: 3, mediaTimeMs: 20 },
    { id: "c", classroomId: 102, text: "done", status: "answered", upvotes: 9, mediaTimeMs: 5 },
    { id: "d", classroomId: 101, text: "early", status: "open", upvotes: 1, mediaTimeMs: 1 },
  ],
  stage: { onStage: [], queue: [{ classroomId: 102, schoolId: 2 }] },
  quizzes: [{ id: "q1", prompt: "1+1?", options: ["1", "2"], open: true }],
  quizResults: [{ quizId: "q1", totals: [3, 20], rooms: [{ classroomId: 101, counts: [3, 20] }] }],
};

describe("studio lesson view", () => {
  it("lists open questions by votes, then by time", () => {
    expect(openQuestions(state).map((q) => q.id)).toEqual(["b", "d", "a"]);
  });
  it("knows raised hands and headcounts", () => {
    expect([...raisedHands(state)]).toEqual([102]);
    expect(headcount(state.rooms[0])).toBe("23/25");
    expect(headcount(state.rooms[1])).toBe("?/30");
  });
  it("gives every room a quiz row, zeros until it answers", () => {
    const [view] = quizViews(state);
    expect(view.totals).toEqual([3, 20]);
    expect(view.answeredRooms).toBe(1);
    expect(view.rooms).toEqual([
      { classroomId: 101, name: "一小 三年级1班", counts: [3, 20], answered: true },
      { classroomId: 102, name: "二小 三年级2班", counts: [0, 0], answered: false },
    ]);
  });
  it("parses options typed with either comma or lines", () => {
    expect(parseOptions("A，B, C\nD\n\n")).toEqual(["A", "B", "C", "D"]);
    expect(parseOptions(Array.from({ length: 12 }, (_, i) => i).join(","))).toHaveLength(10);
  });
  it("formats the lesson timer", () => {
    expect(formatElapsed(0)).toBe("00:00");
    expect(formatElapsed(65_400)).toBe("01:05");
    expect(formatElapsed(3_725_000)).toBe("1:02:05");
    expect(formatElapsed(-5)).toBe("00:00");
  });
  it("reads the recording state", () => {
    expect(recordingState(null)).toBe("unknown");
    expect(recordingState([])).toBe("notRecording");
    expect(recordingState([{ state: "finished" }, { state: "recording" }])).toBe("recording");
  });
});

describe("studio wall", () => {
  it("places rooms and the stage from the session's sections", () => {
    const view = wallView([
      { mid: "0", kind: "audio", wants: "stage", producer: "stage:7" },
      { mid: "1", kind: "video", wants: "stage", producer: "stage:7" },
      { mid: "2", kind: "video", wants: "rooms", producer: "room:101" },
      { mid: "3", kind: "video", wants: "rooms", producer: null },
    ]);
    expect(view.stage).toBe(7);
    expect([...view.rooms]).toEqual([[101, "2"]]);
    expect(roomIdOf("room:42")).toBe(42);
  });
  it("offers only VP8, H.264 constrained baseline and RTX on the wall", () => {
    const chrome = [
      { mimeType: "video/VP8" }, { mimeType: "video/rtx" }, { mimeType: "video/VP9", sdpFmtpLine: "profile-id=0" },
      { mimeType: "video/H264", sdpFmtpLine: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f" },
      { mimeType: "video/H264", sdpFmtpLine: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f" },
      { mimeType: "video/H264", sdpFmtpLine: "level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f" },
      { mimeType: "video/AV1" }, { mimeType: "video/red" }, { mimeType: "video/ulpfec" },
    ];
    expect(wallCodecs(chrome)?.map((c) => c.mimeType + (c.sdpFmtpLine ? " " + c.sdpFmtpLine : ""))).toEqual([
      "video/VP8", "video/rtx", "video/H264 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
    ]);
    expect(wallCodecs([{ mimeType: "video/VP8" }])).toBeNull();
  });
  it("rates the link from two samples", () => {
    const a = { mid: "2", framesDecoded: 100, packetsReceived: 1000, packetsLost: 0, at: 0 };
    expect(readLink(undefined, a).online).toBe(false);
    expect(readLink(a, { ...a, framesDecoded: 115, packetsReceived: 1100, at: 1000 })).toEqual({ online: true, quality: "good", fps: 15, lossPercent: 0 });
    expect(readLink(a, { ...a, framesDecoded: 108, packetsReceived: 1095, packetsLost: 5, at: 1000 }).quality).toBe("fair");
    expect(readLink(a, { ...a, framesDecoded: 103, packetsReceived: 1080, packetsLost: 20, at: 1000 }).quality).toBe("poor");
    expect(readLink(a, { ...a, at: 1000 })).toMatchObject({ online: false, quality: "none" });
  });
});

describe("studio publisher", () => {
  it("puts H.264 packetization-mode 1 first", () => {
    const codecs = [{ mimeType: "video/VP8" }, { mimeType: "video/H264", sdpFmtpLine: "packetization-mode=0" }, { mimeType: "video/H264", sdpFmtpLine: "level-asymmetry-allowed=1;packetization-mode=1" }];
    expect(h264First(codecs)?.map((c) => c.sdpFmtpLine ?? c.mimeType)).toEqual(["level-asymmetry-allowed=1;packetization-mode=1", "video/VP8", "packetization-mode=0"]);
    expect(h264First([{ mimeType: "video/VP8" }])).toBeNull();
  });
  it("swaps ICE credentials after a restart", () => {
    const answer = "v=0\r\na=ice-ufrag:old\r\na=ice-pwd:oldpwd\r\nm=video 9\r\na=ice-ufrag:old\r\na=ice-pwd:oldpwd\r\n";
    expect(iceCredentials("a=ice-ufrag:new\r\na=ice-pwd:newpwd\r\n")).toEqual({ ufrag: "new", pwd: "newpwd" });
    expect(withIceCredentials(answer, "n", "p")).toBe("v=0\r\na=ice-ufrag:n\r\na=ice-pwd:p\r\nm=video 9\r\na=ice-ufrag:n\r\na=ice-pwd:p\r\n");
  });
  it("sees whether the relay kept simulcast", () => {
    expect(answerHasSimulcast("v=0\r\na=simulcast:recv l;m;h\r\n")).toBe(true);
    expect(answerHasSimulcast("v=0\r\n")).toBe(false);
  });
});

describe("studio recovery", () => {
  it("publishes anew when the relay lost the session, and tries again while it cannot be reached", () => {
    expect(restartOutcome(200)).toBe("restarted");
    expect(restartOutcome(404)).toBe("gone");
    expect(restartOutcome(410)).toBe("gone");
    expect(restartOutcome(401)).toBe("gone");
    expect(restartOutcome(502)).toBe("unreachable");
    expect(restartOutcome(503)).toBe("unreachable");
  });
  it("waits 1, 2, 4, 8 then 15 s between tries", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(recoveryDelaySeconds)).toEqual([1, 2, 4, 8, 15, 15, 15]);
  });
});
