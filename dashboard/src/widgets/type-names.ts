// Names and one-line descriptions of widget types in the reader's language. Type-only import
// of the contracts: pages that merely name a type do not pull zod into their chunk.
import type { WidgetType } from '#contracts/core/widget.js';
import { t, type Key } from '../i18n/i18n.js';

const NAMES: Record<WidgetType, Key> = {
  banner: 'type.banner',
  form: 'type.form',
  popup: 'type.popup',
  callback: 'type.callback',
  messengers: 'type.messengers',
  timer: 'type.timer',
  quiz: 'type.quiz',
  chat: 'type.chat',
};

const DESCRIPTIONS: Record<WidgetType, Key> = {
  banner: 'type.banner.about',
  form: 'type.form.about',
  popup: 'type.popup.about',
  callback: 'type.callback.about',
  messengers: 'type.messengers.about',
  timer: 'type.timer.about',
  quiz: 'type.quiz.about',
  chat: 'type.chat.about',
};

export const widgetTypeName = (type: WidgetType) => t(NAMES[type]);
export const widgetTypeAbout = (type: WidgetType) => t(DESCRIPTIONS[type]);
