// What a widget needs before it may go live, apart from tariff limits.
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
    throw new AppError(422, 'widget_example_values', `Замените примеры из шаблона своими данными: ${fields.join(', ')}.`, { fields });
  }
}
