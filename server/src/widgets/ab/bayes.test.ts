// The results page's figures against references computed here another way: the exact
// closed-form sum for two variants, a seeded Monte Carlo over order statistics of uniforms for
// three, and credible intervals by integrating the density on a fine grid. The references use
// log-factorials summed here, not the module's log-gamma.
import { describe, expect, it } from 'vitest';
import { credibleInterval, posterior, probabilityBest, type Posterior } from './bayes.js';

/** ln(n!) for whole n, by summing logarithms. */
const logFactorial = (n: number) => {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
};
/** ln B(a, b) for whole a, b ≥ 1: (a−1)!(b−1)!/(a+b−1)!. */
const logBetaInt = (a: number, b: number) => logFactorial(a - 1) + logFactorial(b - 1) - logFactorial(a + b - 1);

/** P(p_B > p_A) for Beta posteriors with whole parameters: Σ_{i<a_B} B(a_A+i, b_A+b_B) / ((b_B+i) B(1+i, b_B) B(a_A, b_A)). */
function exactBBeatsA(A: Posterior, B: Posterior): number {
  let total = 0;
  for (let i = 0; i < B.a; i++) total += Math.exp(logBetaInt(A.a + i, A.b + B.b) - Math.log(B.b + i) - logBetaInt(1 + i, B.b) - logBetaInt(A.a, A.b));
  return total;
}

/** mulberry32: a small seeded generator, so the reference is the same on every run. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Beta(a, b) draw for whole a, b: the a-th smallest of a + b − 1 uniforms. */
function betaByOrderStatistic(p: Posterior, random: () => number): number {
  const u = Float64Array.from({ length: p.a + p.b - 1 }, random).sort();
  return u[p.a - 1]!;
}

/** Quantiles by the cumulative trapezoid rule over the density on a grid of a million steps. */
function gridQuantiles(p: Posterior, qs: number[]): number[] {
  const n = 1_000_000;
  const lb = logBetaInt(p.a, p.b);
  const pdf = (x: number) => (x <= 0 || x >= 1 ? (x <= 0 ? (p.a === 1 ? Math.exp(-lb) : 0) : p.b === 1 ? Math.exp(-lb) : 0) : Math.exp((p.a - 1) * Math.log(x) + (p.b - 1) * Math.log(1 - x) - lb));
  const out: number[] = [];
  let cdf = 0;
  let prev = pdf(0);
  let next = 0;
  for (let k = 1; k <= n && next < qs.length; k++) {
    const x = k / n;
    const f = pdf(x);
    const step = (prev + f) / (2 * n);
    while (next < qs.length && cdf + step >= qs[next]!) {
      out.push((k - 1 + (qs[next]! - cdf) / step) / n);
      next += 1;
    }
    cdf += step;
    prev = f;
  }
  return out;
}

describe('A/B results: Bayesian figures', () => {
  it('P(best) of two variants matches the exact closed-form sum', () => {
    const cases: [number, number, number, number][] = [
      [10, 200, 18, 210],
      [3, 40, 3, 40],
      [0, 50, 2, 50],
      [120, 1500, 95, 1480],
      [45, 1000, 60, 1000],
    ];
    for (const [la, na, lb, nb] of cases) {
      const A = posterior(la, na);
      const B = posterior(lb, nb);
      const [pA, pB] = probabilityBest([A, B]);
      const exact = exactBBeatsA(A, B);
      expect(pB, `${la}/${na} vs ${lb}/${nb}`).toBeCloseTo(exact, 6);
      expect(pA! + pB!).toBeCloseTo(1, 12);
    }
  });

  it('P(best) of three variants matches a seeded Monte Carlo over order statistics', () => {
    const ps = [posterior(8, 120), posterior(14, 130), posterior(11, 110)];
    const random = seeded(20261206);
    const draws = 20_000;
    const wins = [0, 0, 0];
    for (let d = 0; d < draws; d++) {
      const x = ps.map((p) => betaByOrderStatistic(p, random));
      wins[x.indexOf(Math.max(...x))]! += 1;
    }
    const computed = probabilityBest(ps);
    // The Monte Carlo's standard error is at most 0.5/√20000 ≈ 0.0035: 4 of them.
    computed.forEach((p, i) => expect(Math.abs(p - wins[i]! / draws), `variant ${i}`).toBeLessThan(0.014));
    expect(computed.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('the 95 % credible interval matches quantiles of the density integrated on a grid', () => {
    for (const [leads, impressions] of [
      [0, 0],
      [0, 30],
      [5, 100],
      [37, 400],
      [250, 2000],
    ] as const) {
      const p = posterior(leads, impressions);
      const [lo, hi] = credibleInterval(p);
      const [refLo, refHi] = gridQuantiles(p, [0.025, 0.975]);
      expect(lo, `${leads}/${impressions} low`).toBeCloseTo(refLo!, 4);
      expect(hi, `${leads}/${impressions} high`).toBeCloseTo(refHi!, 4);
    }
  });

  it('one variant is best for certain; identical ones share evenly', () => {
    expect(probabilityBest([posterior(3, 10)])).toEqual([1]);
    const even = probabilityBest([posterior(7, 90), posterior(7, 90), posterior(7, 90)]);
    for (const p of even) expect(p).toBeCloseTo(1 / 3, 6);
  });
});
