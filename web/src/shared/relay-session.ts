// The browser half of a WHIP/WHEP session with the relay (RFC 9725 shape), shared by the studio,
// the player, the studio's room wall and the kiosk's wall camera. Tokens travel only in
// Authorization headers. docs/relay.md "Several producers" says which section gets what.

/** A created session: its resource URL (for GET sections, PATCH, DELETE) and the relay's answer. */
export interface RelaySession {
  resource: string;
  answer: string;
}

/** What a POST refused: the HTTP status and the problem's detail (already in the page's language). */
export class RelayRefusal extends Error {
  constructor(readonly status: number, detail: string) {
    super(detail);
    this.name = "RelayRefusal";
  }
}

/** Creates the offer, POSTs it to `url` and applies the answer. Throws {@link RelayRefusal} unless 201. */
export async function openSession(pc: RTCPeerConnection, url: string, token: string): Promise<RelaySession> {
  await pc.setLocalDescription(await pc.createOffer());
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/sdp", Authorization: `Bearer ${token}` },
    body: pc.localDescription!.sdp,
  });
  if (response.status !== 201) {
    const problem = await response.json().catch(() => ({ detail: response.statusText })) as { detail?: string };
    throw new RelayRefusal(response.status, problem.detail ?? String(response.status));
  }
  const resource = response.headers.get("Location") ?? "";
  const answer = await response.text();
  await pc.setRemoteDescription({ type: "answer", sdp: answer });
  return { resource, answer };
}

/** Ends a session (also from pagehide, where only a keepalive request still leaves). */
export function closeSession(session: RelaySession | null, token: string, keepalive = false): void {
  if (!session?.resource) return;
  void fetch(session.resource, { method: "DELETE", headers: { Authorization: `Bearer ${token}` }, keepalive }).catch(() => undefined);
}

/** The relay's name of each answered section by mid (its `a=msid:` stream id and track, e.g. "studio courseware"). */
export function labelsByMid(answer: string): Map<string, string> {
  const labels = new Map<string, string>();
  let mid: string | null = null;
  for (const line of answer.split(/\r?\n/)) {
    if (line.startsWith("m=")) mid = null;
    else if (line.startsWith("a=mid:")) mid = line.substring(6).trim();
    else if (line.startsWith("a=msid:") && mid !== null) labels.set(mid, line.substring(7).trim());
  }
  return labels;
}

/** One section of a WHEP session as GET /whep/{lesson}/{resource} reports it: the producer it shows now. */
export interface PlayerSection {
  mid: string;
  kind: string;
  wants: string;
  producer: string | null;
}

export async function sectionsOf(session: RelaySession, token: string): Promise<PlayerSection[]> {
  const response = await fetch(session.resource, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } });
  if (!response.ok) throw new RelayRefusal(response.status, response.statusText);
  const body = await response.json() as { sections: PlayerSection[] };
  return body.sections;
}

/**
 * Which receivers are decoding video now: a receiver counts as live while its decoded-frame count
 * grew since the previous look. Read from getStats once a second by the caller.
 */
export class FrameWatch {
  private readonly frames = new Map<string, number>();
  private readonly live = new Set<string>();

  /** Reads the peer's inbound video stats; returns the mids whose frames advanced. */
  async update(pc: RTCPeerConnection): Promise<ReadonlySet<string>> {
    const midOfTrack = new Map<string, string>();
    for (const t of pc.getTransceivers()) if (t.mid !== null) midOfTrack.set(t.receiver.track.id, t.mid);
    const stats = await pc.getStats();
    this.live.clear();
    stats.forEach((report: { type: string; kind?: string; mid?: string; trackIdentifier?: string; framesDecoded?: number }) => {
      if (report.type !== "inbound-rtp" || report.kind !== "video") return;
      const mid = report.mid ?? midOfTrack.get(report.trackIdentifier ?? "");
      if (mid === undefined) return;
      const decoded = report.framesDecoded ?? 0;
      if (decoded > (this.frames.get(mid) ?? 0)) this.live.add(mid);
      this.frames.set(mid, decoded);
    });
    return this.live;
  }
}
