// Client events carry text the message log must be able to store, on both engines: PostgreSQL
// refuses a NUL in text, and a NUL there once stopped the node's message log. Treated as the HTTP
// API treats a body (storable-text.ts): a NUL refused, half a surrogate pair mended into U+FFFD.
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { signIn } from '../testing/harness.js';
import { rawClient, realtimeAppPerFile } from '../testing/realtime.js';
import { signChannel } from './signatures.js';

const { app, project } = realtimeAppPerFile();

async function subscribed(channel: string) {
  const c = rawClient(app, project.key);
  const socketId = (await c.next('pusher:connection_established')).data.socket_id as string;
  c.send({ event: 'pusher:subscribe', data: { channel, auth: signChannel(project.key, project.secret, socketId, channel) } });
  await c.next('pusher_internal:subscription_succeeded');
  return c;
}

it('refuses a client event whose name or data holds a NUL (4301), relays half an emoji as U+FFFD, and logs every event it relays', async () => {
  const s = await signIn(app.t, 'dev@example.ru');
  expect((await s.request('PATCH', `/api/realtime/projects/${project.id}`, { clientEvents: true })).status).toBe(200);
  const a = await subscribed('private-chat');
  const b = await subscribed('private-chat');

  for (const refused of [
    { event: 'client-hi', channel: 'private-chat', data: 'a\u0000b' },
    { event: 'client-hi\u0000', channel: 'private-chat', data: 'ab' },
  ]) {
    a.send(refused);
    const error = await a.next('pusher:error');
    expect(error.data).toEqual({ code: 4301, message: 'A client event name or data must not hold the NUL character' });
  }

  a.send({ event: 'client-hi', channel: 'private-chat', data: 'Ив\ud800ан' });
  expect((await b.next('client-hi')).data).toBe('Ив\uFFFDан');
  // Data that is not a string travels as JSON text, where a NUL is an escape: relayed as sent.
  a.send({ event: 'client-obj', channel: 'private-chat', data: { text: 'a\u0000b' } });
  expect((await b.next('client-obj')).data).toEqual({ text: 'a\u0000b' });

  const { realtimeMessageLogs } = app.t.store.tables;
  const logged = await app.t.store.db
    .select({ event: realtimeMessageLogs.event, payload: realtimeMessageLogs.payload })
    .from(realtimeMessageLogs)
    .where(eq(realtimeMessageLogs.projectId, project.id))
    .orderBy(realtimeMessageLogs.id);
  expect(logged).toEqual([
    { event: 'client-hi', payload: 'Ив\uFFFDан' },
    { event: 'client-obj', payload: '{"text":"a\\u0000b"}' },
  ]);
  expect(a.frames.filter((f) => f.event === 'pusher:error')).toHaveLength(2);
  a.ws.close();
  b.ws.close();
});
