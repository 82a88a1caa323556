import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_RAW_KEY_LENGTH, WindowCounts } from './window-counts.js';

describe('window counts', () => {
  it('count long keys apart and together like short ones', () => {
    const counts = new WindowCounts();
    const long = (tail: string) => `${'k'.repeat(4 * MAX_RAW_KEY_LENGTH)}${tail}|203.0.113.7`;
    expect(counts.hit(long('a'), 1)).toBe(1);
    expect(counts.hit(long('a'), 1)).toBe(2);
    // Same long prefix, another ending: another key.
    expect(counts.hit(long('b'), 1)).toBe(1);
    expect(counts.hit('short|203.0.113.7', 1)).toBe(1);
    expect(counts.hit(long('a'), 2)).toBe(1);
  });

  it('hold a client-chosen 16 KB key per attempt in about the memory of a short one', () => {
    const counts = new WindowCounts();
    const keys = 5_000;
    const first = `${randomBytes(8_000).toString('hex')}|203.0.113.7`;
    counts.hit(first, 1);
    const before = process.memoryUsage().heapUsed;
    // Each attempt a new key near the HTTP header limit (16,000 characters, each key its own
    // string), as a client could send in the URL path.
    for (let i = 1; i < keys; i++) counts.hit(`${randomBytes(8_000).toString('hex')}|203.0.113.7`, 1);
    const grown = process.memoryUsage().heapUsed - before;
    // Kept as they came, the keys alone would be 5,000 x 16 KB = 80 MB; hashed, ~0.5 MB with the map
    // (the bound leaves room for the young generation's uncollected garbage, at most 16 MB here).
    expect(grown).toBeLessThan(40 * 2 ** 20);
    expect(counts.hit(first, 1)).toBe(2);
  });
});
