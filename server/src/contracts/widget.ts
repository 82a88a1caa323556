// Widget definitions as the licensee edits them (dashboard API) — banner and form.
import { z } from 'zod';

export const WIDGET_TYPES = ['banner', 'form', 'popup', 'callback', 'messengers', 'timer', 'quiz', 'chat'] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];
/** Types this build can create and render; the rest arrive with later work. */
export const BUILDABLE_WIDGET_TYPES = ['banner', 'form'] as const satisfies readonly WidgetType[];

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb');
/** Only http(s) URLs: a javascript: link in a widget would run on the licensee's page. */
export const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'URL must start with http:// or https://');
const text = (max: number) => z.string().trim().max(max);

export const colorsSchema = z.object({
  background: hexColor.default('#ffffff'),
  text: hexColor.default('#1f2937'),
  accent: hexColor.default('#2563eb'),
});

export const POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left', 'center', 'top-bar', 'bottom-bar', 'inline'] as const;
export const positionSchema = z.enum(POSITIONS);

export const URL_MATCHES = ['any', 'equals', 'contains', 'starts_with', 'wildcard'] as const;
/** One URL rule (issue 2); the full rule set of SPEC §6 extends this shape. */
export const urlRuleSchema = z
  .object({
    match: z.enum(URL_MATCHES).default('any'),
    value: text(500).default(''),
  })
  .refine((r) => r.match === 'any' || r.value.length > 0, { message: 'a URL rule needs a value', path: ['value'] });

export const FIELD_KINDS = ['name', 'phone', 'email', 'text', 'textarea', 'select', 'checkbox', 'hidden'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const formFieldSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'field key: lower-case latin, digits, _'),
  kind: z.enum(FIELD_KINDS),
  label: text(200),
  required: z.boolean().default(false),
  placeholder: text(200).optional(),
  options: z.array(text(200).min(1)).max(50).optional(),
  /** Value of a hidden field (e.g. a campaign tag). */
  value: text(500).optional(),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const bannerContentSchema = z.object({
  title: text(200).default(''),
  text: text(2000).default(''),
  imageUrl: httpUrl.optional(),
  buttonText: text(100).default(''),
  buttonUrl: httpUrl.optional(),
});

export const formContentSchema = z.object({
  title: text(200).default(''),
  text: text(2000).default(''),
  fields: z
    .array(formFieldSchema)
    .min(1)
    .max(20)
    .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, 'field keys must be unique'),
  submitText: text(100).min(1).default('Отправить'),
  successText: text(500).min(1).default('Спасибо! Мы скоро свяжемся с вами.'),
  /** Licensee's personal-data consent document (a separate document since 1 Sept 2025). */
  consentUrl: httpUrl.optional(),
  /** Licensee's privacy policy. */
  privacyUrl: httpUrl.optional(),
  /** Optional, separate, unticked marketing consent. */
  marketingConsent: z.boolean().default(false),
});

const common = {
  name: text(100).min(1),
  siteId: z.string().min(1).max(64),
  active: z.boolean().default(false),
  position: positionSchema.default('bottom-right'),
  /** CSS selector for position "inline". */
  inlineSelector: text(200).optional(),
  colors: colorsSchema.default({ background: '#ffffff', text: '#1f2937', accent: '#2563eb' }),
  urlRule: urlRuleSchema.default({ match: 'any', value: '' }),
};

export const bannerWidgetInputSchema = z.object({ type: z.literal('banner'), content: bannerContentSchema, ...common });
export const formWidgetInputSchema = z.object({ type: z.literal('form'), content: formContentSchema, ...common });

export const widgetInputSchema = z.discriminatedUnion('type', [bannerWidgetInputSchema, formWidgetInputSchema]);
export type WidgetInput = z.infer<typeof widgetInputSchema>;

/** PATCH: any subset of the common fields, plus content of the widget's own type. */
export const widgetPatchSchema = z
  .object({
    name: common.name,
    active: z.boolean(),
    position: positionSchema,
    inlineSelector: text(200).nullable(),
    colors: colorsSchema,
    urlRule: urlRuleSchema,
    content: z.record(z.string(), z.unknown()),
  })
  .partial()
  .strict();
export type WidgetPatch = z.infer<typeof widgetPatchSchema>;

export type BannerContent = z.infer<typeof bannerContentSchema>;
export type FormContent = z.infer<typeof formContentSchema>;
export type Colors = z.infer<typeof colorsSchema>;
export type Position = z.infer<typeof positionSchema>;
export type UrlRule = z.infer<typeof urlRuleSchema>;
