import { describe, expect, it } from 'vitest';
import { idleGcDecider } from './idle-gc.js';

const MB = 2 ** 20;
const rule = { quietReadings: 3, quietGrowthBytes: 1 * MB, minGainBytes: 16 * MB };
const at = (usedMb: number, physicalMb: number) => ({ used: usedMb * MB, physical: physicalMb * MB });

describe('idle collection', () => {
  it('collects once the heap has stopped growing for three readings after a busy spell, and not again until it grows', () => {
    const d = idleGcDecider(rule);
    // Started: small heap, quiet, nothing to gain.
    expect([at(20, 40), at(20.1, 40), at(20.2, 40), at(20.3, 40)].map((r) => d.reading(r))).toEqual([false, false, false, false]);
    // Load: the heap grows by megabytes per reading, and scavenges make it shrink now and then.
    expect([at(40, 60), at(70, 90), at(50, 100), at(90, 110)].map((r) => d.reading(r))).toEqual([false, false, false, false]);
    // Quiet again: the third quiet reading collects.
    expect([at(90.2, 110), at(90.4, 110), at(90.5, 110)].map((r) => d.reading(r))).toEqual([false, false, true]);
    d.collected(at(25, 45));
    // Idle afterwards: nothing more to gain, no further collection.
    expect(Array.from({ length: 10 }, (_, i) => d.reading(at(25 + i * 0.1, 45)))).toEqual(Array(10).fill(false));
  });

  it('waits while the heap keeps growing even slowly above the quiet rate, and when a collection of its own ran meanwhile', () => {
    const d = idleGcDecider(rule);
    d.reading(at(20, 40));
    d.reading(at(80, 100));
    // 2 MB per reading: still busy.
    expect([at(82, 100), at(84, 100), at(86, 100), at(88, 100)].map((r) => d.reading(r))).toEqual([false, false, false, false]);
    // Two quiet readings, then V8 collected by itself (used fell): the count starts over.
    expect([at(88.1, 100), at(88.2, 100), at(60, 100), at(60.1, 100), at(60.2, 100), at(60.3, 100)].map((r) => d.reading(r))).toEqual([false, false, false, false, false, true]);
  });

  it('does not collect when the resident heap is less than the minimum gain above the last collection', () => {
    const d = idleGcDecider(rule);
    d.reading(at(20, 40));
    d.reading(at(30, 55));
    expect([at(30.1, 55), at(30.2, 55), at(30.3, 55), at(30.4, 55)].map((r) => d.reading(r))).toEqual([false, false, false, false]);
  });
});
