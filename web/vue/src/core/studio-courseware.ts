// Where the studio console's courseware (its second video track) comes from: a screen or window share
// (getDisplayMedia) where the browser has it; otherwise — and with ?courseware=canvas, which the
// page tests use because headless Chromium has no screen to share — a slide drawn on a canvas.

export interface CoursewareSource {
  track: MediaStreamTrack;
  /** "screen" (a shared screen or window) or "canvas" (the drawn slide). */
  kind: "screen" | "canvas";
  stop(): void;
}

/** Asks for a screen or window; null when the teacher cancels the browser's picker. */
export async function openCourseware(forceCanvas: boolean, slideTitle: string): Promise<CoursewareSource | null> {
  if (!forceCanvas && typeof navigator.mediaDevices?.getDisplayMedia === "function") {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 10, max: 15 } }, audio: false });
    } catch (e) {
      if (e instanceof DOMException && e.name === "NotAllowedError") return null; // cancelled
      throw e;
    }
    const track = stream.getVideoTracks()[0];
    track.contentHint = "detail"; // text stays sharp; the encoder drops frames rather than detail
    return { track, kind: "screen", stop: () => track.stop() };
  }
  return canvasSlide(slideTitle);
}

/** A 1280×720 slide redrawn 10 times a second (a moving line shows that it is live). */
function canvasSlide(title: string): CoursewareSource {
  const canvas = document.createElement("canvas");
  canvas.width = 1280;
  canvas.height = 720;
  const g = canvas.getContext("2d")!;
  let frame = 0;
  const draw = () => {
    frame++;
    g.fillStyle = "#f4f1e8";
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = "#1f5fa8";
    g.fillRect(0, 0, canvas.width, 110);
    g.fillStyle = "#fff";
    g.font = "bold 56px 'Noto Sans CJK SC', sans-serif";
    g.fillText(title, 48, 76);
    g.fillStyle = "#1d2733";
    g.font = "44px 'Noto Sans CJK SC', sans-serif";
    ["♩ = 96", "1 2 3 | 5 — | 6 5 3 | 2 — |", "do re mi | sol — | la sol mi | re — |"].forEach((line, i) => g.fillText(line, 80, 240 + i * 110));
    const x = 80 + ((frame * 8) % 1120);
    g.fillStyle = "#d9480f";
    g.fillRect(x, 560, 12, 80);
  };
  draw();
  const timer = setInterval(draw, 100);
  const track = canvas.captureStream(10).getVideoTracks()[0];
  track.contentHint = "detail";
  return { track, kind: "canvas", stop: () => { clearInterval(timer); track.stop(); } };
}
