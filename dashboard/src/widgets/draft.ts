// The widget being edited ("draft"): built from a stored widget or a template, checked live
// with the server's own schema (contracts/schemas/widget.ts), and turned into the request that saves it.
import type { z } from 'zod';
import type { Widget } from '../api-types.js';
import type { WidgetTemplate } from './templates.js';
import type { BUILDABLE_WIDGET_TYPES } from '#contracts/core/widget.js';
import { widgetInputSchema, type WidgetInput } from '#contracts/schemas/widget.js';
import { t } from '../i18n/i18n.js';

export type Draft = WidgetInput;
export type BuildableType = (typeof BUILDABLE_WIDGET_TYPES)[number];
/** The draft of one type, with its own content shape. */
export type DraftOf<T extends Draft['type']> = Extract<Draft, { type: T }>;
export type ContentOf<T extends Draft['type']> = DraftOf<T>['content'];

/**
 * The legacy single URL rule joins the include list: the editor shows one list, and the
 * loader already treats both as one (server/src/embed/wire-rules.ts).
 */
function foldUrlRule(d: Draft): Draft {
  if (d.urlRule.match === 'any') return d;
  const include = [...d.rules.url.include, { match: d.urlRule.match, value: d.urlRule.value }];
  return { ...d, urlRule: { match: 'any', value: '' }, rules: { ...d.rules, url: { ...d.rules.url, include } } };
}

export function draftFromWidget(w: Widget): Draft {
  const { id: _id, served: _s, blocked: _b, createdAt: _c, updatedAt: _u, ...input } = w;
  // Widgets stored before some fields existed: the schema fills their defaults.
  const parsed = widgetInputSchema.safeParse(input);
  return foldUrlRule(parsed.success ? parsed.data : (input as Draft));
}

export function draftFromTemplate(tpl: WidgetTemplate, siteId: string): Draft {
  return foldUrlRule(widgetInputSchema.parse({ ...structuredClone(tpl.widget), siteId, active: false }));
}

/** The PATCH body: everything editable; the type and site of a widget never change. */
export function patchOf(d: Draft) {
  return { name: d.name, position: d.position, inlineSelector: d.inlineSelector || null, colors: d.colors, urlRule: d.urlRule, rules: d.rules, content: d.content };
}

/** Problems by path ("content.fields.0.label"), in the reader's language where we know the rule. */
export type Issues = Map<string, string>;

export function issuesOf(d: Draft): Issues {
  const parsed = widgetInputSchema.safeParse(d);
  const out: Issues = new Map();
  if (parsed.success) return out;
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    if (!out.has(path)) out.set(path, issueText(issue));
  }
  return out;
}

type Issue = z.core.$ZodIssue;

function issueText(issue: Issue): string {
  const known = KNOWN[issue.message];
  if (known) return t(known);
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'array' ? t('v.atLeast', { n: Number(issue.minimum) }) : Number(issue.minimum) <= 1 ? t('v.required') : t('v.tooShort', { n: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'array' ? t('v.atMostItems', { n: Number(issue.maximum) }) : t('v.tooLong', { n: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'url' ? t('v.url') : t('v.format');
    case 'custom':
      return issue.message;
    default:
      return t('v.format');
  }
}

/** The schema's own messages (contracts are in English) mapped to ours. */
const KNOWN: Record<string, Parameters<typeof t>[0]> = {
  'URL must start with http:// or https://': 'v.url',
  'colour must be #rrggbb': 'v.color',
  'key: lower-case latin, digits, _': 'v.key',
  'field keys must be unique': 'v.uniqueKeys',
  'question and field keys must be unique': 'v.uniqueKeys',
  'a URL rule needs a value': 'v.required',
  'a condition needs a value': 'v.required',
  'a callback form needs a required phone field': 'v.callbackPhone',
  'not a valid username, phone or link for this messenger': 'v.channel',
  'date and time as YYYY-MM-DDTHH:MM': 'v.dateTime',
  'not a CSS selector': 'v.selector',
};

/** Issues under a prefix, with the prefix removed: what a section of the editor shows. */
export function issuesUnder(all: Issues, prefix: string): Issues {
  const out: Issues = new Map();
  for (const [k, v] of all) if (k === prefix || k.startsWith(`${prefix}.`)) out.set(k.slice(prefix.length + 1), v);
  return out;
}
