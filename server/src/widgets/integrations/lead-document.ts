// The lead as destinations receive it: the widget's own field labels and kinds, the page and
// UTM tags. IP and user agent stay with us (data minimisation: the licensee's CRM needs neither).
import type { Lang } from '#contracts/core/lang.js';
import { formatInZone } from '#contracts/core/timezone.js';
import { leadFieldsOf, type FieldKind } from '#contracts/core/widget.js';
import type { Tables } from '../../platform/db/store.js';

export interface LeadField {
  key: string;
  label: string;
  kind: FieldKind | 'unknown';
  value: string | boolean;
}

export interface LeadDocument {
  id: string;
  /** A "send a test lead" from the dashboard, not a visitor's. */
  test: boolean;
  createdAt: number;
  /** The site's IANA time zone: times in messages are the site's clock. */
  site: { id: string; name: string; timezone: string };
  widget: { id: string; name: string };
  fields: LeadField[];
  /** The first name, phone and e-mail fields, for CRMs that have slots for them. */
  name: string | null;
  phone: string | null;
  email: string | null;
  pageUrl: string | null;
  referrer: string | null;
  utm: Record<string, string>;
  consentAt: number;
  marketingConsent: boolean;
}

type LeadRow = Tables['leads']['$inferSelect'];

type WidgetRow = Tables['widgets']['$inferSelect'];

/**
 * The lead's keys in the order the widget shows its fields, then those the widget no longer has.
 * Not the stored JSON's order: PostgreSQL's jsonb re-orders keys (shorter first), so the same lead
 * would read name, email, phone there and name, phone, email on SQLite, in every destination.
 */
function fieldOrder(stored: Record<string, unknown>, defs: readonly { key: string }[]): string[] {
  const shown = defs.map((f) => f.key).filter((key) => Object.hasOwn(stored, key));
  return [...new Set([...shown, ...Object.keys(stored)])];
}

/**
 * The lead as sent, from its row and what it names: the site (its name and clock) and the widget
 * (its name and field labels). Either may be gone, deleted since the lead came.
 */
export function leadDocument(lead: LeadRow, site: { name: string; timezone: string } | null, widget: Pick<WidgetRow, 'name' | 'type' | 'definition'> | null): LeadDocument {
  // The widget may have been edited or deleted since: fall back to the field key as its label.
  const defs = widget ? leadFieldsOf({ type: widget.type, content: widget.definition.content }) : [];
  const fields: LeadField[] = fieldOrder(lead.fields, defs).map((key) => {
    const def = defs.find((f) => f.key === key);
    return { key, label: def?.label || key, kind: def?.kind ?? 'unknown', value: lead.fields[key]! };
  });
  const firstOf = (kind: FieldKind) => {
    const f = fields.find((x) => x.kind === kind || (x.kind === 'unknown' && x.key === kind));
    return typeof f?.value === 'string' ? f.value : null;
  };
  return {
    id: lead.id,
    test: false,
    createdAt: lead.createdAt,
    site: { id: lead.siteId, name: site?.name ?? '', timezone: site?.timezone ?? 'Europe/Moscow' },
    widget: { id: lead.widgetId, name: widget?.name ?? '' },
    fields,
    name: firstOf('name'),
    phone: firstOf('phone'),
    email: firstOf('email'),
    pageUrl: lead.pageUrl,
    referrer: lead.referrer,
    utm: lead.utm,
    consentAt: lead.consentAt,
    marketingConsent: lead.marketingConsent,
  };
}

/** A made-up lead for "send a test lead", in the account's language. */
export function testLeadDocument(site: { id: string; name: string; timezone: string }, now: number, lang: Lang = 'ru'): LeadDocument {
  const en = lang === 'en';
  const name = en ? 'Test lead' : 'Тестовая заявка';
  return {
    id: 'lead_test',
    test: true,
    createdAt: now,
    site,
    widget: { id: 'wdg_test', name: en ? 'Test form' : 'Тестовая форма' },
    fields: [
      { key: 'name', label: en ? 'Name' : 'Имя', kind: 'name', value: name },
      { key: 'phone', label: en ? 'Phone' : 'Телефон', kind: 'phone', value: '+79000000000' },
      { key: 'email', label: 'E-mail', kind: 'email', value: 'test@example.com' },
    ],
    name,
    phone: '+79000000000',
    email: 'test@example.com',
    pageUrl: null,
    referrer: null,
    utm: {},
    consentAt: now,
    marketingConsent: false,
  };
}

/**
 * Our own words around a lead, in the account's language (the lead mail follows it; the other
 * destinations use the default, Russian). The widget's field labels are the owner's, as written.
 */
const WORDS = {
  ru: {
    yes: 'да',
    no: 'нет',
    page: 'Страница',
    referrer: 'Откуда пришёл',
    marketing: 'Согласие на рассылку',
    test: 'Тестовая заявка',
    lead: 'Новая заявка',
    fromSite: (n: string) => ` с сайта «${n}»`,
  },
  en: { yes: 'yes', no: 'no', page: 'Page', referrer: 'Came from', marketing: 'Marketing consent', test: 'Test lead', lead: 'New lead', fromSite: (n: string) => ` from the site “${n}”` },
} as const;

export interface LeadLine {
  label: string;
  value: string;
  /** A phone field's value (E.164 as stored), which a reader may want grouped or as a tel: link. */
  phone?: boolean;
}

/** A phone field; a widget edited or deleted since names it by its key only. */
const isPhoneField = (f: LeadField) => f.kind === 'phone' || (f.kind === 'unknown' && f.key === 'phone');

/** Label/value lines every human-readable destination uses (mail, Telegram, CRM comments). */
export function leadLines(doc: LeadDocument, options: { skip?: readonly FieldKind[]; lang?: Lang } = {}): LeadLine[] {
  const w = WORDS[options.lang ?? 'ru'];
  const show = (v: string | boolean) => (v === true ? w.yes : v === false ? w.no : v);
  const lines: LeadLine[] = doc.fields.filter((f) => !options.skip?.includes(f.kind as FieldKind)).map((f) => ({ label: f.label, value: show(f.value), phone: isPhoneField(f) }));
  if (doc.pageUrl) lines.push({ label: w.page, value: doc.pageUrl });
  if (doc.referrer) lines.push({ label: w.referrer, value: doc.referrer });
  for (const [k, v] of Object.entries(doc.utm)) lines.push({ label: k, value: v });
  if (doc.marketingConsent) lines.push({ label: w.marketing, value: w.yes });
  return lines;
}

export const leadHeading = (doc: LeadDocument, lang: Lang = 'ru') =>
  `${doc.test ? WORDS[lang].test : WORDS[lang].lead}${doc.site.name ? WORDS[lang].fromSite(doc.site.name) : ''}${doc.widget.name ? ` (${doc.widget.name})` : ''}`;

/** When the lead came, on the site's clock with the zone named. */
export const leadReceivedAt = (doc: LeadDocument) => formatInZone(doc.createdAt, doc.site.timezone);
