// Widgets as the licensee edits them (SPEC §6): the types, positions and content of every
// widget type. Plain types here; schemas/widget.ts validates them (and proves it matches these).
import type { ChannelKind } from './messengers.js';

export const WIDGET_TYPES = ['banner', 'form', 'popup', 'callback', 'messengers', 'timer', 'quiz', 'chat'] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];
/** Types this build can create and render. */
export const BUILDABLE_WIDGET_TYPES = ['banner', 'form', 'popup', 'callback', 'messengers', 'timer', 'quiz', 'chat'] as const satisfies readonly WidgetType[];

export const POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left', 'center', 'top-bar', 'bottom-bar', 'inline'] as const;
export type Position = (typeof POSITIONS)[number];
/** Floating buttons (callback, messengers, chat) live in a corner. */
export const CORNER_POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const;

export const FIELD_KINDS = ['name', 'phone', 'email', 'text', 'textarea', 'select', 'checkbox', 'hidden'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export interface Colors {
  background: string;
  text: string;
  accent: string;
}

export interface FormField {
  key: string;
  kind: FieldKind;
  label: string;
  required: boolean;
  placeholder?: string | undefined;
  options?: string[] | undefined;
  /** Value of a hidden field (e.g. a campaign tag). */
  value?: string | undefined;
}

/** The lead part shared by every type that collects personal data (152-FZ consent included). */
export interface LeadContent {
  fields: FormField[];
  submitText: string;
  successText: string;
  /** Licensee's personal-data consent document (a separate document since 1 Sept 2025). */
  consentUrl?: string | undefined;
  /** Licensee's privacy policy. */
  privacyUrl?: string | undefined;
  /** Optional, separate, unticked marketing consent. */
  marketingConsent: boolean;
}

/**
 * A bar (position top-bar or bottom-bar) either pushes the page away from its edge or covers
 * it. "always" (also when absent): it pushes the page on every screen, so it never hides the
 * site's header or menu, which is what an owner expects of a bar; "phones": it pushes on phones
 * only and covers on larger screens; "never": it always covers. (README, "Layout of widgets on
 * a page".)
 */
export const BAR_PUSH = ['always', 'phones', 'never'] as const;
export interface BarLayout {
  push?: (typeof BAR_PUSH)[number] | undefined;
}

/** A lead form drawn as a card (not inline, not a bar). */
export interface CardLayout {
  /**
   * On phones a floating lead-form card starts folded into a button with its title, so it
   * does not cover most of a small screen by itself; true: it opens at once there too.
   */
  openOnPhones?: boolean | undefined;
}

/** A title, a text, an optional picture and an optional button link. */
export interface Message {
  title: string;
  text: string;
  imageUrl?: string | undefined;
  buttonText: string;
  buttonUrl?: string | undefined;
}

export interface BannerContent extends Message, BarLayout {}

export interface FormContent extends LeadContent, CardLayout {
  title: string;
  text: string;
}

/** A modal dialog: a message with an optional button link, and an optional lead form (no fields: a message only). */
export interface PopupContent extends Message, LeadContent {}

/** A floating phone button that opens a "call me back" form. */
export interface CallbackContent extends LeadContent {
  /** The button's accessible name and tooltip. */
  buttonText: string;
  title: string;
  text: string;
}

export interface Channel {
  kind: ChannelKind;
  /** Username, phone or link, as the kind wants (see messengers.ts). */
  value: string;
  /** Empty: the messenger's own name. */
  label: string;
}

/** A floating button that opens a list of messenger links. */
export interface MessengersContent {
  buttonText: string;
  title: string;
  channels: Channel[];
}

/** A countdown to a moment in the site's time zone; hidden once it has passed. */
export interface TimerContent extends BarLayout {
  title: string;
  text: string;
  /** YYYY-MM-DDTHH:MM, wall-clock time in the site's time zone. */
  endsAt: string;
  buttonText: string;
  buttonUrl?: string | undefined;
}

export interface QuizQuestion {
  key: string;
  text: string;
  /** One answer is chosen; it is stored in the lead under `key`. */
  options: string[];
}

/** Questions one at a time, then a lead form; the answers are stored with the lead. */
export interface QuizContent extends LeadContent, CardLayout {
  title: string;
  text: string;
  questions: QuizQuestion[];
  /** Shown above the contact fields after the last question. */
  formTitle: string;
}

/**
 * Live chat over the platform's realtime app. The visitor types at once; the first message
 * goes with the ticked consent box. When nobody is online in the dashboard, or no one answers
 * within `offlineAfterMin`, the widget offers `fields` as an offline form that becomes a lead
 * carrying the conversation (so chat collects leads, and
 * needs the consent links like every such type).
 */
export interface ChatContent extends LeadContent {
  buttonText: string;
  title: string;
  /** The operator's first line, shown before the visitor writes. */
  greeting: string;
  offlineAfterMin: number;
  offlineText: string;
  /** The owner asks for a name and a contact before the first message (off: the visitor types at once). */
  requireContact?: boolean | undefined;
  /** Shown at the top of the chat: who answers, and their picture (an http(s) URL). */
  operatorName?: string | undefined;
  operatorPhoto?: string | undefined;
  /** "Usually answers within N minutes", said while nobody is online; 0 or absent says nothing. */
  answersWithinMin?: number | undefined;
}

/**
 * The fields a widget's lead may carry, in the order the visitor meets them; empty for types
 * that collect nothing (banner, messengers, timer, a popup without a form). Quiz answers are
 * single-choice questions, so each is a required "select" field of its options: the lead
 * validation checks answers exactly as it checks any select.
 */
export function leadFieldsOf(widget: { type: string; content: unknown }): FormField[] {
  switch (widget.type) {
    case 'form':
    case 'popup':
    case 'callback':
    case 'chat':
      return (widget.content as LeadContent).fields;
    case 'quiz': {
      const c = widget.content as QuizContent;
      return [...c.questions.map((q): FormField => ({ key: q.key, kind: 'select', label: q.text, required: true, options: q.options })), ...c.fields];
    }
    default:
      return [];
  }
}

/** Whether the widget collects personal data, and so needs consent links and a consent box. */
export const collectsLeads = (widget: { type: string; content: unknown }) => leadFieldsOf(widget).length > 0;

/** Field labels by key, so a lead reads "Телефон: …" rather than "phone: …" (quiz questions included). */
export function fieldLabelsOf(widget: { type: string; content: unknown }): Map<string, string> {
  return new Map(leadFieldsOf(widget).map((f) => [f.key, f.label || f.key]));
}
