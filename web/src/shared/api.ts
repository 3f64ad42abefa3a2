// The one way pages talk to the server's JSON API: same-origin cookies, the page's language,
// the antiforgery header on every state change, RFC 9457 problems as a typed error, and a trip
// to the sign-in page when the session is missing.
import { currentLocale, t } from "./i18n.js";

export type Role = "district-admin" | "alliance-admin" | "school-admin" | "teacher" | "auditor" | "student" | "device" | "researcher";

export interface Grant {
  role: Role;
  allianceId?: number | null;
  schoolId?: number | null;
  classroomId?: number | null;
  teacherId?: number | null;
  studioId?: number | null;
}

export interface Me {
  subject: string;
  name: string;
  userName?: string | null;
  isDevice: boolean;
  mustChangePassword: boolean;
  twoFactorEnabled: boolean;
  grants: Grant[];
}

export interface Session {
  signedIn: boolean;
  csrf: string;
  me: Me | null;
}

/** A refused or failed request: the problem's title/detail are already in the page's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly body: unknown,
  ) {
    super(detail || title || String(status));
    this.name = "ApiError";
  }
}

export interface ApiOptions extends RequestInit {
  /** On 401 go to the sign-in page (default). Pages that work signed out (sign-in, kiosk) pass false. */
  signInOn401?: boolean;
  /** Send this JSON as the body (sets Content-Type). */
  json?: unknown;
  /** Sees the successful response (its headers, e.g. a paged list's X-Total-Count) before the body is returned. */
  onResponse?: (response: Response) => void;
}

const UNSAFE = /^(POST|PUT|PATCH|DELETE)$/i;
let cached: Promise<Session> | null = null;

/** Who is signed in, and the antiforgery token bound to that session. Cached until {@link forgetSession}. */
export function session(): Promise<Session> {
  cached ??= request<Session>("/api/auth/session", { signInOn401: false }).catch((e: unknown) => {
    cached = null;
    throw e;
  });
  return cached;
}

/** After sign-in, sign-out or enrolment the antiforgery token changes (it is bound to the user): read it again. */
export function forgetSession(): void {
  cached = null;
}

/** The JSON API call. Resolves with the parsed body (undefined for 204), throws {@link ApiError}. */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  return request<T>(path, options);
}

async function request<T>(path: string, options: ApiOptions): Promise<T> {
  const { signInOn401 = true, json, onResponse, ...init } = options;
  const headers = new Headers(init.headers);
  headers.set("Accept-Language", currentLocale() === "en" ? "en" : "zh-CN");
  if (!headers.has("Accept")) headers.set("Accept", "application/json, application/problem+json");
  if (json !== undefined) {
    headers.set("Content-Type", "application/json");
    init.body = JSON.stringify(json);
  }
  const method = init.method ?? (init.body ? "POST" : "GET");
  // Only cookie-authenticated changes need the antiforgery token; a request that carries its own
  // bearer credential (a join token to the hub or relay) rides on no ambient authority.
  if (UNSAFE.test(method) && path !== "/api/auth/session" && !headers.has("Authorization")) headers.set("X-CSRF-TOKEN", (await session()).csrf);

  let response: Response;
  try {
    response = await fetch(path, { ...init, method, headers, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network", t("common.error"), t("common.network"), null);
  }
  const type = response.headers.get("content-type") ?? "";
  const body: unknown = type.includes("json") ? await response.json().catch(() => null) : response.status === 204 ? undefined : await response.text();
  if (response.ok) {
    onResponse?.(response);
    return body as T;
  }

  const problem = (body && typeof body === "object" ? body : {}) as { title?: string; detail?: string; code?: string; errors?: Record<string, string[]> };
  // A field's message already in the detail (a problem about one field often repeats it there) is said once.
  const fields = problem.errors ? Object.values(problem.errors).flat().filter((m) => !problem.detail?.includes(m)).join(" ") : "";
  const error = new ApiError(response.status, problem.code ?? String(response.status), problem.title ?? response.statusText,
    [problem.detail, fields].filter(Boolean).join(" ") || problem.title || response.statusText, body);
  if (response.status === 401 && signInOn401) {
    goToSignIn();
    // Leave the page as it is while the browser navigates away.
    await new Promise(() => undefined);
  }
  throw error;
}

/** The current page as a same-origin relative path (what sign-in accepts as returnUrl). */
export function currentPath(): string {
  return location.pathname + location.search;
}

export function goToSignIn(): void {
  location.assign("/sign-in.html?returnUrl=" + encodeURIComponent(currentPath()));
}

/** Only "/x…" paths of this site: never "//host", "/\\host" or an absolute URL (no open redirect). */
export function safeReturnUrl(value: string | null): string | null {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  try {
    const url = new URL(value, location.origin);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

const ADMIN_ROLES: Role[] = ["district-admin", "alliance-admin", "school-admin", "auditor"];

export function hasRole(me: Me | null, ...roles: Role[]): boolean {
  return !!me?.grants.some((g) => roles.includes(g.role));
}

/**
 * Where a person lands after sign-in when no page asked for them: admins and auditors → the admin
 * console (it opens the view their grants allow: auditors the audit log), teachers → my lessons,
 * researchers and students → the replay page's lessons. The plain /admin.html is retired (it
 * answers 301 to the console: docs/admin-console.md "The plain page retired").
 */
export function homeFor(me: Me | null): string {
  if (hasRole(me, ...ADMIN_ROLES)) return "/vue/admin.html";
  if (hasRole(me, "teacher")) return "/vue/teacher.html";
  if (hasRole(me, "device")) return "/vue/kiosk.html";
  if (hasRole(me, "researcher", "student")) return "/vue/replay.html";
  return "/index.html";
}

/** For pages that need a person: the session's person, or a trip to the sign-in page. */
export async function requireSignIn(): Promise<Me> {
  const s = await session();
  if (!s.signedIn || !s.me) {
    goToSignIn();
    await new Promise(() => undefined);
  }
  return s.me!;
}

/** Signs out and opens the sign-in page. */
export async function signOut(): Promise<void> {
  await api("/api/auth/sign-out", { method: "POST", signInOn401: false }).catch(() => undefined);
  forgetSession();
  location.assign("/sign-in.html");
}

/** Fills <div data-user-bar> with "signed in as …", a link to the account page and a sign-out button. */
export function userBar(me: Me, container: HTMLElement | null = document.querySelector<HTMLElement>("[data-user-bar]")): void {
  if (!container) return;
  const who = document.createElement("span");
  who.dataset.testid = "signed-in-as";
  who.textContent = t("common.signedInAs").replace("{name}", me.name || me.userName || me.subject);
  const account = document.createElement("a");
  account.href = "/account.html";
  account.textContent = t("common.account");
  const out = document.createElement("button");
  out.type = "button";
  out.dataset.testid = "sign-out";
  out.textContent = t("common.signOut");
  out.addEventListener("click", () => void signOut());
  container.replaceChildren(who, " ", account, " ", out);
}

/** One line of text for any thrown value. */
export function describe(error: unknown): string {
  if (error instanceof ApiError) return error.detail || error.title;
  return error instanceof Error ? error.message : String(error);
}
