import { describe, expect, it } from 'vitest';
import { RecentMap } from './recent-map.js';

describe('RecentMap', () => {
  it('drops the least recently used entry when full, not all of them', () => {
    const m = new RecentMap<string, number>(3);
    m.set('a', 1);
    m.set('b', 2);
    m.set('c', 3);
    expect(m.get('a')).toBe(1); // a is now the most recently used
    m.set('d', 4);
    expect(m.size).toBe(3);
    expect(m.get('b')).toBeUndefined();
    expect([m.get('a'), m.get('c'), m.get('d')]).toEqual([1, 3, 4]);
  });

  it('counts a new value for a known key as a use and keeps the size', () => {
    const m = new RecentMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    m.set('a', 10);
    m.set('c', 3);
    expect(m.get('b')).toBeUndefined();
    expect(m.get('a')).toBe(10);
    expect(m.size).toBe(2);
  });
});

describe('RecentMap under many keys', () => {
  it('never drops a key used at least once per max/2 insertions, and drops the unused ones first', () => {
    const m = new RecentMap<string, number>(100);
    m.set('busy', 0);
    for (let i = 0; i < 10_000; i++) {
      m.set(`passing-${i}`, i);
      if (i % 50 === 0) expect(m.get('busy')).toBe(0);
      expect(m.size).toBeLessThanOrEqual(100);
    }
    expect(m.get('busy')).toBe(0);
    expect(m.get('passing-9899')).toBeUndefined();
    expect(m.get('passing-9999')).toBe(9999);
  });
});
