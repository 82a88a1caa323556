// "Would it show here?": the owner types a page address (its UTM tags come with it), picks a
// device and a referrer, and reads show / not show with the reason. The answer comes from the
// rule evaluator the loader runs (contracts/core/display-rules.ts) on the wire form the server
// would send (toEmbedRules), and from the site's domain rule: no copy of either.
import { useState } from 'preact/hooks';
import { firstMiss, type RuleMiss } from '#contracts/core/display-rules.js';
import { hostBelongsTo } from '#contracts/core/domains.js';
import { toEmbedRules } from '#contracts/core/embed-widget.js';
import type { EmbedRules } from '#contracts/core/embed.js';
import type { Site } from '../api-types.js';
import { t, type Key } from '../i18n/i18n.js';
import { Notice } from '../ui/bits.js';
import { SelectField, TextField } from '../ui/fields.js';
import type { Draft } from './draft.js';

const MISS: Record<RuleMiss, Key> = {
  url: 'check.missUrl',
  device: 'check.missDevice',
  utm: 'check.missUtm',
  ref: 'check.missRef',
  schedule: 'check.missSchedule',
};

/** When and how often it shows once the page qualifies (the trigger and frequency of the rules). */
function when(r: EmbedRules): string {
  const trigger = r.delay
    ? t('check.onDelay', { s: r.delay })
    : r.scroll
      ? t('check.onScroll', { p: r.scroll })
      : r.exit
        ? t('check.onExit')
        : r.click
          ? t('check.onClick', { sel: r.click })
          : t('check.onLoad');
  const often = r.session ? t('check.perSession') : r.every ? t('check.perDays', { n: r.every }) : '';
  return often ? `${trigger}, ${often}` : trigger;
}

export type Verdict = { tone: 'ok' | 'warn' | 'muted'; text: string };

/** The answer for one page: pure, so it is tested without a browser. */
export function wouldShow(
  draft: Pick<Draft, 'rules' | 'urlRule' | 'active'>,
  site: Pick<Site, 'name' | 'domains' | 'timezone'>,
  address: string,
  mobile: boolean,
  referrer: string,
  now: number,
): Verdict {
  let url: URL;
  try {
    url = new URL(address.trim());
    if (!/^https?:$/.test(url.protocol)) throw new Error('not a page');
  } catch {
    return { tone: 'muted', text: t('check.typeUrl') };
  }
  if (!hostBelongsTo(url.hostname, site.domains)) return { tone: 'warn', text: t('check.missDomain', { host: url.hostname, site: site.name }) };
  const rules = toEmbedRules(draft.rules, draft.urlRule) ?? {};
  const miss = firstMiss(rules, { url, q: url.search, ref: referrer.trim(), mobile, now, tz: site.timezone });
  if (miss) return { tone: 'warn', text: `${t('check.no')}: ${t(MISS[miss], { tz: site.timezone })}` };
  const text = `${t('check.yes')}: ${when(rules)}`;
  return { tone: 'ok', text: draft.active ? text : `${text} ${t('check.whenOn')}` };
}

export function WouldShow({ draft, site }: { draft: Draft; site: Site | undefined }) {
  const [address, setAddress] = useState(site?.domains[0] ? `https://${site.domains[0]}/` : '');
  const [device, setDevice] = useState('desktop');
  const [referrer, setReferrer] = useState('');
  if (!site) return null;
  const verdict = wouldShow(draft, site, address, device === 'mobile', referrer, Date.now());
  return (
    <div class="would-show">
      <h3>{t('check.title')}</h3>
      <TextField label={t('check.url')} hint={t('check.urlHint')} value={address} onValue={setAddress} type="url" inputMode="url" />
      <SelectField
        label={t('check.device')}
        value={device}
        onValue={setDevice}
        options={[
          { value: 'desktop', label: t('check.desktop') },
          { value: 'mobile', label: t('check.mobile') },
        ]}
      />
      <TextField label={t('check.referrer')} hint={t('check.referrerHint')} value={referrer} onValue={setReferrer} type="url" inputMode="url" />
      <div role="status" aria-live="polite" data-would-show={verdict.tone}>
        <Notice tone={verdict.tone}>{verdict.text}</Notice>
      </div>
    </div>
  );
}
