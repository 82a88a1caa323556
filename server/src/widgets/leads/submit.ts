// Accepts a visitor's form submission: validates it against the widget's own fields, records
// the consent, and stores the lead — or refuses it and stores nothing.
import { sql } from 'drizzle-orm';
import type { ConsentShownIn } from '#contracts/core/consent-labels.js';
import type { LeadSubmission } from '#contracts/core/embed.js';
import { checkFieldValue, type FieldProblem } from '#contracts/core/validation.js';
import { leadFieldsOf, type FormContent, type FormField } from '#contracts/core/widget.js';
import type { Db, Tables } from '../../platform/db/store.js';
import type { Account, AppDeps } from '../../deps.js';
import { AppError } from '../../platform/lib/errors.js';
import { newId } from '../../platform/lib/ids.js';
import { consentHash, consentRecordText } from './consent-text.js';
import { chatTranscript } from '../chat/conversations.js';
import { prepareEnqueueDeliveries } from '../integrations/outbox.js';
import { createGroupCommit } from '../../platform/db/group-commit.js';
import { prepareBumpDaily } from '../stats/daily.js';
import { toE164 } from './phone.js';
import { utmFrom } from './utm.js';
import type { LiveLeadCreated } from '#contracts/core/live.js';

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
  /** The site's time zone: the lead counts on the site's day. */
  timezone: string;
  /** The A/B variant the visitor saw, checked against the widget's test (ab/variant-ids.ts); null outside a test. */
  variantId?: string | null;
}

/**
 * The widget's fields only, each checked; hidden fields take the licensee's value, not the
 * page's. Phones are stored in E.164, once, here; `raw` keeps what the visitor typed where the
 * stored value differs.
 */
function cleanFields(content: Pick<FormContent, 'fields'>, submitted: LeadSubmission['fields']): { clean: Record<string, string | boolean>; raw: Record<string, string> } {
  const unknown = Object.keys(submitted).filter((k) => !content.fields.some((f) => f.key === k));
  const problems: { field: string; problem: FieldProblem; message: string }[] = [];
  const clean: Record<string, string | boolean> = {};
  const raw: Record<string, string> = {};
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
    else if (typeof value === 'string' && value.trim() !== '') {
      const typed = value.trim();
      clean[field.key] = field.kind === 'phone' ? toE164(typed) : typed;
      if (clean[field.key] !== typed) raw[field.key] = typed;
    }
  }
  if (unknown.length > 0 || problems.length > 0) {
    throw new AppError(422, 'validation_failed', problems[0]?.message ?? 'Форма содержит неизвестные поля', { fields: problems, unknown });
  }
  return { clean, raw };
}

/** Key of the conversation in a chat lead whose widget has no message box of its own. */
const CONVERSATION_KEY = 'conversation';

/**
 * The chat's offline form, sent after the visitor wrote: the lead carries the conversation. Its
 * transcript goes in the first message box the form left empty (the widget hides those once
 * there is a conversation), else under CONVERSATION_KEY. Server-made, so not held to the length
 * a visitor's field is; a token of another widget's conversation refuses the lead.
 */
async function withConversation(deps: AppDeps, widget: Tables['widgets']['$inferSelect'], token: string, fields: FormField[], submitted: LeadSubmission['fields'], timeZone: string) {
  const transcript = widget.type === 'chat' ? await chatTranscript(deps, token, widget.id, timeZone) : undefined;
  if (transcript === undefined) throw new AppError(422, 'validation_failed', 'Разговор не найден', { unknown: ['chat'] });
  const box = fields.find((f) => f.kind === 'textarea' && !String(submitted[f.key] ?? '').trim());
  const rest = { ...submitted };
  if (box) delete rest[box.key];
  const cleaned = cleanFields({ fields: fields.filter((f) => f !== box) }, rest);
  cleaned.clean[box?.key ?? CONVERSATION_KEY] = transcript;
  return cleaned;
}

/** Stores an accepted submission and returns the lead's id; throws 422 when the fields do not pass. */
export type LeadStore = (account: Account, widget: Tables['widgets']['$inferSelect'], submission: LeadSubmission & ConsentShownIn, meta: LeadMeta) => Promise<string>;

type LeadRow = Tables['leads']['$inferInsert'];

interface LeadWrite {
  account: Account;
  lead: LeadRow;
  /** The consent wording the visitor saw, stored once per wording. */
  text: string;
  /** The site's time zone: the daily counter's day. */
  tz: string;
}

/**
 * The statements of the lead's transaction, prepared on that transaction's handle: one
 * prepared on `store.db` cannot run inside a transaction (SQLite refuses store.db there, and on
 * PostgreSQL it would run on another pooled connection, outside the transaction).
 */
function prepareLeadStatements(tx: Db) {
  const { consentTexts, leads } = tx.tables;
  return {
    insertConsentText: tx
      .insert(consentTexts)
      .values({ hash: sql.placeholder('hash'), text: sql.placeholder('text'), firstShownAt: sql.placeholder('now') })
      .onConflictDoNothing()
      .prepare('leads_insert_consent_text'),
    // Placeholders named as the columns: the row object itself is the statement's parameters.
    insertLead: tx
      .insert(leads)
      .values({
        id: sql.placeholder('id'),
        accountId: sql.placeholder('accountId'),
        siteId: sql.placeholder('siteId'),
        widgetId: sql.placeholder('widgetId'),
        fields: sql.placeholder('fields'),
        rawFields: sql.placeholder('rawFields'),
        pageUrl: sql.placeholder('pageUrl'),
        referrer: sql.placeholder('referrer'),
        utm: sql.placeholder('utm'),
        ip: sql.placeholder('ip'),
        userAgent: sql.placeholder('userAgent'),
        consentHash: sql.placeholder('consentHash'),
        consentAt: sql.placeholder('consentAt'),
        marketingConsent: sql.placeholder('marketingConsent'),
        variantId: sql.placeholder('variantId'),
        createdAt: sql.placeholder('createdAt'),
      })
      .prepare('leads_insert_lead'),
    bump: prepareBumpDaily(tx),
    enqueue: prepareEnqueueDeliveries(tx),
  };
}

/**
 * The lead path with its statements prepared once (create it once per app): on every
 * submission, building the drizzle queries from scratch cost more than running them
 * (bench/src/analysis.ts). A lead's writes are all in one transaction, which the leads
 * submitted in the same turn of the event loop share.
 *
 * The statements belong to a transaction handle (prepareLeadStatements), so they are kept per
 * handle: SQLite hands every transaction the same one, so there they are built once per app;
 * PostgreSQL a new one per transaction, so there they are built per lead, under fixed names
 * that let each pooled connection parse them only once.
 */
export function createLeadStore(deps: AppDeps): LeadStore {
  const { store, clock } = deps;
  const prepared = new WeakMap<Db, ReturnType<typeof prepareLeadStatements>>();
  const statementsOf = (tx: Db) => {
    let statements = prepared.get(tx);
    if (!statements) {
      statements = prepareLeadStatements(tx);
      prepared.set(tx, statements);
    }
    return statements;
  };
  // One lead's writes, all in the transaction it is given (ROLLBACK on a throw).
  const writeOne = async (tx: Db, { account, lead, text, tz }: LeadWrite) => {
    const q = statementsOf(tx);
    await q.insertConsentText.execute({ hash: lead.consentHash, text, now: lead.createdAt });
    await q.insertLead.execute(lead);
    await q.bump(account.id, lead.widgetId, 'leads', 1, lead.createdAt, tz);
    // Same transaction: a stored lead always has its deliveries queued (SPEC §9 outbox).
    await q.enqueue(account, { id: lead.id, siteId: lead.siteId, widgetId: lead.widgetId }, lead.createdAt);
  };
  // Leads submitted in the same turn of the event loop share one transaction
  // (platform/db/group-commit.ts). On SQLite the commit is most of a lead's write and the one
  // connection runs the writes one by one anyway. On PostgreSQL every lead's transaction
  // upserts the widget's daily counter row and holds its lock through a commit that waits for
  // the disk, so leads of one widget were serialized on that row one flush at a time; grouped,
  // one flush serves the group.
  const write = createGroupCommit(store, writeOne);

  // Wordings are few (one per consent/privacy URL pair): their hashes are kept, not recomputed per lead.
  const hashes = new Map<string, string>();
  const hashOf = (text: string) => {
    let hash = hashes.get(text);
    if (hash === undefined) {
      if (hashes.size >= 1000) hashes.clear();
      hash = consentHash(text);
      hashes.set(text, hash);
    }
    return hash;
  };

  return async (account, widget, submission, meta) => {
    // Every lead-collecting type keeps consentUrl, privacyUrl and marketingConsent where a form does.
    const content = widget.definition.content as FormContent;
    const { clean: fields, raw } = submission.chat
      ? await withConversation(deps, widget, submission.chat, leadFieldsOf({ type: widget.type, content }), submission.fields, meta.timezone)
      : cleanFields({ fields: leadFieldsOf({ type: widget.type, content }) }, submission.fields);
    const now = clock.now();
    // The wording as the form showed it (the English runtime says 'en' and the label it showed).
    const text = consentRecordText(content, submission);
    const hash = hashOf(text);
    const id = newId('lead');
    await write({
      account,
      lead: {
        id,
        accountId: account.id,
        siteId: widget.siteId,
        widgetId: widget.id,
        fields,
        rawFields: raw,
        pageUrl: submission.page ?? null,
        referrer: submission.referrer || null,
        utm: utmFrom(submission.page),
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
        consentHash: hash,
        consentAt: now,
        // `=== true` on both: a definition stored without the flag must give false, not null
        // (PostgreSQL's boolean column would refuse null; SQLite's 0/1 twin turned it into 0).
        marketingConsent: content.marketingConsent === true && submission.marketingConsent === true,
        variantId: meta.variantId ?? null,
        createdAt: now,
      },
      text,
      tz: meta.timezone,
    });
    // After the commit: open dashboards refetch the list. Ids only — the fields stay behind the API.
    const live: LiveLeadCreated = { id, siteId: widget.siteId, widgetId: widget.id, createdAt: now };
    deps.live.toAccount(account.id, 'lead.created', live);
    return id;
  };
}
