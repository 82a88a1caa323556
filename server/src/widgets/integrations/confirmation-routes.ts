// The public end of an e-mail confirmation link: the page at /app/confirm-email posts the token
// here (a POST, not the link's GET, so mail scanners that open links confirm nothing).
import { Hono } from 'hono';
import { emailConfirmationSchema } from '#contracts/schemas/integrations.js';
import type { AppDeps } from '../../deps.js';
import { clientIp } from '../../platform/lib/client-ip.js';
import { HOUR } from '../../platform/lib/clock.js';
import { readJson } from '../../platform/lib/json-body.js';
import { confirmAddress } from './email-confirmation.js';

export function createEmailConfirmationRoutes(deps: AppDeps) {
  const perIp = deps.rateLimits.limiter({ name: 'email-confirmations-per-ip', limit: 30, windowMs: HOUR });
  return new Hono().post('/', async (c) => {
    const { token } = await readJson(c, emailConfirmationSchema);
    await perIp.enforce(clientIp(c, deps.env.TRUST_PROXY), 'Слишком много попыток. Попробуйте позже.');
    const { activated } = await confirmAddress(deps, token);
    deps.logger.info('integration.email_confirmed', { activated });
    return c.json({ confirmed: true, activated });
  });
}
