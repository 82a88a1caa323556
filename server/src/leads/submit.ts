// Accepts a visitor's form submission: validates it against the widget's own fields, records
// the consent, and stores the lead — or refuses it and stores nothing.
import type { LeadSubmission } from '../contracts/embed.js';
import { checkFieldValue, normalizePhone, type FieldProblem } from '../contracts/validation.js';
import { leadFieldsOf, type FormContent } from '../contracts/widget.js';
import { consentTexts, leads, type widgets } from '../db/schema/index.js';
import type { Account, AppDeps } from '../deps.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { consentHash, consentRecordText } from '../embed/consent-text.js';
import { enqueueDeliveries } from '../integrations/outbox.js';
import { bumpDaily } from '../stats/daily.js';
import { utmFrom } from './utm.js';
import type { LiveLeadCreated } from '../contracts/live.js';
import { publishToAccount } from '../realtime/internal.js';

const PROBLEM_TEXT: Record<FieldProblem, string> = {
  required: 'Обязательное поле',
  phone: 'Введите телефон в международном формате, например +7 900 123-45-67',
  email: 'Введите корректный e-mail',
  option: 'Выберите вариант из списка',
  too_long: 'Слишком длинное значение',
};

export interface LeadMeta {
  ip: string;
  userAgent: string | undefined;
}

/** The widget's fields only, each checked; hidden fields take the licensee's value, not the page's. */
export function cleanFields(content: Pick<FormContent, 'fields'>, submitted: LeadSubmission['fields']): Record<string, string | boolean> {
  const unknown = Object.keys(submitted).filter((k) => !content.fields.some((f) => f.key === k));
  const problems: { field: string; problem: FieldProblem; message: string }[] = [];
  const clean: Record<string, string | boolean> = {};
  for (const field of content.fields) {
    if (field.kind === 'hidden') {
      if (field.value) clean[field.key] = field.value;
      continue;
    }
    const value = submitted[field.key];
    const problem = checkFieldValue(field, value);
    if (problem) {
      problems.push({ field: field.key, problem, message: PROBLEM_TEXT[problem] });
      continue;
    }
    if (field.kind === 'checkbox') clean[field.key] = value === true;
    else if (typeof value === 'string' && value.trim() !== '') clean[field.key] = field.kind === 'phone' ? normalizePhone(value.trim()) : value.trim();
  }
  if (unknown.length > 0 || problems.length > 0) {
    throw new AppError(422, 'validation_failed', problems[0]?.message ?? 'Форма содержит неизвестные поля', { fields: problems, unknown });
  }
  return clean;
}

export function storeLead(deps: AppDeps, account: Account, widget: typeof widgets.$inferSelect, submission: LeadSubmission, meta: LeadMeta): string {
  const { db, clock } = deps;
  // Every lead-collecting type keeps consentUrl, privacyUrl and marketingConsent where a form does.
  const content = widget.definition.content as FormContent;
  const fields = cleanFields({ fields: leadFieldsOf({ type: widget.type, content }) }, submission.fields);
  const now = clock.now();
  const text = consentRecordText(content);
  const hash = consentHash(text);
  const id = newId('lead');
  db.transaction((tx) => {
    tx.insert(consentTexts).values({ hash, text, firstShownAt: now }).onConflictDoNothing().run();
    tx.insert(leads)
      .values({
        id,
        accountId: account.id,
        siteId: widget.siteId,
        widgetId: widget.id,
        fields,
        pageUrl: submission.page ?? null,
        referrer: submission.referrer || null,
        utm: utmFrom(submission.page),
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
        consentHash: hash,
        consentAt: now,
        marketingConsent: content.marketingConsent && submission.marketingConsent === true,
        createdAt: now,
      })
      .run();
    bumpDaily(tx, account.id, widget.id, 'leads', 1, now);
    // Same transaction: a stored lead always has its deliveries queued (SPEC §9 outbox).
    enqueueDeliveries(tx, account, { id, siteId: widget.siteId, widgetId: widget.id }, now);
  });
  // After the commit: open dashboards refetch the list. Ids only — the fields stay behind the API.
  const live: LiveLeadCreated = { id, siteId: widget.siteId, widgetId: widget.id, createdAt: now };
  publishToAccount(deps, account.id, 'lead.created', live);
  return id;
}
