// The database failing under a client event (a full disk, a lost connection): the sender is told
// to reconnect (4200), nothing reaches the channel, the other sockets and the process carry on,
// and once the database is back the same event goes through. A rejection escaping here would
// fail the run (vitest reports unhandled errors) as it would end the server process.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testDialect } from '../testing/test-store.js';
import { rawClient, signedInWithProject, startRealtimeApp, type CreatedProject, type RealtimeTestApp } from '../testing/realtime.js';
import { signChannel } from './signatures.js';

let app: RealtimeTestApp;
let project: CreatedProject;

beforeAll(async () => {
  app = await startRealtimeApp();
  ({ project } = await signedInWithProject(app));
  const { realtimeProjects } = app.t.store.tables;
  await app.t.store.db.update(realtimeProjects).set({ clientEvents: true }).where(eq(realtimeProjects.id, project.id));
});
afterAll(() => app.close());

/** Every write to the day's message counter fails, as on a full disk. */
async function failCounterWrites(on: boolean): Promise<void> {
  const db = app.t.store.db;
  if (testDialect() === 'sqlite') {
    if (on) {
      await db.rows(sql.raw(`create trigger fail_usage_update before update on realtime_usage_daily begin select raise(abort, 'database or disk is full'); end`));
      await db.rows(sql.raw(`create trigger fail_usage_insert before insert on realtime_usage_daily begin select raise(abort, 'database or disk is full'); end`));
    } else {
      await db.rows(sql.raw('drop trigger fail_usage_update'));
      await db.rows(sql.raw('drop trigger fail_usage_insert'));
    }
    return;
  }
  if (on) {
    await db.rows(sql.raw(`create function fail_usage() returns trigger language plpgsql as $$ begin raise exception 'could not extend file: No space left on device'; end $$`));
    await db.rows(sql.raw('create trigger fail_usage before insert or update on realtime_usage_daily for each row execute function fail_usage()'));
  } else {
    await db.rows(sql.raw('drop trigger fail_usage on realtime_usage_daily'));
    await db.rows(sql.raw('drop function fail_usage()'));
  }
}

async function subscribed(channel: string) {
  const c = rawClient(app, project.key);
  const socketId = (await c.next('pusher:connection_established')).data.socket_id as string;
  c.send({ event: 'pusher:subscribe', data: { channel, auth: signChannel(project.key, project.secret, socketId, channel) } });
  await c.next('pusher_internal:subscription_succeeded');
  return c;
}

it('a storage error during a client event closes that socket with 4200 and nothing else', async () => {
  const sender = await subscribed('private-orders');
  const listener = await subscribed('private-orders');
  await failCounterWrites(true);
  try {
    sender.send({ event: 'client-typing', channel: 'private-orders', data: { n: 1 } });
    expect((await sender.closed).code).toBe(4200);
    // The listener got nothing and is still served.
    listener.send({ event: 'pusher:ping', data: {} });
    await listener.next('pusher:pong');
    expect(listener.frames.some((f) => f.event === 'client-typing')).toBe(false);
    expect(app.t.logLines.some((l) => l.includes('realtime.message_failed'))).toBe(true);
  } finally {
    await failCounterWrites(false);
  }
  // The reconnected sender's event goes through once the database is back.
  const again = await subscribed('private-orders');
  again.send({ event: 'client-typing', channel: 'private-orders', data: { n: 2 } });
  expect((await listener.next('client-typing')).data).toEqual({ n: 2 });
  again.ws.close();
  listener.ws.close();
});
