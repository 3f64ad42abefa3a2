// What the lesson's WHEP session shows, as the player page (web/src/pages/player.ts) does it, for
// the Vue pages: each answered section's picture by the relay's msid label, and the layout by
// what decodes — courseware large with the camera small while courseware plays (swappable),
// else the camera large; a room on stage in its own tile. Framework-free (Vitest).

export type Picture = "camera" | "courseware" | "stage";

/** The picture a section carries, from its answer label (labelsByMid in web/src/shared/relay-session.ts). */
export function pictureOf(label: string): Picture | null {
  switch (label) {
    case "studio camera": return "camera";
    case "studio courseware": return "courseware";
    case "stage video": return "stage";
    default: return null;
  }
}

export interface Layout {
  large: Picture | null;
  small: Picture | null;
  stage: boolean;
  canSwap: boolean;
}

/** Where each picture goes, given which pictures decode now. */
export function layoutOf(playing: ReadonlySet<Picture>, swapped: boolean): Layout {
  const courseware = playing.has("courseware");
  const camera = playing.has("camera");
  if (courseware && camera) return { large: swapped ? "camera" : "courseware", small: swapped ? "courseware" : "camera", stage: playing.has("stage"), canSwap: true };
  return { large: courseware ? "courseware" : "camera", small: null, stage: playing.has("stage"), canSwap: false };
}

/** ICE restart through PATCH (RFC 9725 §4.4.1): the sdpfrag the client sends, from its restart offer. */
export function iceRestartFragment(offerSdp: string): string | null {
  const ufrag = /a=ice-ufrag:(.*)/.exec(offerSdp)?.[1]?.trim();
  const pwd = /a=ice-pwd:(.*)/.exec(offerSdp)?.[1]?.trim();
  return ufrag && pwd ? `a=ice-ufrag:${ufrag}\r\na=ice-pwd:${pwd}\r\n` : null;
}

/** The relay's answer with the new credentials from its PATCH reply (candidates stay: the relay's address does not change). */
export function applyIceRestart(answerSdp: string, fragment: string): string | null {
  const ufrag = /a=ice-ufrag:(.*)/.exec(fragment)?.[1]?.trim();
  const pwd = /a=ice-pwd:(.*)/.exec(fragment)?.[1]?.trim();
  if (!ufrag || !pwd) return null;
  return answerSdp.replace(/a=ice-ufrag:.*\r?\n/g, `a=ice-ufrag:${ufrag}\r\n`).replace(/a=ice-pwd:.*\r?\n/g, `a=ice-pwd:${pwd}\r\n`);
}
