// The plain kiosk page's HLS fallback rule (web/src/pages/kiosk-hls.ts), tested here with the other core modules.
import { describe, expect, it } from "vitest";
import { hlsFallbackReason } from "../../../src/pages/kiosk-hls";

describe("hlsFallbackReason", () => {
  it("uses HLS when the address asks for it, even with WebRTC", () => expect(hlsFallbackReason("?lang=en&hls=1", true)).toBe("flag"));
  it("uses HLS when the browser has no WebRTC", () => expect(hlsFallbackReason("", false)).toBe("noWebrtc"));
  it("stays on WebRTC otherwise", () => {
    expect(hlsFallbackReason("", true)).toBeNull();
    expect(hlsFallbackReason("?hls=0", true)).toBeNull();
  });
});
