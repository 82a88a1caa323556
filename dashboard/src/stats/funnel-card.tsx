// One widget's funnel over the chosen days (GET /api/stats/funnel): shown → interacted → started
// → submitted → accepted as a lead, each step's count as a bar against the largest and its rate
// of the step before; the days behind it fold under "table". Bars are plain elements: every
// figure is text beside its bar, so the list reads the same without the picture.
import type { AbTestView } from '#contracts/core/ab.js';
import { collectsLeads } from '#contracts/core/widget.js';
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import type { StatsFunnel, Widget } from '../api-types.js';
import { formatNumber, formatPercent, type Key, t } from '../i18n/i18n.js';
import { Loaded } from '../ui/loaded.js';
import { useApi } from '../ui/use-api.js';
import { Card } from '../ui/section.js';
import { DayTable } from './day-table.js';
import { type FunnelStepName, funnelView } from './funnel-view.js';
import './stats.css';

const STEP_KEYS: Record<FunnelStepName, Key> = {
  impressions: 'stats.funnel.step.impressions',
  interactions: 'stats.funnel.step.interactions',
  starts: 'stats.funnel.step.starts',
  submits: 'stats.funnel.step.submits',
  leads: 'stats.funnel.step.leads',
};
/** The day table's headers: one word or two, so five columns and the day fit a desktop card. */
const COLUMN_KEYS: Record<FunnelStepName, Key> = {
  impressions: 'stats.funnel.col.impressions',
  interactions: 'stats.funnel.col.interactions',
  starts: 'stats.funnel.col.starts',
  submits: 'stats.funnel.col.submits',
  leads: 'stats.funnel.col.leads',
};

export function FunnelCard({ widget, from, to }: { widget: Widget; from: string; to: string }) {
  // A running A/B test: each variant's funnel too (GET /api/stats/funnel?variant=).
  const test = useApi((signal) => get<AbTestView>(`/widgets/${encodeURIComponent(widget.id)}/variants`, undefined, { signal }), [widget.id]);
  const variants = test.data?.testId ? test.data.variants : [];
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const variant = variants.some((v) => v.id === picked) ? picked : undefined;
  const state = useApi((signal) => get<StatsFunnel>('/stats/funnel', { widgetId: widget.id, from, to, variant }, { signal }), [widget.id, from, to, variant]);
  const withForm = collectsLeads(widget);
  return (
    <Card id="funnel-title" title={t('stats.funnel.title')}>
      {variants.length > 1 && (
        <div class="segmented funnel-variants" role="group" aria-label={t('stats.funnel.variants')}>
          {[undefined, ...variants.map((v) => v.id)].map((id) => (
            <button key={id ?? 'all'} type="button" aria-pressed={variant === id} onClick={() => setPicked(id)}>
              {id === undefined ? t('stats.funnel.allVariants') : t('stats.funnel.variant', { label: variants.find((v) => v.id === id)!.label })}
            </button>
          ))}
        </div>
      )}
      <Loaded state={state}>
        {(data) => {
          const view = funnelView(data.steps, withForm);
          if (view.empty) return <p>{t('stats.funnel.empty')}</p>;
          return (
            <>
              <p class="hint">{t('stats.funnel.about')}</p>
              <ol class="funnel" aria-label={t('stats.funnel.label', { name: widget.name })}>
                {view.rows.map((r) => (
                  <li key={r.step} class="funnel-step" data-step={r.step}>
                    <span class="funnel-name">{t(STEP_KEYS[r.step])}</span>
                    <span class="funnel-count">{formatNumber(r.count)}</span>
                    <span class="funnel-rate">{r.ofPrevious === null ? '' : t('stats.funnel.ofPrevious', { rate: formatPercent(r.ofPrevious) })}</span>
                    <span class="funnel-track" aria-hidden="true">
                      <span class="funnel-bar" style={{ width: `${Math.round(r.bar * 1000) / 10}%` }} />
                    </span>
                  </li>
                ))}
              </ol>
              {view.incomplete && <p class="hint">{t('stats.funnel.incomplete')}</p>}
              <DayTable
                days={data.days}
                caption={t('stats.funnel.byDay')}
                columns={view.rows.map((r) => ({ label: t(COLUMN_KEYS[r.step]), value: (d: StatsFunnel['days'][number]) => formatNumber(d[r.step]) }))}
              />
            </>
          );
        }}
      </Loaded>
    </Card>
  );
}
