// Small shared pieces: status pills, empty states, detail-list entries, an error box, a copy button, usage bars.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiRequestError } from '../api.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { errorText } from './errors.js';
import { Icon, type IconName } from './icons.js';
import { toast } from './toast.js';
import { usageState, type UsageKind } from './usage-state.js';

export type Tone = 'ok' | 'warn' | 'danger' | 'muted' | 'info';

export const Pill = ({ tone, children }: { tone: Tone; children: ComponentChildren }) => <span class={`pill pill-${tone}`}>{children}</span>;

/** An empty list's state: its title, a line of `text` that says what to do, and any way out (children). */
export function Empty({ icon, title, text, children }: { icon: IconName; title: string; text?: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <div class="empty-icon">
        <Icon name={icon} size={28} />
      </div>
      <h2>{title}</h2>
      {text && <p>{text}</p>}
      {children}
    </div>
  );
}

/** One entry of a `<dl class="detail-list">`: a term over its value (`class` styles the value: break, mono, pre…). */
export function Detail({ label, class: cls, children }: { label: ComponentChildren; class?: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd class={cls}>{children}</dd>
    </div>
  );
}

export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div class="notice notice-danger" role="alert" data-code={error instanceof ApiRequestError ? error.code : undefined}>
      <Icon name="alert" />
      <p>{errorText(error)}</p>
      {retry && (
        <button type="button" class="btn btn-small" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Notice({ tone, children, icon = 'info' }: { tone: Tone; children: ComponentChildren; icon?: IconName }) {
  return (
    <div class={`notice notice-${tone}`}>
      <Icon name={icon} />
      <div>{children}</div>
    </div>
  );
}

/** Copies `text`; falls back to selecting the code block when the clipboard is not allowed. */
export function CopyButton({ text, label, fallbackSelect }: { text: string; label: string; fallbackSelect?: () => void }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      class="btn btn-primary"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setDone(true);
          toast(t('common.copied'));
          setTimeout(() => setDone(false), 2000);
        } catch {
          fallbackSelect?.();
          toast(t('common.copyManually'), 'error');
        }
      }}
    >
      <Icon name={done ? 'check' : 'copy'} /> {done ? t('common.copied') : label}
    </button>
  );
}

/** used/limit; null limit = unlimited. The tone and the note are usageState's (ui/usage-state.ts). */
export function UsageBar({ label, used, limit, kind = 'capacity' }: { label: string; used: number; limit: number | null; kind?: UsageKind }) {
  const ratio = limit === null ? 0 : limit === 0 ? 1 : used / limit;
  const { tone, note } = usageState(used, limit, kind);
  return (
    <div class={`usage usage-${tone}`}>
      <div class="usage-row">
        <span class="usage-label">{label}</span>
        <span class="usage-value">
          {formatNumber(used)} {limit === null ? `/ ${t('common.unlimited')}` : `/ ${formatNumber(limit)}`}
        </span>
      </div>
      {limit !== null && (
        <div class="usage-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={limit} aria-valuenow={Math.min(used, limit)}>
          <div class="usage-fill" ref={(el) => el?.style.setProperty('--w', `${Math.min(100, ratio * 100)}%`)} />
        </div>
      )}
      {note && <p class="usage-note">{t(note)}</p>}
    </div>
  );
}

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav class="pager" aria-label={t('pager.label')}>
      <span class="pager-range">{t('pager.range', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(total) })}</span>
      <div class="pager-buttons">
        <button type="button" class="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)} aria-label={t('pager.prev')}>
          <Icon name="left" />
        </button>
        <span class="pager-page">{t('pager.page', { page: formatNumber(page), pages: formatNumber(pages) })}</span>
        <button type="button" class="btn btn-small" disabled={page >= pages} onClick={() => onPage(page + 1)} aria-label={t('pager.next')}>
          <Icon name="right" />
        </button>
      </div>
    </nav>
  );
}

/** A form's refusal, announced to screen readers; nothing when there is none. */
export function FormError({ message }: { message: string | undefined | null | false }) {
  if (!message) return null;
  return (
    <p class="form-error" role="alert">
      {message}
    </p>
  );
}
