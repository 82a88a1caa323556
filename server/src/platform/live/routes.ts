// The dashboard's live channel: where to connect, and the signature that lets this session's
// socket into its own account's channel — and no other account's (GET /api/live, POST /api/live/auth).
import { Hono } from 'hono';
import { liveAuthSchema } from '#contracts/schemas/live.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { AppError } from '../lib/errors.js';
import { readJson } from '../lib/json-body.js';
import { accountChannel, INTERNAL_APP_KEY, signInternalChannel } from '../../realtime/internal.js';

export function createLiveRoutes(deps: AppDeps) {
  return new Hono<AuthedEnv>()
    .get('/', (c) => c.json({ key: INTERNAL_APP_KEY, channel: accountChannel(c.get('account').id) }))
    .post('/auth', async (c) => {
      const body = await readJson(c, liveAuthSchema);
      if (body.channel_name !== accountChannel(c.get('account').id)) throw new AppError(403, 'forbidden', 'This channel belongs to another account');
      return c.json({ auth: signInternalChannel(deps.env, body.socket_id, body.channel_name) });
    });
}
