// What the funnel card draws from GET /api/stats/funnel's steps: which steps apply to the widget,
// each bar's length, and each step's rate of the one before — never a rate over 100 %.

export type FunnelStepName = 'impressions' | 'interactions' | 'starts' | 'submits' | 'leads';

export interface FunnelStep {
  step: FunnelStepName;
  count: number;
  ofPrevious: number | null;
}

export interface FunnelRow {
  step: FunnelStepName;
  count: number;
  /** The bar's length, 0..1 of the largest step. */
  bar: number;
  /** Of the step before; null for the first, when the one before is zero, or when this one counted more. */
  ofPrevious: number | null;
}

export interface FunnelView {
  rows: FunnelRow[];
  /** Nothing at all was counted in the range: the card says so instead of empty bars. */
  empty: boolean;
  /**
   * A step counted more than the one before it: the page's widget code did not report the earlier
   * step (code from before the step existed, or a blocker), so its rate is not shown.
   */
  incomplete: boolean;
}

/** Banners, messengers and timers take no form: their funnel ends at the interaction. */
const WITHOUT_FORM: readonly FunnelStepName[] = ['impressions', 'interactions'];

export function funnelView(steps: readonly FunnelStep[], collectsLeads: boolean): FunnelView {
  const kept = collectsLeads ? steps : steps.filter((s) => WITHOUT_FORM.includes(s.step));
  const largest = Math.max(0, ...kept.map((s) => s.count));
  let incomplete = false;
  const rows = kept.map((s, i) => {
    const before = i === 0 ? undefined : kept[i - 1]!.count;
    const exceeds = before !== undefined && s.count > before;
    if (exceeds) incomplete = true;
    return { step: s.step, count: s.count, bar: largest > 0 ? s.count / largest : 0, ofPrevious: before === undefined || exceeds || before === 0 ? null : s.count / before };
  });
  return { rows, empty: largest === 0, incomplete };
}
