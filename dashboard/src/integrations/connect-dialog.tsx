// Connecting one destination: its form, the server's refusals inline (tariff, address, fields),
// then what must be kept from the answer: the webhook signing secret or the Telegram link.
import { useState } from 'preact/hooks';
import type { Integration } from '#contracts/core/tariffs.js';
import { api } from '../api.js';
import type { IntegrationItem, Widget } from '../api-types.js';
import { t } from '../i18n/i18n.js';
import { fieldErrors } from '../sites/site-form.js';
import { Notice } from '../ui/bits.js';
import { Dialog } from '../ui/dialog.js';
import { type InputAttrs, SelectField, TextField } from '../ui/fields.js';
import { Icon } from '../ui/icons.js';
import { useAction } from '../ui/use-action.js';
import { CrossBorderNote } from './cross-border-note.js';
import { isPreset, isWebhookLike, kindAbout, kindName, looksCrossBorder } from './kinds.js';
import { IntegrationRefusal } from './refusal.js';
import { SecretBox, TelegramLinkBox, type TelegramLink } from './secrets.js';
import './integrations.css';

interface Connected {
  integration: IntegrationItem;
  secret?: string;
  link?: TelegramLink;
  /** E-mail: links mailed to the addresses not confirmed yet. */
  confirmationsSent?: number;
}

interface Form {
  widgetId: string;
  emails: string[];
  url: string;
  baseUrl: string;
  token: string;
  webhookUrl: string;
}

const EMPTY: Form = { widgetId: '', emails: [''], url: '', baseUrl: '', token: '', webhookUrl: '' };
const MAX_EMAILS = 5;
const URL_INPUT = { type: 'url', inputMode: 'url' } as const;

function bodyOf(kind: Integration, siteId: string, f: Form): Record<string, unknown> {
  const target = { siteId, ...(f.widgetId ? { widgetId: f.widgetId } : {}) };
  if (kind === 'email') return { kind, ...target, emails: f.emails.map((e) => e.trim()).filter(Boolean) };
  if (kind === 'telegram') return { kind, ...target };
  if (kind === 'amocrm') return { kind, ...target, baseUrl: f.baseUrl.trim(), token: f.token.trim() };
  if (kind === 'bitrix24') return { kind, ...target, webhookUrl: f.webhookUrl.trim() };
  return { kind, ...target, url: f.url.trim() };
}

export function ConnectDialog({ kind, siteId, widgets, onClose, onConnected }: { kind: Integration; siteId: string; widgets: Widget[]; onClose: () => void; onConnected: (c: Connected) => void }) {
  const [form, setForm] = useState<Form>(EMPTY);
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<Connected | null>(null);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm({ ...form, [k]: v });
  const fields = fieldErrors(error);
  const addresses = kind === 'email' ? form.emails : [form.url, form.baseUrl, form.webhookUrl];
  const crossBorder = looksCrossBorder(kind, addresses);

  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const res = await api<Connected>('POST', '/integrations', bodyOf(kind, siteId, form));
      onConnected(res);
      // Nothing more to show: close. A secret or a link must be seen before the dialog goes.
      if (res.secret || res.link) setDone(res);
      else onClose();
    });
  };

  /** A required address or key of the destination, under its texts: `${text}`, `${text}Hint`, and `${text}Invalid` when the server refused it. */
  const setting = (key: 'url' | 'baseUrl' | 'token' | 'webhookUrl', text: 'intg.url' | 'intg.amoBase' | 'intg.amoToken' | 'intg.bitrixUrl', attrs: InputAttrs = {}) => (
    <TextField label={t(text)} hint={t(`${text}Hint`)} {...attrs} value={form[key]} required onValue={(v) => set(key, v)} error={fields[key] ? t(`${text}Invalid`) : undefined} />
  );

  const widgetOptions = [{ value: '', label: t('intg.allWidgets') }, ...widgets.map((w) => ({ value: w.id, label: w.name }))];
  // One dialog from the form to what the answer brought: only its body and its buttons change.
  return (
    <Dialog
      open
      title={t('intg.connectTitle', { kind: kindName(kind) })}
      onClose={onClose}
      footer={
        done ? (
          <button type="button" class="btn btn-primary" onClick={onClose}>
            {t('intg.done')}
          </button>
        ) : (
          <>
            <button type="button" class="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" form="connect-form" class="btn btn-primary" disabled={busy}>
              {t('intg.connect')}
            </button>
          </>
        )
      }
    >
      {done ? (
        <>
          <Notice tone="ok" icon="check">
            {t('intg.connected', { kind: kindName(kind) })}
          </Notice>
          {done.secret && <SecretBox secret={done.secret} once />}
          {done.link && <TelegramLinkBox link={done.link} />}
        </>
      ) : (
        <form id="connect-form" class="stack" onSubmit={submit} noValidate>
          <p class="muted">{kindAbout(kind)}</p>
          {isPreset(kind) && (
            <Notice tone="info">
              <p>{t('intg.presetNote', { kind: kindName(kind) })}</p>
            </Notice>
          )}
          {kind === 'email' && (
            <fieldset class="fieldset">
              <legend>{t('intg.emails')}</legend>
              {form.emails.map((value, i) => (
                <div class="email-row" key={i}>
                  <TextField
                    label={t('intg.emailN', { n: i + 1 })}
                    type="email"
                    autoComplete="email"
                    value={value}
                    required={i === 0}
                    onValue={(v) =>
                      set(
                        'emails',
                        form.emails.map((e, j) => (j === i ? v : e)),
                      )
                    }
                    error={fields.emails && i === 0 ? t('intg.emailsInvalid') : undefined}
                  />
                  {form.emails.length > 1 && (
                    <button
                      type="button"
                      class="btn-icon"
                      aria-label={t('intg.emailRemove', { n: i + 1 })}
                      onClick={() =>
                        set(
                          'emails',
                          form.emails.filter((_, j) => j !== i),
                        )
                      }
                    >
                      <Icon name="trash" />
                    </button>
                  )}
                </div>
              ))}
              {form.emails.length < MAX_EMAILS && (
                <button type="button" class="btn btn-small" onClick={() => set('emails', [...form.emails, ''])}>
                  <Icon name="plus" /> {t('intg.emailAdd')}
                </button>
              )}
            </fieldset>
          )}
          {isWebhookLike(kind) && setting('url', 'intg.url', URL_INPUT)}
          {kind === 'amocrm' && (
            <>
              {setting('baseUrl', 'intg.amoBase')}
              {setting('token', 'intg.amoToken', { autoComplete: 'off', spellcheck: false })}
            </>
          )}
          {kind === 'bitrix24' && setting('webhookUrl', 'intg.bitrixUrl', URL_INPUT)}
          {kind === 'telegram' && <p>{t('intg.telegramSteps')}</p>}
          {widgets.length > 0 && <SelectField label={t('intg.scope')} hint={t('intg.scopeHint')} value={form.widgetId} onValue={(v) => set('widgetId', v)} options={widgetOptions} />}
          {crossBorder && <CrossBorderNote telegram={kind === 'telegram'} />}
          {error && !Object.keys(fields).length ? <IntegrationRefusal error={error} /> : null}
          {error && Object.keys(fields).length ? (
            <p class="field-error" role="alert">
              {t('err.validation_failed')}
            </p>
          ) : null}
        </form>
      )}
    </Dialog>
  );
}
