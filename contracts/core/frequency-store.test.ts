// The frequency cap (contracts/core/display-rules.ts due()) read through the loader's storage.
import { describe, expect, it } from 'vitest';
import { due } from './display-rules.js';
import type { EmbedRules } from './embed.js';
import { createStore } from './frequency-store.js';

describe('due: frequency caps', () => {
  const DAY = 86_400_000;
  const fresh = () => {
    const local = new Map<string, string>();
    const session = new Map<string, string>();
    const storage = (m: Map<string, string>) => ({ getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) });
    return { local, session, store: createStore({ localStorage: storage(local), sessionStorage: storage(session) }) };
  };
  const now = Date.UTC(2026, 10, 22);

  const cases: [string, EmbedRules, (s: ReturnType<typeof fresh>) => void, number, boolean][] = [
    ['always, never shown', {}, () => {}, now, true],
    ['always, shown before', {}, (s) => s.local.set('wg.w', String(now)), now, true],
    ['session, not yet', { session: 1 }, () => {}, now, true],
    ['session, shown in this tab', { session: 1 }, (s) => s.session.set('wg.w', '1'), now, false],
    ['session, shown in another tab only (localStorage)', { session: 1 }, (s) => s.local.set('wg.w', String(now)), now, true],
    ['days, never shown', { every: 7 }, () => {}, now, true],
    ['days, within the period', { every: 7 }, (s) => s.local.set('wg.w', String(now - 6 * DAY)), now, false],
    ['days, the period is over', { every: 7 }, (s) => s.local.set('wg.w', String(now - 7 * DAY)), now, true],
    ['days, a garbage value shows', { every: 7 }, (s) => s.local.set('wg.w', 'x'), now, true],
    ['never after submit, not submitted', { once: 1 }, () => {}, now, true],
    ['never after submit, submitted', { once: 1 }, (s) => s.local.set('wg.w.s', '1'), now, false],
    ['days + never after submit, submitted long ago', { every: 1, once: 1 }, (s) => s.local.set('wg.w.s', '1'), now + 365 * DAY, false],
    ['session + never after submit, neither', { session: 1, once: 1 }, () => {}, now, true],
  ];
  it.each(cases)('%s', (_, r, before, at, expected) => {
    const s = fresh();
    before(s);
    expect(due({ id: 'w', r }, s.store, at)).toBe(expected);
  });
});

describe('store: the frequency storage', () => {
  it('falls back to memory when storage throws, and never throws itself', () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const store = createStore({ localStorage: throwing, sessionStorage: throwing });
    expect(store('w', 0)).toBeUndefined();
    expect(store('w', 0, '5')).toBe('5');
    expect(store('w', 0)).toBe('5');
    expect(store('w', 1)).toBeUndefined(); // session and local stay apart
  });

  it('survives a window whose storage getters throw', () => {
    const w = {} as { localStorage: never; sessionStorage: never };
    Object.defineProperty(w, 'localStorage', {
      get() {
        throw new Error('SecurityError');
      },
    });
    const store = createStore(w);
    expect(() => store('w', 0, '1')).not.toThrow();
    expect(store('w', 0)).toBe('1');
  });
});
