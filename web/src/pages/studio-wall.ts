// The studio's room wall (互动课堂: the lead teacher sees every remote class): one WHEP session
// `?producers=stage,rooms` — the room on stage (one audio + one video section, seen and heard) and
// then one video section per wall slot. The relay fills slots with the rooms that publish their
// low-resolution cameras; GET on the session says which room each slot shows now (polled), and
// each tile is a room: named from the lesson's pairings, online while its frames decode.
import { fill, t } from "../shared/i18n.js";
import { FrameWatch, RelayRefusal, closeSession, labelsByMid, openSession, sectionsOf, type RelaySession } from "../shared/relay-session.js";

export interface WallOptions {
  lesson: string;
  joinToken: () => Promise<string>;
  /** Paired rooms by classroom id (their names), when the page could read the lesson; else null. */
  rooms: Map<number, string> | null;
  grid: HTMLElement;
  stage: HTMLElement;
}

/** Slots when the page does not know how many rooms the lesson has. */
const DEFAULT_SLOTS = 12;
const SECTIONS_POLL_MS = 3000;
const FRAMES_POLL_MS = 1000;

interface Tile { root: HTMLElement; video: HTMLVideoElement; state: HTMLElement; mid: string | null }

export function startWall(o: WallOptions): { stop(): void } {
  const slots = Math.max(1, o.rooms?.size || DEFAULT_SLOTS);
  const tiles = new Map<string, Tile>();
  const nameOf = (producer: string) => {
    const id = Number(producer.substring(producer.indexOf(":") + 1));
    return o.rooms?.get(id) ?? fill(t("wall.roomNumber"), { id });
  };
  const tileFor = (producer: string): Tile => {
    let tile = tiles.get(producer);
    if (!tile) {
      tile = makeTile(nameOf(producer));
      tile.root.dataset.producer = producer;
      tiles.set(producer, tile);
      o.grid.append(tile.root);
    }
    return tile;
  };
  for (const id of o.rooms?.keys() ?? []) tileFor(`room:${id}`);
  o.grid.dataset.slots = String(slots);

  const stageTile = makeTile("");
  stageTile.root.dataset.testid = "stage-tile";
  const stageAudio = document.createElement("audio");
  stageAudio.autoplay = true;
  o.stage.replaceChildren(stageTile.root, stageAudio);
  o.stage.hidden = true;

  let pc: RTCPeerConnection | null = null;
  let session: RelaySession | null = null;
  let token = "";
  let stopped = false;
  const watch = new FrameWatch();
  const streams = new Map<string, MediaStream>();

  async function connect(): Promise<void> {
    token = await o.joinToken();
    const peer = new RTCPeerConnection({ bundlePolicy: "max-bundle" });
    pc = peer;
    peer.addTransceiver("audio", { direction: "recvonly" });
    for (let i = 0; i < 1 + slots; i++) peer.addTransceiver("video", { direction: "recvonly" });
    peer.onconnectionstatechange = () => { if (peer === pc && peer.connectionState === "failed") reconnect(); };
    session = await openSession(peer, `/whep/${encodeURIComponent(o.lesson)}?producers=stage,rooms`, token);
    const labels = labelsByMid(session.answer);
    streams.clear();
    for (const transceiver of peer.getTransceivers()) {
      if (transceiver.mid === null) continue;
      const stream = new MediaStream([transceiver.receiver.track]);
      streams.set(transceiver.mid, stream);
      if (labels.get(transceiver.mid) === "stage audio") stageAudio.srcObject = stream;
      if (labels.get(transceiver.mid) === "stage video") { stageTile.video.srcObject = stream; stageTile.mid = transceiver.mid; }
    }
  }

  function reconnect(e?: unknown): void {
    // A token that may not watch (401/403) stays refused: the wall stays empty rather than retrying.
    if (stopped || (e instanceof RelayRefusal && (e.status === 401 || e.status === 403))) return;
    pc?.close();
    pc = null;
    setTimeout(() => void connect().catch(reconnect), 3000);
  }

  // Which room each slot shows: tiles follow their room from slot to slot.
  async function place(): Promise<void> {
    if (!session || !pc) return;
    const sections = await sectionsOf(session, token);
    const shown = new Set<string>();
    for (const section of sections) {
      if (section.kind !== "video" || !section.producer) continue;
      if (section.wants === "rooms") {
        const tile = tileFor(section.producer);
        shown.add(section.producer);
        if (tile.mid !== section.mid) { tile.mid = section.mid; tile.video.srcObject = streams.get(section.mid) ?? null; }
      } else if (section.wants === "stage") {
        stageTile.root.dataset.producer = section.producer;
        (stageTile.root.querySelector(".name") as HTMLElement).textContent = fill(t("wall.onStage"), { name: nameOf(section.producer) });
      }
    }
    o.stage.hidden = !sections.some((s) => s.wants === "stage" && s.kind === "video" && s.producer);
    for (const [producer, tile] of tiles) {
      if (!shown.has(producer) && tile.mid !== null) { tile.mid = null; tile.video.srcObject = null; }
    }
  }

  async function frames(): Promise<void> {
    const live = pc ? await watch.update(pc) : new Set<string>();
    for (const tile of [...tiles.values(), stageTile]) {
      const online = tile.mid !== null && live.has(tile.mid);
      tile.root.dataset.state = online ? "online" : "offline";
      tile.state.textContent = t(online ? "wall.online" : "wall.offline");
    }
  }

  void connect().catch(reconnect);
  const sectionTimer = setInterval(() => void place().catch(() => undefined), SECTIONS_POLL_MS);
  const frameTimer = setInterval(() => void frames().catch(() => undefined), FRAMES_POLL_MS);
  return {
    stop() {
      stopped = true;
      clearInterval(sectionTimer);
      clearInterval(frameTimer);
      closeSession(session, token, true);
      pc?.close();
    },
  };
}

function makeTile(name: string): Tile {
  const root = document.createElement("figure");
  root.className = "tile";
  root.dataset.testid = "wall-tile";
  root.dataset.state = "offline";
  const video = document.createElement("video");
  video.autoplay = true;
  video.muted = true;
  video.playsInline = true;
  const caption = document.createElement("figcaption");
  const label = document.createElement("span");
  label.className = "name";
  label.textContent = name;
  const state = document.createElement("span");
  state.className = "state";
  state.textContent = t("wall.offline");
  caption.append(label, " ", state);
  root.append(video, caption);
  return { root, video, state, mid: null };
}
