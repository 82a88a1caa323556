// The English build's conversation (rt/en/ only, in place of conversation.ts: see
// shell/mount-widget.en.ts): the chat showed the English consent wording, so its start says
// `lang: 'en'` and which label it showed, and the server records that wording with the
// conversation.
import type { ConsentShownIn } from '#contracts/core/consent-labels.js';
import { conversation as talk, type ChatStartBody } from './conversation.js';

export type { ChatStartBody, Conversation } from './conversation.js';

/**
 * `consentLabel` is the label the chat shows (types/chat.en.ts), written out: the conversation is
 * a chunk of its own, fetched at the first message, and importing the label from the chat's
 * entry would split it off into one more file. conversation.en.test.ts holds the two equal.
 */
export const conversation: typeof talk = (...args) => {
  const c = talk(...args);
  return { ...c, start: (body: ChatStartBody) => c.start({ ...body, lang: 'en', consentLabel: 'I consent to the processing of my personal data' } as ChatStartBody & ConsentShownIn) };
};
