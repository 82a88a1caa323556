// Notices for every signed-in licensee, and the operator's form to announce them.
import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { noticeSchema } from '#contracts/schemas/services.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { AppError, notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { readJson } from '../lib/json-body.js';
import { NOTICE_LEAD_MS, visibleNotices } from './notices.js';

export const createNoticeRoutes = (deps: AppDeps) => new Hono<AuthedEnv>().get('/', async (c) => c.json({ notices: await visibleNotices(deps) }));

export function createNoticeAdminRoutes(deps: AppDeps) {
  const { clock } = deps;
  const { db } = deps.store;
  const { notices } = db.tables;
  return new Hono<AuthedEnv>()
    .get('/', async (c) => c.json({ notices: await db.select().from(notices).orderBy(desc(notices.effectiveAt)).limit(100) }))
    .post('/', async (c) => {
      const body = await readJson(c, noticeSchema);
      const now = clock.now();
      // Announcing too late would break the promise of the lead time (24 h / 14 days).
      if (body.effectiveAt - NOTICE_LEAD_MS[body.kind] < now) {
        throw new AppError(422, 'validation_failed', 'Too late: this kind of notice must be announced in advance', { leadMs: NOTICE_LEAD_MS[body.kind] });
      }
      const [row] = await db
        .insert(notices)
        .values({ id: newId('ntc'), ...body, createdAt: now })
        .returning();
      return c.json(row!, 201);
    })
    .delete('/:id', async (c) => {
      const [gone] = await db
        .delete(notices)
        .where(eq(notices.id, c.req.param('id')))
        .returning();
      if (!gone) throw notFound('Notice');
      return c.body(null, 204);
    });
}
