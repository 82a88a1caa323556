// The dashboard's live channel: where to connect, and the signature that lets this session's
// socket into its own account's channel — and no other account's (GET /api/live, POST /api/live/auth).
import { Hono } from 'hono';
import { liveAuthSchema } from '#contracts/schemas/live.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { AppError } from '../lib/errors.js';
import { readJson } from '../lib/json-body.js';

export function createLiveRoutes(deps: AppDeps) {
  return new Hono<AuthedEnv>()
    .get('/', (c) => c.json({ key: deps.live.appKey, channel: deps.live.accountChannel(c.get('account').id) }))
    .post('/auth', async (c) => {
      const body = await readJson(c, liveAuthSchema);
      if (body.channel_name !== deps.live.accountChannel(c.get('account').id)) throw new AppError(403, 'forbidden', 'This channel belongs to another account');
      return c.json({ auth: deps.live.sign(body.socket_id, body.channel_name) });
    });
}
