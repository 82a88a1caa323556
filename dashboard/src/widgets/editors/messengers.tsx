// Messenger buttons: the floating button, a title, and up to six channels. The server turns
// each username, phone or link into the one link a tap opens (contracts/core/messengers.ts); the
// same function shows here whether a value will work.
import { FieldRowHead } from './field-row-head.js';
import { CHANNEL_KINDS, channelHref, type ChannelKind } from '#contracts/core/messengers.js';
import type { Lang } from '#contracts/core/lang.js';
import { TEMPLATE_EXAMPLES } from '#contracts/core/template-examples.js';
import { currentLang, t, type Key } from '../../i18n/i18n.js';
import { SelectField, TextField } from '../../ui/fields.js';
import { Icon } from '../../ui/icons.js';
import { issuesUnder } from '../draft.js';
import type { EditorProps } from './editor-props.js';

/**
 * What a channel's value looks like. The example number is the dashboard language's, as in the
 * templates: an English-speaking owner is likely to have a number outside Russia, and the English
 * template already fills in the British one.
 */
export function channelPlaceholder(kind: ChannelKind, lang: Lang): string {
  const phone = lang === 'en' ? TEMPLATE_EXAMPLES.phoneEn : TEMPLATE_EXAMPLES.phoneRu;
  return { telegram: '@username', whatsapp: phone, vk: 'vk.com/club', max: 'https://max.ru/…', phone }[kind];
}
/**
 * Messenger names, and the button label a visitor sees when the licensee leaves it empty. The
 * Russian ones are the server's defaults (CHANNEL_LABELS; channel-names.test.ts keeps them equal).
 */
export const CHANNEL_NAMES: Record<ChannelKind, Key> = { telegram: 'channelName.telegram', whatsapp: 'channelName.whatsapp', vk: 'channelName.vk', max: 'channelName.max', phone: 'channelName.phone' };
const HINT: Record<ChannelKind, Key> = { telegram: 'channel.telegram', whatsapp: 'channel.whatsapp', vk: 'channel.vk', max: 'channel.max', phone: 'channel.phone' };
const MAX_CHANNELS = 6;

export function MessengersEditor({ content: c, onChange, issues }: EditorProps<'messengers'>) {
  const channels = c.channels;
  const setChannel = (i: number, patch: Partial<(typeof channels)[number]>) => onChange({ ...c, channels: channels.map((ch, j) => (j === i ? { ...ch, ...patch } : ch)) });
  return (
    <>
      <div class="grid-2">
        <TextField label={t('editor.floatingButton')} value={c.buttonText} maxLength={100} onValue={(buttonText) => onChange({ ...c, buttonText })} error={issues.get('buttonText')} />
        <TextField label={t('editor.title')} value={c.title} maxLength={200} onValue={(title) => onChange({ ...c, title })} error={issues.get('title')} />
      </div>
      <fieldset class="fields-editor">
        <legend>{t('editor.channels')}</legend>
        <ol class="field-rows">
          {channels.map((ch, i) => {
            const own = issuesUnder(issues, `channels.${i}`);
            const href = channelHref(ch.kind, ch.value);
            return (
              <li key={i} class="field-row">
                <FieldRowHead
                  n={i + 1}
                  canRemove={channels.length > 1}
                  removeLabel={t('editor.removeChannel', { n: i + 1 })}
                  onRemove={() => onChange({ ...c, channels: channels.filter((_, j) => j !== i) })}
                />
                <div class="grid-3">
                  <SelectField
                    label={t('editor.channelKind')}
                    value={ch.kind}
                    onValue={(v) => setChannel(i, { kind: v as ChannelKind })}
                    options={CHANNEL_KINDS.map((k) => ({ value: k, label: t(CHANNEL_NAMES[k]) }))}
                  />
                  <TextField
                    label={t('editor.channelValue')}
                    placeholder={channelPlaceholder(ch.kind, currentLang())}
                    value={ch.value}
                    maxLength={300}
                    onValue={(value) => setChannel(i, { value })}
                    error={own.get('value')}
                    hint={href ? t('editor.channelOpens', { href }) : t(HINT[ch.kind])}
                  />
                  <TextField
                    label={t('editor.channelLabel')}
                    placeholder={t(CHANNEL_NAMES[ch.kind])}
                    value={ch.label}
                    maxLength={60}
                    onValue={(label) => setChannel(i, { label })}
                    error={own.get('label')}
                  />
                </div>
              </li>
            );
          })}
        </ol>
        {channels.length < MAX_CHANNELS && (
          <button type="button" class="btn btn-small" onClick={() => onChange({ ...c, channels: [...channels, { kind: 'telegram', value: '', label: '' }] })}>
            <Icon name="plus" /> {t('editor.addChannel')}
          </button>
        )}
      </fieldset>
    </>
  );
}
