// Validation of widget definitions as the licensee edits them (dashboard API): every type of
// SPEC §6, its content, position, colours and display rules. The plain types are core/widget.ts.
import { z } from 'zod';
import { CHANNEL_KINDS, channelHref } from '../core/messengers.js';
import { DEFAULT_RULES } from '../core/rules.js';
import {
  BAR_PUSH,
  CORNER_POSITIONS,
  FIELD_KINDS,
  POSITIONS,
  type BannerContent,
  type CallbackContent,
  type ChatContent,
  type Colors,
  type FormContent,
  type FormField,
  type MessengersContent,
  type PopupContent,
  type QuizContent,
  type QuizQuestion,
  type TimerContent,
} from '../core/widget.js';
import type { Matches, Proven } from './matches.js';
import { displayRulesSchema, urlRuleSchema } from './rules.js';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb');
/** Only http(s) URLs: a javascript: link in a widget would run on the licensee's page. */
export const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'URL must start with http:// or https://');
const text = (max: number) => z.string().trim().max(max);
const fieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'key: lower-case latin, digits, _');

export const colorsSchema = z.object({
  background: hexColor.default('#ffffff'),
  text: hexColor.default('#1f2937'),
  accent: hexColor.default('#2563eb'),
});

export const positionSchema = z.enum(POSITIONS);

export const formFieldSchema = z.object({
  key: fieldKey,
  kind: z.enum(FIELD_KINDS),
  label: text(200),
  required: z.boolean().default(false),
  placeholder: text(200).optional(),
  options: z.array(text(200).min(1)).max(50).optional(),
  /** Value of a hidden field (e.g. a campaign tag). */
  value: text(500).optional(),
});

const uniqueKeys = (keys: string[]) => new Set(keys).size === keys.length;
const fieldList = (min: number) =>
  z
    .array(formFieldSchema)
    .min(min)
    .max(20)
    .refine((fs) => uniqueKeys(fs.map((f) => f.key)), 'field keys must be unique');

/** The lead part shared by every type that collects personal data (152-FZ consent included). */
const leadParts = {
  submitText: text(100).min(1).default('Отправить'),
  successText: text(500).min(1).default('Спасибо! Мы скоро свяжемся с вами.'),
  /** Licensee's personal-data consent document (a separate document since 1 Sept 2025). */
  consentUrl: httpUrl.optional(),
  /** Licensee's privacy policy. */
  privacyUrl: httpUrl.optional(),
  /** Optional, separate, unticked marketing consent. */
  marketingConsent: z.boolean().default(false),
};

/** A title, a text, an optional picture and an optional button link (banner, popup). */
const messageParts = {
  title: text(200).default(''),
  text: text(2000).default(''),
  imageUrl: httpUrl.optional(),
  buttonText: text(100).default(''),
  buttonUrl: httpUrl.optional(),
};
/** A bar pushes the page or covers it; absent: as "always" (core/widget.ts BarLayout). */
const barParts = { push: z.enum(BAR_PUSH).optional() };
/** A floating lead-form card starts folded on phones unless this is true (core/widget.ts CardLayout). */
const cardParts = { openOnPhones: z.boolean().optional() };

export const bannerContentSchema = z.object({ ...messageParts, ...barParts });

export const formContentSchema = z.object({
  title: text(200).default(''),
  text: text(2000).default(''),
  fields: fieldList(1),
  ...leadParts,
  ...cardParts,
});

/** A modal dialog: a message with an optional button link, and an optional lead form. */
export const popupContentSchema = z.object({
  ...messageParts,
  /** Empty: a message only (it collects nothing and needs no consent links). */
  fields: fieldList(0).default([]),
  ...leadParts,
});

const CALLBACK_FIELDS: FormField[] = [
  { key: 'name', kind: 'name', label: 'Имя', required: false },
  { key: 'phone', kind: 'phone', label: 'Телефон', required: true },
];

/** A floating phone button that opens a "call me back" form. */
export const callbackContentSchema = z.object({
  /** The button's accessible name and tooltip. */
  buttonText: text(100).min(1).default('Заказать звонок'),
  title: text(200).default('Перезвоним за 5 минут'),
  text: text(2000).default(''),
  fields: fieldList(1)
    .refine((fs) => fs.some((f) => f.kind === 'phone' && f.required), 'a callback form needs a required phone field')
    .default(CALLBACK_FIELDS),
  ...leadParts,
  submitText: text(100).min(1).default('Жду звонка'),
});

export const channelSchema = z
  .object({
    kind: z.enum(CHANNEL_KINDS),
    /** Username, phone or link, as the kind wants (see messengers.ts). */
    value: text(300).min(1),
    /** Empty: the messenger's own name. */
    label: text(60).default(''),
  })
  .refine((c) => channelHref(c.kind, c.value) !== null, { message: 'not a valid username, phone or link for this messenger', path: ['value'] });

/** A floating button that opens a list of messenger links. */
export const messengersContentSchema = z.object({
  buttonText: text(100).min(1).default('Написать нам'),
  title: text(200).default(''),
  channels: z.array(channelSchema).min(1).max(6),
});

const LOCAL_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/;

/** A countdown to a moment in the site's time zone; hidden once it has passed. */
export const timerContentSchema = z.object({
  title: text(200).default(''),
  text: text(500).default(''),
  /** YYYY-MM-DDTHH:MM, wall-clock time in the site's time zone. */
  endsAt: z.string().regex(LOCAL_DATE_TIME, 'date and time as YYYY-MM-DDTHH:MM'),
  buttonText: text(100).default(''),
  buttonUrl: httpUrl.optional(),
  ...barParts,
});

export const quizQuestionSchema = z.object({
  key: fieldKey,
  text: text(300).min(1),
  /** One answer is chosen; it is stored in the lead under `key`. */
  options: z.array(text(200).min(1)).min(2).max(10),
});

/** Questions one at a time, then a lead form; the answers are stored with the lead. */
export const quizContentSchema = z
  .object({
    title: text(200).default(''),
    text: text(2000).default(''),
    questions: z.array(quizQuestionSchema).min(1).max(10),
    /** Shown above the contact fields after the last question. */
    formTitle: text(200).default('Куда отправить результат?'),
    fields: fieldList(1),
    ...leadParts,
    ...cardParts,
  })
  .refine((q) => uniqueKeys([...q.questions.map((x) => x.key), ...q.fields.map((f) => f.key)]), {
    message: 'question and field keys must be unique',
    path: ['questions'],
  });

const CHAT_OFFLINE_FIELDS: FormField[] = [
  { key: 'name', kind: 'name', label: 'Имя', required: false },
  { key: 'contact', kind: 'text', label: 'Телефон или e-mail', required: true },
  { key: 'message', kind: 'textarea', label: 'Сообщение', required: true },
];

/**
 * Live chat over the platform's realtime app. The visitor types at once; the first message
 * goes with the ticked consent box. When nobody is online in the dashboard, or no one answers
 * within `offlineAfterMin`, the widget offers `fields` as an offline form that becomes a lead
 * carrying the conversation (so chat collects leads, and
 * needs the consent links like every such type).
 */
export const chatContentSchema = z.object({
  buttonText: text(100).min(1).default('Чат с нами'),
  title: text(200).min(1).default('Онлайн-чат'),
  /** The operator's first line, shown before the visitor writes. */
  greeting: text(500).default('Здравствуйте! Чем можем помочь?'),
  offlineAfterMin: z.number().int().min(1).max(60).default(3),
  offlineText: text(500).min(1).default('Сейчас все операторы заняты. Оставьте контакты — мы ответим.'),
  requireContact: z.boolean().optional(),
  operatorName: text(100).optional(),
  operatorPhoto: httpUrl.optional(),
  answersWithinMin: z.number().int().min(0).max(1440).optional(),
  fields: fieldList(1).default(CHAT_OFFLINE_FIELDS),
  ...leadParts,
  successText: text(500).min(1).default('Спасибо! Мы ответим вам в ближайшее время.'),
});

const common = {
  name: text(100).min(1),
  siteId: z.string().min(1).max(64),
  active: z.boolean().default(false),
  position: positionSchema.default('bottom-right'),
  /** CSS selector for position "inline". */
  inlineSelector: text(200).optional(),
  colors: colorsSchema.default({ background: '#ffffff', text: '#1f2937', accent: '#2563eb' }),
  /** Legacy single include rule, kept for API compatibility; `rules.url` is the full form. */
  urlRule: urlRuleSchema.default({ match: 'any', value: '' }),
  rules: displayRulesSchema.default(() => structuredClone(DEFAULT_RULES)),
};
const cornerPosition = z.enum(CORNER_POSITIONS).default('bottom-right');

export const bannerWidgetInputSchema = z.object({ type: z.literal('banner'), content: bannerContentSchema, ...common });
export const formWidgetInputSchema = z.object({ type: z.literal('form'), content: formContentSchema, ...common });
/** A popup is a modal dialog in the middle of the screen: its position is always "center". */
export const popupWidgetInputSchema = z.object({ type: z.literal('popup'), content: popupContentSchema, ...common, position: z.literal('center').default('center') });
export const callbackWidgetInputSchema = z.object({ type: z.literal('callback'), content: callbackContentSchema, ...common, position: cornerPosition });
export const messengersWidgetInputSchema = z.object({ type: z.literal('messengers'), content: messengersContentSchema, ...common, position: cornerPosition });
export const timerWidgetInputSchema = z.object({ type: z.literal('timer'), content: timerContentSchema, ...common, position: positionSchema.default('top-bar') });
export const quizWidgetInputSchema = z.object({ type: z.literal('quiz'), content: quizContentSchema, ...common });
export const chatWidgetInputSchema = z.object({ type: z.literal('chat'), content: chatContentSchema, ...common, position: cornerPosition });

export const widgetInputSchema = z.discriminatedUnion('type', [
  bannerWidgetInputSchema,
  formWidgetInputSchema,
  popupWidgetInputSchema,
  callbackWidgetInputSchema,
  messengersWidgetInputSchema,
  timerWidgetInputSchema,
  quizWidgetInputSchema,
  chatWidgetInputSchema,
]);
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
    rules: displayRulesSchema,
    content: z.record(z.string(), z.unknown()),
  })
  .partial()
  .strict();

type _Colors = Proven<Matches<z.infer<typeof colorsSchema>, Colors>>;
type _Field = Proven<Matches<z.infer<typeof formFieldSchema>, FormField>>;
type _Banner = Proven<Matches<z.infer<typeof bannerContentSchema>, BannerContent>>;
type _Form = Proven<Matches<z.infer<typeof formContentSchema>, FormContent>>;
type _Popup = Proven<Matches<z.infer<typeof popupContentSchema>, PopupContent>>;
type _Callback = Proven<Matches<z.infer<typeof callbackContentSchema>, CallbackContent>>;
type _Messengers = Proven<Matches<z.infer<typeof messengersContentSchema>, MessengersContent>>;
type _Timer = Proven<Matches<z.infer<typeof timerContentSchema>, TimerContent>>;
type _Question = Proven<Matches<z.infer<typeof quizQuestionSchema>, QuizQuestion>>;
type _Quiz = Proven<Matches<z.infer<typeof quizContentSchema>, QuizContent>>;
type _Chat = Proven<Matches<z.infer<typeof chatContentSchema>, ChatContent>>;
