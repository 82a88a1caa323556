// Where and when the widget shows: page URL conditions (include / exclude), device, trigger,
// frequency, UTM tags and referrer of the visit, and the schedule. The loader evaluates the same rules before any widget code is fetched.
import { UTM_PARAMS, type DisplayRules, type Trigger, type UrlCondition, type UtmCondition } from '#contracts/core/rules.js';
import type { ComponentChildren } from 'preact';
import { t, type Key } from '../../i18n/i18n.js';
import { Checkbox, SelectField, TextField } from '../../ui/fields.js';
import { Icon } from '../../ui/icons.js';
import { issuesUnder, type Issues } from '../draft.js';

const MATCHES: { value: UrlCondition['match']; label: Key }[] = [
  { value: 'contains', label: 'rules.contains' },
  { value: 'equals', label: 'rules.equals' },
  { value: 'starts_with', label: 'rules.startsWith' },
  { value: 'wildcard', label: 'rules.wildcard' },
];
const MAX_CONDITIONS = 20;

/** Up to MAX_CONDITIONS conditions under a legend: each one's fields (`fields`, given its own issues) with its remove button, and a button that adds `blank`. */
function ConditionList<C extends object>({
  title,
  hint,
  list,
  onChange,
  issues,
  blank,
  addLabel,
  rowClass,
  fields,
}: {
  title: string;
  hint: string;
  list: C[];
  onChange: (l: C[]) => void;
  issues: Issues;
  blank: C;
  addLabel: string;
  rowClass: string;
  fields: (c: C, update: (patch: Partial<C>) => void, own: Issues) => ComponentChildren;
}) {
  return (
    <fieldset class="conditions">
      <legend>{title}</legend>
      <p class="hint">{hint}</p>
      {list.map((c, i) => (
        <div class={rowClass} key={i}>
          {fields(c, (patch) => onChange(list.map((x, j) => (j === i ? { ...x, ...patch } : x))), issuesUnder(issues, String(i)))}
          <button type="button" class="btn-icon btn-icon-danger" aria-label={t('rules.remove', { n: i + 1 })} onClick={() => onChange(list.filter((_, j) => j !== i))}>
            <Icon name="trash" />
          </button>
        </div>
      ))}
      {list.length < MAX_CONDITIONS && (
        <button type="button" class="btn btn-small" onClick={() => onChange([...list, blank])}>
          <Icon name="plus" /> {addLabel}
        </button>
      )}
    </fieldset>
  );
}

function MatchField({ value, onValue }: { value: UrlCondition['match']; onValue: (match: UrlCondition['match']) => void }) {
  return (
    <SelectField
      label={t('rules.match')}
      class="condition-match"
      value={value}
      onValue={(v) => onValue(v as UrlCondition['match'])}
      options={MATCHES.map((m) => ({ value: m.value, label: t(m.label) }))}
    />
  );
}

function ValueField(props: { placeholder: string; maxLength: number; value: string; onValue: (v: string) => void; error: string | undefined }) {
  return <TextField label={t('rules.value')} class="condition-value" spellcheck={false} {...props} />;
}

/** Each list of URL conditions' texts: its legend, its hint and its add button. */
const CONDITION_TEXTS = {
  include: ['rules.include', 'rules.includeHint', 'rules.addInclude'],
  exclude: ['rules.exclude', 'rules.excludeHint', 'rules.addExclude'],
  referrer: ['rules.referrer', 'rules.referrerHint', 'rules.addReferrer'],
} as const satisfies Record<string, readonly [Key, Key, Key]>;

function Conditions({ texts, list, onChange, issues }: { texts: keyof typeof CONDITION_TEXTS; list: UrlCondition[]; onChange: (l: UrlCondition[]) => void; issues: Issues }) {
  const [title, hint, addLabel] = CONDITION_TEXTS[texts];
  return (
    <ConditionList
      title={t(title)}
      hint={t(hint)}
      list={list}
      onChange={onChange}
      issues={issues}
      blank={{ match: 'contains', value: '' }}
      addLabel={t(addLabel)}
      rowClass="condition"
      fields={(c, update, own) => (
        <>
          <MatchField value={c.match} onValue={(match) => update({ match })} />
          <ValueField placeholder={c.match === 'wildcard' ? '/catalog/*' : '/catalog'} maxLength={500} value={c.value} onValue={(value) => update({ value })} error={own.get('value')} />
        </>
      )}
    />
  );
}

/** Campaign tags of the visitor's landing page: show a widget only to one ad campaign's traffic. */
function UtmConditions({ list, onChange, issues }: { list: UtmCondition[]; onChange: (l: UtmCondition[]) => void; issues: Issues }) {
  return (
    <ConditionList
      title={t('rules.utm')}
      hint={t('rules.utmHint')}
      list={list}
      onChange={onChange}
      issues={issues}
      blank={{ param: 'utm_source', match: 'equals', value: '' }}
      addLabel={t('rules.addUtm')}
      rowClass="condition condition-utm"
      fields={(c, update, own) => (
        <>
          <SelectField
            label={t('rules.utmParam')}
            class="condition-param"
            value={c.param}
            onValue={(v) => update({ param: v as UtmCondition['param'] })}
            options={UTM_PARAMS.map((p) => ({ value: p, label: p }))}
          />
          <MatchField value={c.match} onValue={(match) => update({ match })} />
          <ValueField placeholder="yandex" maxLength={200} value={c.value} onValue={(value) => update({ value })} error={own.get('value')} />
        </>
      )}
    />
  );
}

const TRIGGERS: { value: Trigger['kind']; label: Key }[] = [
  { value: 'load', label: 'rules.onLoad' },
  { value: 'delay', label: 'rules.onDelay' },
  { value: 'scroll', label: 'rules.onScroll' },
  { value: 'exit', label: 'rules.onExit' },
  { value: 'click', label: 'rules.onClick' },
];

function triggerOf(kind: Trigger['kind'], prev: Trigger): Trigger {
  switch (kind) {
    case 'delay':
      return { kind, seconds: prev.kind === 'delay' ? prev.seconds : 5 };
    case 'scroll':
      return { kind, percent: prev.kind === 'scroll' ? prev.percent : 50 };
    case 'click':
      return { kind, selector: prev.kind === 'click' ? prev.selector : '' };
    default:
      return { kind };
  }
}

const WEEKDAYS: Key[] = ['rules.mon', 'rules.tue', 'rules.wed', 'rules.thu', 'rules.fri', 'rules.sat', 'rules.sun'];

/** Dates, days of the week and daily hours, on the site's clock (the loader checks them there). */
function Schedule({ value, onChange, issues, timezone }: { value: DisplayRules['schedule']; onChange: (s: DisplayRules['schedule']) => void; issues: Issues; timezone: string }) {
  const set = (patch: Partial<DisplayRules['schedule']>) => onChange({ ...value, ...patch });
  const days = new Set(value.weekdays);
  return (
    <fieldset class="conditions">
      <legend>{t('rules.schedule')}</legend>
      <p class="hint">{t('rules.scheduleHint', { tz: timezone })}</p>
      <div class="grid-2">
        <TextField label={t('rules.dateFrom')} type="date" value={value.from ?? ''} onValue={(v) => set({ from: v || undefined })} error={issues.get('from')} />
        <TextField label={t('rules.dateTo')} type="date" value={value.to ?? ''} onValue={(v) => set({ to: v || undefined })} error={issues.get('to')} />
      </div>
      <fieldset class="weekdays">
        <legend class="label">{t('rules.weekdays')}</legend>
        {WEEKDAYS.map((k, i) => (
          <label key={k} class="weekday">
            <input
              type="checkbox"
              checked={days.has(i + 1)}
              onChange={(e) => {
                const next = new Set(days);
                if (e.currentTarget.checked) next.add(i + 1);
                else next.delete(i + 1);
                set({ weekdays: [...next].sort() });
              }}
            />
            {t(k)}
          </label>
        ))}
      </fieldset>
      <Checkbox label={t('rules.hoursOn')} checked={!!value.hours} onValue={(on) => set({ hours: on ? { from: '09:00', to: '21:00' } : undefined })} />
      {value.hours && (
        <div class="grid-2">
          <TextField
            label={t('rules.hoursFrom')}
            type="time"
            value={value.hours.from}
            onValue={(v) => set({ hours: { ...value.hours!, from: v } })}
            error={issues.get('hours.from') ?? issues.get('hours')}
          />
          <TextField label={t('rules.hoursTo')} type="time" value={value.hours.to} onValue={(v) => set({ hours: { ...value.hours!, to: v } })} error={issues.get('hours.to')} />
        </div>
      )}
    </fieldset>
  );
}

export function DisplayRulesSection({
  rules,
  onChange,
  issues,
  collectsLeads,
  timezone,
}: {
  rules: DisplayRules;
  onChange: (r: DisplayRules) => void;
  issues: Issues;
  collectsLeads: boolean;
  timezone: string;
}) {
  const set = (patch: Partial<DisplayRules>) => onChange({ ...rules, ...patch });
  const tr = rules.trigger;
  const f = rules.frequency;
  const num = (v: string) => Math.max(0, Math.round(Number(v.replace(/\D/g, '')) || 0));
  /** A whole number of seconds, percent or days; what is not a digit is dropped as it is typed. */
  const count = (label: string, value: number, onValue: (n: number) => void, path: string) => (
    <TextField label={label} inputMode="numeric" value={String(value)} onValue={(v) => onValue(num(v))} error={issues.get(path)} />
  );
  return (
    <>
      <Conditions texts="include" list={rules.url.include} onChange={(include) => set({ url: { ...rules.url, include } })} issues={issuesUnder(issues, 'url.include')} />
      <Conditions texts="exclude" list={rules.url.exclude} onChange={(exclude) => set({ url: { ...rules.url, exclude } })} issues={issuesUnder(issues, 'url.exclude')} />
      <div class="grid-2">
        <SelectField
          label={t('rules.device')}
          value={rules.device}
          onValue={(v) => set({ device: v as DisplayRules['device'] })}
          options={[
            { value: 'all', label: t('rules.deviceAll') },
            { value: 'desktop', label: t('rules.deviceDesktop') },
            { value: 'mobile', label: t('rules.deviceMobile') },
          ]}
        />
        <SelectField
          label={t('rules.trigger')}
          hint={tr.kind === 'exit' ? t('rules.exitHint') : undefined}
          value={tr.kind}
          onValue={(v) => set({ trigger: triggerOf(v as Trigger['kind'], tr) })}
          options={TRIGGERS.map((x) => ({ value: x.value, label: t(x.label) }))}
        />
      </div>
      {tr.kind === 'delay' && count(t('rules.seconds'), tr.seconds, (seconds) => set({ trigger: { kind: 'delay', seconds } }), 'trigger.seconds')}
      {tr.kind === 'scroll' && count(t('rules.percent'), tr.percent, (percent) => set({ trigger: { kind: 'scroll', percent } }), 'trigger.percent')}
      {tr.kind === 'click' && (
        <TextField
          label={t('rules.selector')}
          hint={t('rules.selectorHint')}
          placeholder=".call-me"
          value={tr.selector}
          spellcheck={false}
          onValue={(selector) => set({ trigger: { kind: 'click', selector } })}
          error={issues.get('trigger.selector')}
        />
      )}
      <div class="grid-2">
        <SelectField
          label={t('rules.frequency')}
          value={f.kind}
          onValue={(v) => set({ frequency: { ...f, kind: v as typeof f.kind } })}
          options={[
            { value: 'always', label: t('rules.always') },
            { value: 'session', label: t('rules.session') },
            { value: 'days', label: t('rules.everyDays') },
          ]}
        />
        {f.kind === 'days' && count(t('rules.days'), f.days, (days) => set({ frequency: { ...f, days } }), 'frequency.days')}
      </div>
      {collectsLeads && <Checkbox label={t('rules.stopAfterSubmit')} checked={f.stopAfterSubmit} onValue={(stopAfterSubmit) => set({ frequency: { ...f, stopAfterSubmit } })} />}
      <UtmConditions list={rules.utm} onChange={(utm) => set({ utm })} issues={issuesUnder(issues, 'utm')} />
      <Conditions texts="referrer" list={rules.referrer} onChange={(referrer) => set({ referrer })} issues={issuesUnder(issues, 'referrer')} />
      <Schedule value={rules.schedule} onChange={(schedule) => set({ schedule })} issues={issuesUnder(issues, 'schedule')} timezone={timezone} />
    </>
  );
}
