// The lesson hub client: one SignalR connection that reconnects forever, re-reads the lesson
// state after every (re)connect, and sends records only through the persistent outbox.
import type * as SignalR from "@microsoft/signalr";
import { api } from "./api.js";
import { Outbox } from "./outbox.js";
import { alignMediaStart, mediaStartKey } from "./media-time.js";

// The SignalR browser bundle (vendor/signalr.min.js) defines the global `signalR`.
declare const signalR: typeof SignalR;

export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "offline";

/** Codes the hub puts in front of an error message (docs/hub.md). */
export type HubErrorCode = "forbidden" | "rate_limited" | "too_large" | "invalid" | "not_found" | "conflict" | "unavailable" | "unexpected";

/** SignalR relays a server HubException as "... HubException: code: detail". */
export function errorCode(error: unknown): HubErrorCode {
  const text = error instanceof Error ? error.message : String(error);
  const match = /HubException: ([a-z_]+):/.exec(text);
  return (match?.[1] as HubErrorCode | undefined) ?? "unexpected";
}

/** Only these mean "try again later"; anything else is a definite no and leaves the outbox. */
const RETRYABLE = new Set<HubErrorCode>(["unavailable", "rate_limited", "unexpected"]);

export interface HubClientOptions {
  url?: string;
  /** The caller's join token (renewed by the source when it nears expiry); exchanged for a short hub ticket on every (re)connect. */
  joinToken: () => Promise<string>;
  outboxName: string;
  onStatus?: (status: ConnectionStatus) => void;
  onState?: (state: unknown) => void;
  onPending?: (count: number) => void;
  onRejected?: (method: string, payload: unknown, code: HubErrorCode) => void;
}

export class LessonHubClient {
  readonly connection: SignalR.HubConnection;
  private flushing = false;
  private stopped = false;

  private constructor(private readonly options: HubClientOptions, private readonly outbox: Outbox) {
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(options.url ?? "/hub/lesson", { accessTokenFactory: () => hubTicket(options.joinToken) })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: () => 1000 + Math.random() * 2000 })
      .build();
    this.connection.onreconnecting(() => options.onStatus?.("reconnecting"));
    this.connection.onreconnected(() => void this.afterConnect());
    this.connection.onclose(() => { if (!this.stopped) void this.startLoop(); });
    this.connection.on("Resync", () => void this.refresh());
  }

  static async create(options: HubClientOptions): Promise<LessonHubClient> {
    const client = new LessonHubClient(options, await Outbox.open(options.outboxName));
    options.onPending?.(await client.outbox.count());
    void client.startLoop();
    // Flush on a timer too: a record that failed with "unavailable" is retried without a reconnect.
    setInterval(() => void client.flush(), 5000);
    setInterval(() => { if (client.connected) void client.connection.invoke("Heartbeat").catch(() => undefined); }, 15000);
    return client;
  }

  get connected(): boolean {
    return this.connection.state === signalR.HubConnectionState.Connected;
  }

  on(event: string, handler: (...args: any[]) => void): void {
    this.connection.on(event, handler);
  }

  /** Stores the record in the outbox first, then tries to send it. */
  async send(method: string, payload: { id: string } & Record<string, unknown>): Promise<void> {
    await this.outbox.add(method, payload);
    this.options.onPending?.(await this.outbox.count());
    await this.flush();
  }

  /** Calls that are not records (teacher actions) go straight to the hub and may fail. */
  invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.connection.invoke<T>(method, ...args);
  }

  async refresh(): Promise<void> {
    if (!this.connected) return;
    const state = await this.connection.invoke<{ lessonId?: string; serverTimeMs?: number; mediaStartedAtMs?: number | null }>("GetLessonState");
    // The lesson's media time counts from its recording's start (docs/hub.md "Media time").
    if (state?.lessonId) alignMediaStart(state.lessonId, state.mediaStartedAtMs, state.serverTimeMs ?? 0, Date.now(), localStorage, location.search);
    this.options.onState?.(state);
  }

  /** Sends pending records one at a time, oldest first; stops at the first retryable failure. */
  async flush(): Promise<void> {
    if (this.flushing || !this.connected) return;
    this.flushing = true;
    try {
      for (const record of await this.outbox.pending()) {
        try {
          await this.connection.invoke(record.method, record.payload);
          await this.outbox.remove(record.id);
        } catch (error) {
          const code = errorCode(error);
          if (RETRYABLE.has(code) || !this.connected) {
            await this.outbox.bumpAttempts(record);
            break;
          }
          await this.outbox.remove(record.id);
          this.options.onRejected?.(record.method, record.payload, code);
        }
      }
    } finally {
      this.flushing = false;
      this.options.onPending?.(await this.outbox.count());
    }
  }

  private async startLoop(): Promise<void> {
    this.options.onStatus?.("connecting");
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.connection.start();
        await this.afterConnect();
        return;
      } catch {
        this.options.onStatus?.("offline");
        await new Promise((r) => setTimeout(r, Math.min(10000, 1000 * (attempt + 1))));
      }
    }
  }

  private async afterConnect(): Promise<void> {
    this.options.onStatus?.("connected");
    await this.refresh().catch(() => undefined);
    await this.flush();
  }
}

/**
 * SignalR puts its access token into the WebSocket URL (?access_token=), where proxies log it: so
 * the long join token goes in an Authorization header to /hub/lesson/ticket, and only the short
 * single-purpose ticket it returns rides in the URL.
 */
export async function hubTicket(joinToken: () => Promise<string>): Promise<string> {
  const token = await joinToken();
  const reply = await api<{ ticket: string; expiresIn: number }>("/hub/lesson/ticket", {
    method: "POST", headers: { Authorization: `Bearer ${token}` }, signInOn401: false,
  });
  return reply.ticket;
}

/** Media time: ms since the lesson's media started (given in the page URL as mediaStart, else the scheduled start). */
export function mediaTimeMs(mediaStartEpochMs: number): number {
  return Math.max(0, Date.now() - mediaStartEpochMs);
}

// The join token's claims: read (not verified — the hub verifies) for record fields.
export interface TokenInfo {
  role: string;
  lesson: string;
  room?: number;
  school?: number;
  sub: string;
}

export function readToken(token: string): TokenInfo {
  const part = token.split(".")[1] ?? "";
  const json = atob(part.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((part.length + 3) % 4));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as TokenInfo;
}

/**
 * When the lesson's media started (epoch ms of this PC's clock): ?mediaStart=…, else the lesson's
 * recording start once the hub told it (alignMediaStart), else the first time this page joined.
 */
export function mediaStart(lesson: string): number {
  const fromUrl = Number(new URLSearchParams(location.search).get("mediaStart"));
  const key = mediaStartKey(lesson);
  if (fromUrl > 0) localStorage.setItem(key, String(fromUrl));
  const stored = Number(localStorage.getItem(key));
  if (stored > 0) return stored;
  const now = Date.now();
  localStorage.setItem(key, String(now));
  return now;
}
