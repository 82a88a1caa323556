// A widget's A/B test (README "A/B tests"): its variants with their share of page views, the
// results per variant — impressions, leads, conversion with its 95 % credible interval and the
// probability to be best —, "not enough data yet" until the minimums, and the way to end the
// test by promoting a variant. Variants are edited in the widget editor (/widgets/{id}/variants/{v}).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { MAX_VARIANTS, type AbResults, type AbVariantResult } from '#contracts/core/ab.js';
import { api, get } from '../api.js';
import type { Widget } from '../api-types.js';
import { formatNumber, formatPercent, t } from '../i18n/i18n.js';
import type { PageProps } from '../router/lazy-page.js';
import { Link } from '../router/link.js';
import { Notice } from '../ui/bits.js';
import { DataTable } from '../ui/data-table.js';
import { useConfirm } from '../ui/dialog.js';
import { Loaded } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { useApi } from '../ui/use-api.js';
import { Card } from '../ui/section.js';
import { RefusalMessage } from './refusal-message.js';
import './ab.css';

interface AbData {
  widget: Widget;
  results: AbResults;
}

export default function AbPage({ params }: PageProps) {
  const id = encodeURIComponent(params.id ?? '');
  const [version, setVersion] = useState(0);
  const state = useApi<AbData>(
    async (signal) => ({
      widget: await get<Widget>(`/widgets/${id}`, undefined, { signal }),
      results: await get<AbResults>(`/widgets/${id}/variants/results`, undefined, { signal }),
    }),
    [id, version],
  );
  return (
    <Loaded
      state={state}
      keepStale
      frame={(body) => (
        <Page title={t('ab.pageTitle')} back={{ href: `/widgets/${id}`, label: t('ab.backToWidget') }}>
          {body}
        </Page>
      )}
    >
      {(data) => <AbTest data={data} reload={() => setVersion((v) => v + 1)} />}
    </Loaded>
  );
}

const interval = ([lo, hi]: [number, number]) => `${formatPercent(lo)} – ${formatPercent(hi)}`;

function AbTest({ data: { widget, results }, reload }: { data: AbData; reload: () => void }) {
  const base = `/widgets/${encodeURIComponent(widget.id)}`;
  const [shares, setShares] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, ask] = useConfirm();
  const variants = results.variants;
  const shareOf = (v: AbVariantResult) => shares[v.id] ?? String(v.weight);
  const total = variants.reduce((n, v) => n + (Number(shareOf(v)) || 0), 0);
  const leader = variants.find((v) => v.id === results.leader);

  /** Runs a change, then reads the test again; a refusal is shown above the buttons. */
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setShares({});
      toast(done);
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const add = () => run(() => api('POST', `${base}/variants`, {}), t('ab.added'));
  const saveSplit = () => run(() => api('PUT', `${base}/variants/split`, { weights: Object.fromEntries(variants.map((v) => [v.id, Number(shareOf(v))])) }), t('ab.splitSaved'));
  const remove = (v: AbVariantResult) => run(() => api('DELETE', `${base}/variants/${v.id}`), t('ab.removed', { label: v.label }));
  const promote = async (v: AbVariantResult) => {
    const ok = await ask({ title: t('ab.promoteTitle', { label: v.label }), body: <p>{v.control ? t('ab.keepABody') : t('ab.promoteBody', { label: v.label })}</p>, confirm: t('ab.promote') });
    if (ok) await run(() => api('POST', `${base}/variants/${v.id}/promote`), t('ab.promoted', { label: v.label }));
  };

  const frame = (body: ComponentChildren) => (
    <Page title={t('ab.title', { name: widget.name })} lead={t('ab.lead')} back={{ href: base, label: t('ab.backToWidget') }}>
      {body}
      {dialog}
    </Page>
  );

  if (variants.length === 0) {
    return frame(
      <section class="card" aria-labelledby="ab-none">
        <h2 id="ab-none">{t('ab.noTest')}</h2>
        <p class="hint">{t('ab.noTestHint')}</p>
        {error ? <RefusalMessage error={error} /> : null}
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void add()}>
          {t('ab.start')}
        </button>
      </section>,
    );
  }

  return frame(
    <>
      {results.enoughData ? (
        leader && <Notice tone="ok">{t('ab.leader', { label: leader.label, p: formatPercent(leader.pBest) })}</Notice>
      ) : (
        <Notice tone="info">{t('ab.notEnough', { impressions: formatNumber(results.minimums.impressionsPerVariant), leads: formatNumber(results.minimums.leads) })}</Notice>
      )}
      <Card id="ab-results" title={t('ab.results')}>
        <DataTable
          rows={variants}
          label={t('ab.results')}
          class="ab-table"
          columns={[
            // The variant's name opens it in the editor (A: the widget itself).
            {
              label: t('ab.variant'),
              cell: (v) => (
                <Link href={v.control ? base : `${base}/variants/${v.id}`} aria-label={t('ab.editVariant', { label: v.label })}>
                  {v.control ? t('ab.control', { label: v.label }) : v.label}
                </Link>
              ),
            },
            {
              label: t('ab.share'),
              cell: (v) => (
                <input
                  class="input ab-share"
                  type="number"
                  min={0}
                  max={100}
                  step={1}
                  inputMode="numeric"
                  aria-label={t('ab.shareOf', { label: v.label })}
                  value={shareOf(v)}
                  onInput={(e) => setShares((s) => ({ ...s, [v.id]: (e.target as HTMLInputElement).value }))}
                />
              ),
            },
            { label: t('stats.impressions'), class: 'num', cell: (v) => formatNumber(v.impressions) },
            { label: t('stats.leads'), class: 'num', cell: (v) => formatNumber(v.leads) },
            // The rate and, under it, where it lies with 95 % probability: one column, so the table fits at 1280 px.
            {
              label: t('ab.conversion'),
              class: 'num',
              cell: (v) => (
                <>
                  {formatPercent(v.conversion)}
                  <span class="ab-interval">{interval(v.interval)}</span>
                </>
              ),
            },
            { label: t('ab.pBest'), class: 'num', cell: (v) => formatPercent(v.pBest) },
            {
              label: t('ab.actions'),
              actions: true,
              cellClass: 'row-actions',
              cell: (v) => (
                <>
                  <button type="button" class="btn btn-small" disabled={busy} onClick={() => void promote(v)} aria-label={t('ab.promoteVariant', { label: v.label })}>
                    {t('ab.promote')}
                  </button>
                  {!v.control && (
                    <button type="button" class="btn btn-small btn-danger-outline" disabled={busy} onClick={() => void remove(v)} aria-label={t('ab.removeVariant', { label: v.label })}>
                      {t('ab.remove')}
                    </button>
                  )}
                </>
              ),
            },
          ]}
        />
        <p class="hint">{t('ab.method')}</p>
        {error ? <RefusalMessage error={error} /> : null}
        <p role="status" class={total === 100 ? 'muted' : 'text-danger'}>
          {t('ab.total', { n: formatNumber(total) })}
        </p>
        <div class="form-actions">
          <button type="button" class="btn btn-primary" disabled={busy || total !== 100} onClick={() => void saveSplit()}>
            {t('ab.saveSplit')}
          </button>
          {variants.length <= MAX_VARIANTS && (
            <button type="button" class="btn" disabled={busy} onClick={() => void add()}>
              {t('ab.addVariant')}
            </button>
          )}
        </div>
      </Card>
    </>,
  );
}
