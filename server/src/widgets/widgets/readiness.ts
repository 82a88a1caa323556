// What a widget needs before it may go live, apart from tariff limits.
import type { ChannelKind } from '#contracts/core/messengers.js';
import { templateExampleFields } from '#contracts/core/template-examples.js';
import { collectsLeads } from '#contracts/core/widget.js';
import type { WidgetInput } from '#contracts/schemas/widget.js';
import { AppError } from '../../platform/lib/errors.js';

/**
 * A widget that collects personal data (a form, a popup with a form, a callback button, a quiz)
 * must link the licensee's consent document and privacy policy (152-FZ as amended from
 * 1 Sept 2025: consent is a separate document).
 */
export function assertReadyToActivate(widget: WidgetInput): void {
  assertNoTemplateExamples(widget);
  if (!collectsLeads(widget)) return;
  const content = widget.content as { consentUrl?: string; privacyUrl?: string };
  const missing = [!content.consentUrl && 'content.consentUrl', !content.privacyUrl && 'content.privacyUrl'].filter(Boolean);
  if (missing.length > 0) {
    throw new AppError(422, 'widget_not_ready', 'Виджет собирает персональные данные: укажите ссылки на согласие на обработку и на политику конфиденциальности.', { missing });
  }
}

/**
 * A widget still holding a template's example values (example.ru links, the placeholder phone,
 * the made-up shop handle) would send visitors nowhere: it may be saved, not switched on. The
 * refusal names each field to change.
 */
function assertNoTemplateExamples(widget: WidgetInput): void {
  const fields = templateExampleFields(widget.content);
  if (fields.length > 0) {
    throw new AppError(422, 'widget_example_values', `Замените примеры из шаблона своими данными: ${fields.join(', ')}.`, { fields, ...channelKindsOf(widget, fields) });
  }
}

/**
 * The kind of each messenger channel a refusal names (`{ "0": "telegram" }`, by the channel's
 * index), so the dashboard can say "channel 1 (Telegram)" rather than a bare number.
 */
function channelKindsOf(widget: WidgetInput, fields: string[]): { channelKinds?: Record<string, ChannelKind> } {
  const channels = (widget.content as { channels?: { kind: ChannelKind }[] }).channels;
  const named = fields.flatMap((field) => {
    const index = /^content\.channels\.(\d+)\./.exec(field)?.[1];
    const kind = index === undefined ? undefined : channels?.[Number(index)]?.kind;
    return index !== undefined && kind ? [[index, kind] as const] : [];
  });
  return named.length > 0 ? { channelKinds: Object.fromEntries(named) } : {};
}
