// The Pusher Channels HTTP API under /apps/{appId}: publish (events, batch_events) and channel
// queries, authenticated by Pusher's request signature. Errors use our one JSON shape — the
// SDKs only read the status and show the body text, so nothing is lost by not copying Pusher's
// plain-text bodies — with Pusher's statuses, except the daily limit: 429 with Retry-After
// (SPEC §10) where Pusher's own service answers 403.
import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { pusherBatchSchema, pusherChannelsQuerySchema, pusherEventSchema } from '#contracts/schemas/realtime.js';
import type { AppDeps } from '../deps.js';
import { clientIp } from '../platform/lib/client-ip.js';
import { AppError, errorBody } from '../platform/lib/errors.js';
import { storableJson } from '../platform/lib/storable-text.js';
import { msUntilNextUtcDay } from '../platform/tariffs/realtime-policy.js';
import type { ChannelOccupancy } from './broker.js';
import { ACCESS_MESSAGES, type ProjectRow } from './projects.js';
import { channelKind, LIMITS, validChannelName, validEventName } from './protocol.js';
import { publishMessages, type OutgoingEvent } from './publish.js';
import { verifyRequest, type RequestAuthFailure } from './signatures.js';

/** 10 events of 10 KB with their envelopes fit easily; anything bigger is not a valid call. */
const API_BODY_LIMIT = 256 * 1024;

const AUTH_MESSAGES: Record<RequestAuthFailure, string> = {
  missing_params: 'auth_key, auth_timestamp, auth_version and auth_signature are required',
  wrong_key: 'auth_key does not belong to this app',
  bad_version: 'auth_version must be 1.0',
  expired_timestamp: 'Timestamp expired: auth_timestamp must be within 600 seconds of server time',
  body_md5_mismatch: 'body_md5 does not match the body',
  bad_signature: 'Invalid signature: HMAC-SHA256 of "METHOD\\nPATH\\nsorted query" with the app secret',
  duplicate_param: 'A query parameter is given twice',
};

type ApiEnv = { Variables: { project: ProjectRow; body: string } };
type PusherEvent = z.infer<typeof pusherEventSchema>;

function parseBody<S extends z.ZodType>(raw: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError(400, 'invalid_json', 'The body is not valid JSON');
  }
  const parsed = schema.safeParse(storableJson(raw, json, 400));
  if (!parsed.success) {
    throw new AppError(400, 'validation_failed', parsed.error.issues[0]?.message ?? 'Invalid event', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  return parsed.data;
}

function toOutgoing(e: PusherEvent): OutgoingEvent {
  const channels = e.channels ?? [e.channel!];
  const bad = channels.find((ch): boolean => !validChannelName(ch));
  if (bad !== undefined) throw new AppError(400, 'validation_failed', `Invalid channel name: ${bad.slice(0, 200)}`);
  if (!validEventName(e.name) || e.name.startsWith('pusher:') || e.name.startsWith('pusher_internal:')) {
    throw new AppError(400, 'validation_failed', 'Event names up to 200 characters; pusher: and pusher_internal: are reserved');
  }
  const data = typeof e.data === 'string' ? e.data : JSON.stringify(e.data);
  if (Buffer.byteLength(data, 'utf8') > LIMITS.dataBytes) throw new AppError(413, 'payload_too_large', `Event data is over ${LIMITS.dataBytes} bytes`);
  return { channels, event: e.name, data, ...(e.socket_id ? { socketId: e.socket_id } : {}) };
}

const tooLarge = () => new AppError(413, 'payload_too_large', `The body is larger than ${API_BODY_LIMIT} bytes`);

/**
 * The request body as a string, at most `limit` bytes. Under @hono/node-server it is read straight
 * from node's IncomingMessage: c.req.text() (and hono's bodyLimit, which touches c.req.raw.body)
 * first turn the lightweight request into a full WHATWG Request with a web stream over the socket,
 * a large share of a publish's CPU in the profile. Elsewhere (app.request in tests) the standard way.
 */
async function readBody(c: Context, limit: number): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== 'function') {
    const text = await c.req.text();
    if (Buffer.byteLength(text, 'utf8') > limit) throw tooLarge();
    return text;
  }
  const declared = Number(incoming.headers['content-length']);
  if (declared > limit) throw tooLarge();
  return new Promise<string>((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        incoming.off('data', onData);
        fail(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    incoming.on('data', onData);
    incoming.once('end', () => ok(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8')));
    incoming.once('error', fail);
  });
}

export function createPusherApiRoutes(deps: AppDeps) {
  const { clock, env } = deps;
  const rt = deps.realtime;

  /** The optional info=subscription_count,user_count attributes of Pusher's responses. */
  // Every answer about channels is the cluster's (the broker's counts), not this node's.
  async function attributes(projectId: string, channel: string, info: string | undefined, known?: ChannelOccupancy) {
    const wanted = new Set((info ?? '').split(',').map((s) => s.trim()));
    const out: { subscription_count?: number; user_count?: number } = {};
    if (wanted.has('subscription_count')) out.subscription_count = known?.subscriptionCount ?? (await rt.broker.subscriptionCounts(projectId, [channel]))[0] ?? 0;
    if (wanted.has('user_count') && channelKind(channel) === 'presence') out.user_count = known?.userCount ?? (await rt.broker.members(projectId, channel)).length;
    return out;
  }

  async function publish(c: Context<ApiEnv>, events: OutgoingEvent[]) {
    const project = c.get('project');
    const result = await publishMessages(deps, rt, project, { source: 'api', ip: clientIp(c, env.TRUST_PROXY) }, events);
    if (result.ok) return null;
    const retryAfter = Math.ceil(msUntilNextUtcDay(clock.now()) / 1000);
    return c.json(
      errorBody('limit_realtime_messages', `Daily message limit reached (${result.limit}); nothing was delivered. The limit resets at 00:00 UTC.`, { limit: result.limit, used: result.used }),
      429,
      {
        'retry-after': String(retryAfter),
      },
    );
  }

  return new Hono<ApiEnv>()
    .use('/:appId/*', async (c, next) => {
      const found = await rt.projectWithAccess('appId', c.req.param('appId'), clock.now());
      if (!found) throw new AppError(404, 'not_found', 'Unknown app id');
      const { project, access } = found;
      const body = c.req.method === 'POST' ? await readBody(c, API_BODY_LIMIT) : '';
      const url = new URL(c.req.url);
      const failure = verifyRequest({ method: c.req.method, path: url.pathname, query: [...url.searchParams], body }, project.key, rt.projectSecret(project), clock.now());
      if (failure) throw new AppError(401, 'unauthorized', AUTH_MESSAGES[failure]);
      if (access !== 'active') throw new AppError(403, 'realtime_project_disabled', ACCESS_MESSAGES[access], { access });
      c.set('project', project);
      c.set('body', body);
      await next();
    })
    .post('/:appId/events', async (c) => {
      const e = parseBody(c.get('body'), pusherEventSchema);
      const refused = await publish(c, [toOutgoing(e)]);
      if (refused) return refused;
      if (!e.info) return c.json({});
      const id = c.get('project').id;
      const channels = e.channels ?? [e.channel!];
      return c.json({ channels: Object.fromEntries(await Promise.all(channels.map(async (ch) => [ch, await attributes(id, ch, e.info)] as const))) });
    })
    .post('/:appId/batch_events', async (c) => {
      const { batch } = parseBody(c.get('body'), pusherBatchSchema);
      // All or nothing: the allowance is taken for the whole batch at once.
      const refused = await publish(c, batch.map(toOutgoing));
      if (refused) return refused;
      if (!batch.some((e) => e.info)) return c.json({});
      const id = c.get('project').id;
      return c.json({ batch: await Promise.all(batch.map((e) => (e.info ? attributes(id, (e.channels ?? [e.channel!])[0]!, e.info) : {}))) });
    })
    .get('/:appId/channels', async (c) => {
      const parsed = pusherChannelsQuerySchema.safeParse(c.req.query());
      if (!parsed.success) throw new AppError(400, 'validation_failed', 'Invalid query');
      const { filter_by_prefix: prefix, info } = parsed.data;
      if (info?.split(',').includes('user_count') && !prefix?.startsWith('presence-')) {
        throw new AppError(400, 'validation_failed', 'user_count is only available with filter_by_prefix=presence-');
      }
      const id = c.get('project').id;
      const channels = (await rt.broker.channels(id)).filter((ch) => ch.subscriptionCount > 0 && (!prefix || ch.name.startsWith(prefix)));
      return c.json({ channels: Object.fromEntries(await Promise.all(channels.map(async (ch) => [ch.name, await attributes(id, ch.name, info, ch)] as const))) });
    })
    .get('/:appId/channels/:channel', async (c) => {
      const channel = c.req.param('channel');
      if (!validChannelName(channel)) throw new AppError(400, 'validation_failed', 'Invalid channel name');
      const info = c.req.query('info');
      if (info?.split(',').includes('user_count') && channelKind(channel) !== 'presence') throw new AppError(400, 'validation_failed', 'user_count is only available for presence channels');
      const id = c.get('project').id;
      const [subscriptions = 0] = await rt.broker.subscriptionCounts(id, [channel]);
      return c.json({ occupied: subscriptions > 0, ...(await attributes(id, channel, info, { name: channel, subscriptionCount: subscriptions, userCount: null })) });
    })
    .get('/:appId/channels/:channel/users', async (c) => {
      const channel = c.req.param('channel');
      if (!validChannelName(channel) || channelKind(channel) !== 'presence') throw new AppError(400, 'validation_failed', 'Users are listed for presence channels only');
      return c.json({ users: (await rt.broker.members(c.get('project').id, channel)).map((m) => ({ id: m.userId })) });
    });
}
