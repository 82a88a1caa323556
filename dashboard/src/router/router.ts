// Client-side routing under /app with the History API: a location store, navigation, and a
// guard that lets a page with unsaved changes ask before the person leaves it.
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/app';

export interface AppLocation {
  /** Path inside the app, "/" or "/widgets/wdg_1" (no trailing slash). */
  path: string;
  query: URLSearchParams;
}

function read(): AppLocation {
  const raw = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '/';
  return { path: raw.replace(/\/+$/, '') || '/', query: new URLSearchParams(location.search) };
}

let current = read();
const listeners = new Set<() => void>();
const emit = () => {
  current = read();
  listeners.forEach((l) => l());
};

/** Asked before leaving the page; returns false to stay. One page holds it at a time. */
let leaveGuard: (() => boolean) | null = null;
export const setLeaveGuard = (guard: (() => boolean) | null) => {
  leaveGuard = guard;
};
const mayLeave = () => !leaveGuard || leaveGuard();

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  const url = BASE + (to === '/' ? '/' : to);
  if (url === location.pathname + location.search) return;
  // Only a change of page needs the guard; a page updating its own query string does not.
  const samePage = to.split('?')[0] === current.path;
  if (!samePage && !mayLeave()) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', url);
  if (!samePage) leaveGuard = null;
  emit();
  if (!samePage) scrollTo(0, 0);
}

addEventListener('popstate', () => {
  const next = read();
  // Back/forward cannot be cancelled: on "stay", put the page's URL back.
  if (next.path !== current.path && !mayLeave()) {
    history.pushState(null, '', BASE + current.path + (current.query.size ? `?${current.query}` : ''));
    return;
  }
  if (next.path !== current.path) leaveGuard = null;
  emit();
});

export function useLocation(): AppLocation {
  const [, rerender] = useState(0);
  useEffect(() => {
    const l = () => rerender((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return current;
}

/** Replaces the page's query (filters, paging) without a new history entry per keystroke. */
export function setQuery(values: Record<string, string | number | undefined | null>, { push = false } = {}): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  navigate(current.path + (s ? `?${s}` : ''), { replace: !push });
}

/** "/sites/:id" against "/sites/site_1" → { id: "site_1" }; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const a = path.split('/');
  if (p.length !== a.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) params[p[i]!.slice(1)] = decodeURIComponent(a[i]!);
    else if (p[i] !== a[i]) return null;
  }
  return params;
}
