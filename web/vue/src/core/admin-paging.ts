// Server-side paging of the admin console's long lists (docs/admin-paging.md): the people of a
// place and the recordings. The server answers one page as the plain list it always answered and
// the count of every match in X-Total-Count; page is 1-based, pageSize bounded by the server.
// Framework-free, so Vitest drives it (admin-paging.test.ts).
import { api } from "../../../src/shared/api";

/** Rows per page in the console's paged lists (the server allows up to 500 people, 200 recordings). */
export const PageSize = 20;

export interface Paged<T> {
  rows: T[];
  total: number;
}

/** The list address with its search, filters and page: empty values left out, the search trimmed. */
export function pagedUrl(base: string, params: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const text = typeof value === "string" ? value.trim() : value;
    if (text === "" || text == null) continue;
    query.set(key, String(text));
  }
  const s = query.toString();
  return s ? `${base}${base.includes("?") ? "&" : "?"}${s}` : base;
}

/** The total a paged answer carries; the rows' count when the header is missing (an older server). */
export function totalOf(header: string | null, rows: number): number {
  const n = header == null ? NaN : Number(header);
  return Number.isInteger(n) && n >= 0 ? n : rows;
}

/** The last page that has rows (1 when nothing matches): where a view goes back to when its page emptied. */
export function lastPage(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** One page of a list: GET the address, the rows from the body and the total from X-Total-Count. */
export async function fetchPage<T>(url: string, onHeaders?: (headers: Headers) => void): Promise<Paged<T>> {
  let header: string | null = null;
  const rows = await api<T[]>(url, { onResponse: (r) => { header = r.headers.get("X-Total-Count"); onHeaders?.(r.headers); } });
  return { rows, total: totalOf(header, rows.length) };
}

/** A paged view's state kept in the hash ("#people?q=王&page=2"), so a reload or a shared link shows the same page. */
export function readHashState(hash: string, view: string): { q: string; page: number } {
  const [name, query = ""] = hash.replace(/^#\/?/, "").split("?");
  if (name !== view) return { q: "", page: 1 };
  const params = new URLSearchParams(query);
  const page = Number(params.get("page"));
  return { q: params.get("q") ?? "", page: Number.isInteger(page) && page >= 1 ? page : 1 };
}

/** The hash of a paged view's state; page 1 and an empty search are left out. */
export function hashOf(view: string, state: { q: string; page: number }): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q.trim());
  if (state.page > 1) params.set("page", String(state.page));
  const s = params.toString();
  return s ? `#${view}?${s}` : `#${view}`;
}
