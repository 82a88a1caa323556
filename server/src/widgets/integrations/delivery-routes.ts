// Dashboard API of one lead's deliveries: GET /api/leads/:id/deliveries and the retry button.
import { ownedRow } from '../../platform/db/owned.js';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { AppError, notFound } from '../../platform/lib/errors.js';
import { mailTransport } from '../../platform/mail/transport.js';
import { integrationAllowed } from '../../platform/tariffs/policy.js';
import { leadDeliveries } from './delivery-views.js';
import { restartDelivery } from './outbox.js';

export function createDeliveryRoutes(deps: AppDeps) {
  const { clock } = deps;
  const { db } = deps.store;
  const { deliveries, integrations, leads } = db.tables;
  const ownLead = (accountId: string, leadId: string) => ownedRow(db, leads, 'Lead', accountId, leadId);

  return new Hono<AuthedEnv>()
    .get('/:id/deliveries', async (c) => {
      const account = c.get('account');
      const lead = await ownLead(account.id, c.req.param('id'));
      // `mail`: an e-mail delivery "delivered" without SMTP only reached this server's outbox; the dashboard says so.
      return c.json({ deliveries: await leadDeliveries(db, deps.sealer, account, lead.id, clock.now()), mail: mailTransport(deps) });
    })
    .post('/:id/deliveries/:deliveryId/retry', async (c) => {
      const account = c.get('account');
      const lead = await ownLead(account.id, c.req.param('id'));
      const [found] = await db
        .select({ delivery: deliveries, integration: integrations })
        .from(deliveries)
        .innerJoin(integrations, eq(integrations.id, deliveries.integrationId))
        .where(and(eq(deliveries.id, c.req.param('deliveryId')), eq(deliveries.leadId, lead.id)));
      if (!found) throw notFound('Delivery');
      const { delivery, integration } = found;
      if (delivery.status === 'pending') throw new AppError(409, 'delivery_already_queued', 'Доставка уже в очереди');
      if (delivery.status === 'delivered') throw new AppError(409, 'delivery_already_delivered', 'Заявка уже доставлена');
      if (integration.status !== 'active') throw new AppError(409, 'integration_inactive', 'Канал не подключён: подключите его снова, затем повторите');
      if (!integrationAllowed(account, integration.kind)) throw new AppError(409, 'integration_not_in_tariff', 'Интеграция недоступна на вашем тарифе');
      const now = clock.now();
      await restartDelivery(db, delivery.id, now);
      const view = (await leadDeliveries(db, deps.sealer, account, lead.id, now)).find((d) => d.id === delivery.id);
      return c.json(view, 202);
    });
}
