// Notices for every signed-in licensee, and the operator's form to announce them.
import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { noticeSchema } from '#contracts/schemas/services.js';
import { notices } from '../db/schema/index.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { AppError, notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { readJson } from '../lib/json-body.js';
import { NOTICE_LEAD_MS, visibleNotices } from './notices.js';

export const createNoticeRoutes = (deps: AppDeps) => new Hono<AuthedEnv>().get('/', (c) => c.json({ notices: visibleNotices(deps) }));

export function createNoticeAdminRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  return new Hono<AuthedEnv>()
    .get('/', (c) => c.json({ notices: db.select().from(notices).orderBy(desc(notices.effectiveAt)).limit(100).all() }))
    .post('/', async (c) => {
      const body = await readJson(c, noticeSchema);
      const now = clock.now();
      // Announcing too late would break the promise of the lead time (24 h / 14 days).
      if (body.effectiveAt - NOTICE_LEAD_MS[body.kind] < now) {
        throw new AppError(422, 'validation_failed', 'Too late: this kind of notice must be announced in advance', { leadMs: NOTICE_LEAD_MS[body.kind] });
      }
      return c.json(db.insert(notices).values({ id: newId('ntc'), ...body, createdAt: now }).returning().get(), 201);
    })
    .delete('/:id', (c) => {
      const gone = db.delete(notices).where(eq(notices.id, c.req.param('id'))).returning().get();
      if (!gone) throw notFound('Notice');
      return c.body(null, 204);
    });
}
