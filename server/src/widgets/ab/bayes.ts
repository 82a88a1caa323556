// The Bayesian figures of an A/B test's results page: each variant's conversion rate has a
// Beta(1, 1) prior (uniform) and a binomial likelihood, so its posterior is
// Beta(1 + leads, 1 + impressions − leads). From it: the 95 % equal-tailed credible interval
// (quantiles of the regularized incomplete beta function) and the probability that the variant
// converts best, P(p_i > p_j for every j ≠ i) = ∫ f_i(x) ∏_{j≠i} F_j(x) dx, by Simpson's rule
// over the range where f_i has its mass. Deterministic (no sampling), so a page shows the same
// figures on every reload. The test checks both against references computed another way.

export interface Posterior {
  a: number;
  b: number;
}

/** Beta(1, 1) prior updated with `successes` of `trials` (successes above trials are clamped). */
export const posterior = (successes: number, trials: number): Posterior => {
  const s = Math.min(successes, trials);
  return { a: 1 + s, b: 1 + trials - s };
};

// Lanczos approximation (g = 7, 9 terms): |error| < 1e-13 for positive arguments.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const logBeta = (a: number, b: number) => logGamma(a) + logGamma(b) - logGamma(a + b);

/** The continued fraction of I_x(a, b) (modified Lentz), converging for x < (a + 1) / (a + b + 2). */
function betaFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < TINY ? TINY : d);
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    for (const num of [(m * (b - m) * x) / ((a + m2 - 1) * (a + m2)), (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))]) {
      d = 1 + num * d;
      d = 1 / (Math.abs(d) < TINY ? TINY : d);
      c = 1 + num / c;
      if (Math.abs(c) < TINY) c = TINY;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b): the Beta(a, b) distribution's CDF at x. */
export function betaCdf(x: number, { a, b }: Posterior): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(1 - x) - logBeta(a, b));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

export const betaPdf = (x: number, { a, b }: Posterior): number => (x <= 0 || x >= 1 ? 0 : Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log(1 - x) - logBeta(a, b)));

/** The q-quantile of Beta(a, b), by bisection on the CDF (monotone), to ~1e-12. */
export function betaQuantile(q: number, p: Posterior): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (betaCdf(mid, p) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The 95 % equal-tailed credible interval. */
export const credibleInterval = (p: Posterior): [number, number] => [betaQuantile(0.025, p), betaQuantile(0.975, p)];

/** Simpson intervals per variant: ample for posteriors of any width, since each is integrated over its own mass. */
const STEPS = 2000;
/** The tails left out of each integral: far below what the page rounds to. */
const TAIL = 1e-10;

/** P(variant i has the highest rate), for each i; they add up to 1 (up to rounding, which is spread). */
export function probabilityBest(ps: Posterior[]): number[] {
  if (ps.length === 0) return [];
  if (ps.length === 1) return [1];
  const raw = ps.map((p, i) => {
    const lo = betaQuantile(TAIL, p);
    const hi = betaQuantile(1 - TAIL, p);
    const h = (hi - lo) / STEPS;
    let sum = 0;
    for (let k = 0; k <= STEPS; k++) {
      const x = lo + k * h;
      let f = betaPdf(x, p);
      for (let j = 0; j < ps.length && f > 0; j++) if (j !== i) f *= betaCdf(x, ps[j]!);
      sum += (k === 0 || k === STEPS ? 1 : k % 2 === 1 ? 4 : 2) * f;
    }
    return (sum * h) / 3;
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((r) => r / total);
}
