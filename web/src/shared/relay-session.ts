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

/**
 * Sessions this tab opened and has not ended, remembered in sessionStorage with the page load that
 * opened them. A page leaving ends its sessions with a keepalive DELETE from pagehide, which a busy
 * or reloading browser may lose; the relay then keeps the session until its ICE consent expires
 * (30 s), and it counts against the device's session cap (MediaRelay:MaxSessionsPerSubject). So the
 * next page load in the tab ends what an earlier load left behind before it opens its own
 * (docs/kiosk.md "Reloads").
 */
export interface SessionMemory {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

interface Remembered { resource: string; load: string }

const MEMORY_KEY = "classroom.relay.sessions";
const THIS_LOAD = Math.random().toString(36).slice(2) + Date.now().toString(36);

function defaultMemory(): SessionMemory | null {
  try { return typeof sessionStorage === "undefined" ? null : sessionStorage; } catch { return null; }
}

function read(memory: SessionMemory): Remembered[] {
  try {
    const list = JSON.parse(memory.getItem(MEMORY_KEY) ?? "[]") as unknown;
    return Array.isArray(list) ? list.filter((e): e is Remembered => typeof e?.resource === "string" && typeof e?.load === "string") : [];
  } catch {
    return [];
  }
}

function write(memory: SessionMemory, list: Remembered[]): void {
  try { memory.setItem(MEMORY_KEY, JSON.stringify(list.slice(-20))); } catch { /* storage full or denied: only the cleanup is lost */ }
}

/** Remembers a session opened by this page load. */
export function rememberSession(resource: string, memory = defaultMemory(), load = THIS_LOAD): void {
  if (!memory || !resource) return;
  write(memory, [...read(memory).filter((e) => e.resource !== resource), { resource, load }]);
}

/** Forgets a session that was ended. */
export function forgetSession(resource: string, memory = defaultMemory()): void {
  if (!memory || !resource) return;
  write(memory, read(memory).filter((e) => e.resource !== resource));
}

/**
 * The sessions earlier page loads of this tab left on the endpoint `url` (same WHIP/WHEP kind and
 * lesson; the query is ignored). Sessions of this load are never returned: they are live.
 */
export function leftBehind(url: string, memory = defaultMemory(), load = THIS_LOAD): string[] {
  if (!memory) return [];
  const prefix = url.split("?")[0].replace(/\/+$/, "") + "/";
  return read(memory).filter((e) => e.load !== load && e.resource.split("?")[0].startsWith(prefix)).map((e) => e.resource);
}

/** Ends what earlier loads left on `url` ("?leave=1": a page that left, not the end of a lesson); bounded, never throws. */
async function endLeftBehind(url: string, token: string): Promise<void> {
  const left = leftBehind(url);
  if (left.length === 0) return;
  await Promise.all(left.map(async (resource) => {
    const separator = resource.includes("?") ? "&" : "?";
    await fetch(`${resource}${separator}leave=1`, { method: "DELETE", headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(3000) }).catch(() => undefined);
    forgetSession(resource); // ended, already gone (404) or not ours to end (403): nothing more to do
  }));
}

/** Creates the offer, POSTs it to `url` and applies the answer. Throws {@link RelayRefusal} unless 201. */
export async function openSession(pc: RTCPeerConnection, url: string, token: string): Promise<RelaySession> {
  await endLeftBehind(url, token);
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
  rememberSession(resource);
  const answer = await response.text();
  await pc.setRemoteDescription({ type: "answer", sdp: answer });
  return { resource, answer };
}

/**
 * Ends a session (also from pagehide, where only a keepalive request still leaves). A keepalive
 * DELETE may be lost, so the session stays remembered and the next load ends it again.
 */
export function closeSession(session: RelaySession | null, token: string, keepalive = false): void {
  if (!session?.resource) return;
  if (!keepalive) forgetSession(session.resource);
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
