// GET /api/notifications and marking them read. Operator notices that are visible now are
// copied into the account's own list on read, so every account keeps its own read mark.
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { notifications } from '../db/schema/index.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { notFound } from '../lib/errors.js';
import { readJson, readQuery } from '../lib/json-body.js';
import { visibleNotices } from '../notices/notices.js';
import { createNotification } from './store.js';

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  unread: z.enum(['1']).optional(),
});

export const markReadSchema = z.union([z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(100) }).strict(), z.object({ all: z.literal(true) }).strict()]);

type Row = typeof notifications.$inferSelect;
const view = (n: Row) => ({ id: n.id, kind: n.kind, params: n.params, createdAt: n.createdAt, readAt: n.readAt });

export function createNotificationRoutes(deps: AppDeps) {
  const { clock } = deps;
  const { db } = deps.store;
  const { notifications } = db.tables;

  const copyNotices = async (accountId: string) => {
    for (const n of await visibleNotices(deps)) {
      await createNotification(
        db,
        {
          accountId,
          kind: 'notice',
          sourceKey: n.id,
          params: { noticeKind: n.kind, title: n.title, body: n.body, ...(n.titleEn !== null && n.bodyEn !== null ? { titleEn: n.titleEn, bodyEn: n.bodyEn } : {}), effectiveAt: n.effectiveAt },
        },
        // Sorted by when the operator's notice came into view, not when this account looked.
        Math.min(clock.now(), n.effectiveAt),
      );
    }
  };

  return new Hono<AuthedEnv>()
    .get('/', async (c) => {
      const q = readQuery(c, listQuerySchema);
      const accountId = c.get('account').id;
      await copyNotices(accountId);
      const mine = eq(notifications.accountId, accountId);
      const rows = await db
        .select()
        .from(notifications)
        .where(and(mine, q.unread ? isNull(notifications.readAt) : undefined))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(q.limit);
      const unread =
        (
          await db
            .select({ n: count() })
            .from(notifications)
            .where(and(mine, isNull(notifications.readAt)))
        )[0]?.n ?? 0;
      return c.json({ notifications: rows.map(view), unread });
    })
    .post('/read', async (c) => {
      const body = await readJson(c, markReadSchema);
      const accountId = c.get('account').id;
      const mine = eq(notifications.accountId, accountId);
      if ('ids' in body) {
        // All or nothing: an id that is not this account's is "not found", and nothing is marked.
        const ids = [...new Set(body.ids)];
        const found =
          (
            await db
              .select({ n: count() })
              .from(notifications)
              .where(and(mine, inArray(notifications.id, ids)))
          )[0]?.n ?? 0;
        if (found !== ids.length) throw notFound('Notification');
      }
      const marked = (
        await db
          .update(notifications)
          .set({ readAt: clock.now() })
          .where(and(mine, isNull(notifications.readAt), 'ids' in body ? inArray(notifications.id, body.ids) : undefined))
          .returning({ id: notifications.id })
      ).length;
      return c.json({ marked });
    });
}
