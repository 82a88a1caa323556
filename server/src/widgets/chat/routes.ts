// The licensee's chat page (/api/chats): conversations with unread counts (and their total for
// the navigation, GET /api/chats/unread), a thread, answers,
// and destruction on request. Live updates come over the account channel (realtime/internal.ts).
import { and, count, desc, eq, gt } from 'drizzle-orm';
import { Hono } from 'hono';
import type { ChatConversationView } from '#contracts/core/chat.js';
import { chatReplySchema } from '#contracts/schemas/chat.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { journalErasures } from '../../platform/erasure/journal.js';
import { notFound } from '../../platform/lib/errors.js';
import { readJson } from '../../platform/lib/json-body.js';
import { addMessage, conversationOfAccount, messagesOf, type ConversationRow } from './conversations.js';

const LIST_LIMIT = 200;

export function createChatRoutes(deps: AppDeps) {
  const { db } = deps.store;
  const { chatConversations, chatMessages } = db.tables;

  const view = async (conv: ConversationRow): Promise<ChatConversationView> => {
    const [unread] = await db
      .select({ n: count() })
      .from(chatMessages)
      .where(and(eq(chatMessages.conversationId, conv.id), eq(chatMessages.author, 'visitor'), gt(chatMessages.createdAt, conv.operatorReadAt)));
    const [last] = await db.select({ text: chatMessages.text }).from(chatMessages).where(eq(chatMessages.conversationId, conv.id)).orderBy(desc(chatMessages.id)).limit(1);
    return {
      id: conv.id,
      siteId: conv.siteId,
      widgetId: conv.widgetId,
      visitorName: conv.visitorName,
      visitorContact: conv.visitorContact,
      pageUrl: conv.pageUrl,
      createdAt: conv.createdAt,
      lastMessageAt: conv.lastMessageAt,
      lastOperatorAt: conv.lastOperatorAt,
      unread: unread?.n ?? 0,
      lastText: last?.text ?? null,
    };
  };

  const mine = async (accountId: string, id: string) => {
    const conv = await conversationOfAccount(deps, accountId, id);
    if (!conv) throw notFound('Conversation');
    return conv;
  };

  return (
    new Hono<AuthedEnv>()
      .get('/', async (c) => {
        const rows = await db
          .select()
          .from(chatConversations)
          .where(eq(chatConversations.accountId, c.get('account').id))
          .orderBy(desc(chatConversations.lastMessageAt))
          .limit(LIST_LIMIT);
        // One after another: up to LIST_LIMIT conversations should not take every pooled connection at once.
        const conversations: ChatConversationView[] = [];
        for (const row of rows) conversations.push(await view(row));
        return c.json({ conversations });
      })
      // The count beside «Чаты» in the navigation: visitors' messages not yet seen, over all conversations.
      .get('/unread', async (c) => {
        const [row] = await db
          .select({ n: count() })
          .from(chatMessages)
          .innerJoin(chatConversations, eq(chatConversations.id, chatMessages.conversationId))
          .where(and(eq(chatConversations.accountId, c.get('account').id), eq(chatMessages.author, 'visitor'), gt(chatMessages.createdAt, chatConversations.operatorReadAt)));
        return c.json({ unread: Number(row?.n ?? 0) });
      })
      .get('/:id', async (c) => {
        const conv = await mine(c.get('account').id, c.req.param('id'));
        return c.json({ conversation: await view(conv), messages: await messagesOf(deps, conv.id) });
      })
      .post('/:id/read', async (c) => {
        const conv = await mine(c.get('account').id, c.req.param('id'));
        await db.update(chatConversations).set({ operatorReadAt: deps.clock.now() }).where(eq(chatConversations.id, conv.id));
        // Every open tab of the account lowers its counts (ids only, as every live event).
        deps.live.toAccount(conv.accountId, 'chats.read', { conversationId: conv.id });
        return c.body(null, 204);
      })
      .post('/:id/messages', async (c) => {
        const conv = await mine(c.get('account').id, c.req.param('id'));
        const body = await readJson(c, chatReplySchema);
        return c.json({ message: await addMessage(deps, conv, 'operator', body.text) }, 201);
      })
      .delete('/:id', async (c) => {
        const conv = await mine(c.get('account').id, c.req.param('id'));
        // A hard delete; the messages go with it (ON DELETE CASCADE), journaled with it.
        await deps.store.transaction(async (tx) => {
          const gone = await tx.delete(chatConversations).where(eq(chatConversations.id, conv.id)).returning({ id: chatConversations.id });
          await journalErasures(
            tx,
            'chat_conversation',
            gone.map((r) => r.id),
            'licensee_request',
            deps.clock.now(),
          );
        });
        await deps.store.forgetErased();
        return c.body(null, 204);
      })
  );
}
