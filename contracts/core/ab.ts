// A/B tests of a widget (README "A/B tests"): variant A is the widget itself, B, C… are copies
// that may differ in any field of the editor; the owner sets the split of page views in percent.
// rt/ab.js draws a variant per page view (pickVariant) and keeps it in the frequency storage
// only once the visitor interacts with the widget (consent-first, SPEC §7).
import type { EmbedWidget } from './embed.js';

/** Variants besides A (B…E). */
export const MAX_VARIANTS = 4;
/** Variant ids on the wire (events, leads, the frequency storage): short random strings. */
export const VARIANT_ID_MAX = 16;
/** Labels in the order variants are added; A is the widget itself. */
export const VARIANT_LABELS = ['A', 'B', 'C', 'D', 'E'] as const;

/**
 * Which variant a page view shows. `kept`: the variant this browser kept after interacting with
 * the widget, shown again while it still gets traffic; otherwise `draw`, uniform in [0, 100),
 * walks the split. Shares that do not add up to 100 (a variant left out) fall back to A.
 */
export const pickVariant = (x: EmbedWidget, kept: string | null | undefined, draw: number): EmbedWidget => {
  const all = [x, ...(x.ab || [])];
  return all.find((y) => y.v == kept && y.p) || all.find((y) => (draw -= y.p!) < 0) || x;
};

/** A variant as the dashboard lists it: A carries the widget's own fields. */
export interface AbVariantView {
  /** The wire id (events, leads); A's is the test's id. */
  id: string;
  label: string;
  /** Percent of page views. */
  weight: number;
  control: boolean;
}

/** GET /api/widgets/{id}/variants */
export interface AbTestView {
  /** null: no test runs (the widget has no variants). */
  testId: string | null;
  startedAt: number | null;
  variants: (AbVariantView & { definition: unknown })[];
}

/** One variant's figures on the results page. */
export interface AbVariantResult extends AbVariantView {
  impressions: number;
  clicks: number;
  /** Leads without those marked as spam. */
  leads: number;
  /** leads / impressions; null with no impressions. */
  conversion: number | null;
  /** The 95 % equal-tailed credible interval of the conversion rate, Beta(1 + leads, 1 + misses). */
  interval: [number, number];
  /** Posterior probability that this variant converts best. */
  pBest: number;
}

/** GET /api/widgets/{id}/variants/results */
export interface AbResults {
  testId: string | null;
  startedAt: number | null;
  variants: AbVariantResult[];
  /** Too little data for the figures to mean much: below `minimums`; the page says so. */
  enoughData: boolean;
  minimums: { impressionsPerVariant: number; leads: number };
  /** The variant whose probability of being best passed the decision threshold, if any. */
  leader: string | null;
}
