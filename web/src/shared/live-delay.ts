// How far a live HLS player is behind the live edge (shared by the kiosk's HLS fallback and the Vue pages).

/** The parts of an hls.js player the live edge is read from: its levels' playlists. */
export interface HlsEdgeSource {
  currentLevel: number;
  levels: { details?: { edge: number; age: number } }[];
}

/**
 * The live edge now, in media seconds: the playlist's end plus the time since it was loaded (hls.js's
 * own estimate), read when asked. hls.js's `latency` is computed on its own timeupdate and, just after
 * its seek to the live position, can still be the one from before it (the whole playlist "behind").
 * Without hls.js (native HLS), the end of the seekable range; null when unknown.
 */
export function liveEdgeSeconds(hls: HlsEdgeSource | null, video: HTMLMediaElement): number | null {
  const details = hls ? (hls.levels[hls.currentLevel] ?? hls.levels.find((l) => l.details))?.details : undefined;
  if (details && Number.isFinite(details.edge) && details.edge > 0) return details.edge + details.age;
  return video.seekable.length ? video.seekable.end(video.seekable.length - 1) : null;
}

/** Seconds behind the live edge at this playback time, ≥ 0, one decimal; null when unknown. */
export function liveDelaySeconds(liveEdgeSeconds: number | null | undefined, currentTimeSeconds: number): number | null {
  if (liveEdgeSeconds == null || !Number.isFinite(liveEdgeSeconds) || !Number.isFinite(currentTimeSeconds)) return null;
  return Math.max(0, Math.round((liveEdgeSeconds - currentTimeSeconds) * 10) / 10);
}
