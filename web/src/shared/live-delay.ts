// How far a live HLS player is behind the live edge (shared by the kiosk's HLS fallback and the Vue pages).

/** Seconds behind the live edge (hls.js latency, or the seekable end) at this playback time, ≥ 0, one decimal; null when unknown. */
export function liveDelaySeconds(liveEdgeSeconds: number | null | undefined, currentTimeSeconds: number): number | null {
  if (liveEdgeSeconds == null || !Number.isFinite(liveEdgeSeconds) || !Number.isFinite(currentTimeSeconds)) return null;
  return Math.max(0, Math.round((liveEdgeSeconds - currentTimeSeconds) * 10) / 10);
}
