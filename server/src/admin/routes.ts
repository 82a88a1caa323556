// Operator API: find accounts and switch their tariff (payments arrive with the billing work).
import { eq, like } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { setTariffSchema } from '../contracts/admin.js';
import { accounts } from '../db/schema/index.js';
import type { AppDeps, AuthedEnv } from '../deps.js';
import { notFound } from '../lib/errors.js';
import { readJson, readQuery } from '../lib/json-body.js';

export function createAdminRoutes(deps: AppDeps) {
  const { db, logger } = deps;
  const view = (a: typeof accounts.$inferSelect) => ({ id: a.id, email: a.email, role: a.role, tariffId: a.tariffId, individualLimits: a.individualLimits, createdAt: a.createdAt, lastLoginAt: a.lastLoginAt });
  return new Hono<AuthedEnv>()
    .get('/accounts', (c) => {
      const { email } = readQuery(c, z.object({ email: z.string().trim().toLowerCase().max(254).optional() }));
      const rows = db.select().from(accounts).where(email ? like(accounts.email, `%${email}%`) : undefined).limit(100).all();
      return c.json({ accounts: rows.map(view) });
    })
    .put('/accounts/:id/tariff', async (c) => {
      const { tariffId, individualLimits } = await readJson(c, setTariffSchema);
      const updated = db
        .update(accounts)
        .set({ tariffId, individualLimits: tariffId === 'individual' ? individualLimits! : null })
        .where(eq(accounts.id, c.req.param('id')))
        .returning()
        .get();
      if (!updated) throw notFound('Account');
      logger.info('admin.tariff_set', { operatorId: c.get('account').id, accountId: updated.id, tariffId });
      return c.json(view(updated));
    });
}
