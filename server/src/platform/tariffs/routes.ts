// GET /api/tariffs: the catalogue with what each tariff contains and its current price. Public:
// it is what a prospective licensee compares before signing up, and it holds nothing personal.
import { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import { PERIOD_DAYS, TARIFFS, UPGRADE_ORDER } from './catalogue.js';
import { tariffPrice } from './prices.js';

export function createTariffRoutes(deps: AppDeps) {
  return new Hono().get('/', async (c) => {
    const offered = await Promise.all(
      [...UPGRADE_ORDER, 'individual' as const].map(async (id) => {
        const t = TARIFFS[id];
        // Free costs nothing; Individual terms are agreed per account, so it has no list price.
        const price = id === 'free' ? { priceKopecks: 0, discountPercent: 0 } : id === 'individual' ? null : await tariffPrice(deps.store.db, id);
        return {
          id: t.id,
          name: t.name,
          limits: t.limits,
          managedService: t.managedService,
          price: price ? { rub: price.priceKopecks / 100, discountPercent: price.discountPercent } : null,
        };
      }),
    );
    return c.json({ periodDays: PERIOD_DAYS, tariffs: offered });
  });
}
