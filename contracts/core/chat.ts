// Wire types of the chat widget: what the visitor's endpoints (/v1/chat/*) and the licensee's
// (/api/chats/*) answer, and the live events both receive. Validation: schemas/chat.ts.

export const CHAT_BODY_LIMIT_BYTES = 8 * 1024;
export const CHAT_MESSAGE_MAX = 2000;

export interface ChatMessage {
  id: number;
  author: 'visitor' | 'operator';
  text: string;
  at: number;
}

/** What /v1/chat/start and /v1/chat/history answer. */
export interface ChatSession {
  /** Only in /start: the visitor keeps it (sessionStorage) to reach this conversation again. */
  token?: string;
  channel: string;
  /** The platform's realtime app key (connect to /app/{key}). */
  key: string;
  messages: ChatMessage[];
  /** Someone has the dashboard open now. */
  online: boolean;
}

export interface ChatConversationView {
  id: string;
  siteId: string;
  widgetId: string;
  visitorName: string | null;
  visitorContact: string | null;
  pageUrl: string | null;
  createdAt: number;
  lastMessageAt: number;
  lastOperatorAt: number | null;
  unread: number;
  lastText: string | null;
}

/** `chat.message` on private-account-{id} (the dashboard) and private-chat-{id} (operator answers to the visitor). */
export interface LiveChatMessage {
  conversationId: string;
  message: ChatMessage;
}
