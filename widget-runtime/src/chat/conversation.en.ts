// The English build's conversation (rt/en/ only, in place of conversation.ts: see
// shell/mount-widget.en.ts): the chat showed the English consent wording, so its start says
// `lang: 'en'` and the server records that wording with the conversation.
import type { ConsentShownIn } from '#contracts/core/consent-labels.js';
import { conversation as talk, type ChatStartBody } from './conversation.js';

export type { ChatStartBody, Conversation } from './conversation.js';

export const conversation: typeof talk = (...args) => {
  const c = talk(...args);
  return { ...c, start: (body: ChatStartBody) => c.start({ ...body, lang: 'en' } as ChatStartBody & ConsentShownIn) };
};
