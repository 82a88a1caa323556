// One editor section per buildable type. The map's type makes a new type in the contracts
// (BUILDABLE_WIDGET_TYPES) a compile error here until its editor exists: that is the plug-in point.
import type { ComponentType } from 'preact';
import type { BuildableType } from '../draft.js';
import { BannerEditor } from './banner.js';
import { CallbackEditor } from './callback.js';
import { ChatEditor } from './chat.js';
import type { EditorProps } from './editor-props.js';
import { FormEditor } from './form.js';
import { MessengersEditor } from './messengers.js';
import { PopupEditor } from './popup.js';
import { QuizEditor } from './quiz.js';
import { TimerEditor } from './timer.js';

export const EDITORS: { [T in BuildableType]: ComponentType<EditorProps<T>> } = {
  banner: BannerEditor,
  form: FormEditor,
  popup: PopupEditor,
  callback: CallbackEditor,
  messengers: MessengersEditor,
  timer: TimerEditor,
  quiz: QuizEditor,
  chat: ChatEditor,
};
