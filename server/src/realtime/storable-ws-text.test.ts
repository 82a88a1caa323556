// Text a WebSocket client sends that the realtime logs must be able to store, on both engines:
// PostgreSQL refuses a NUL in text, and a NUL there once stopped the node's message log. Client
// events are treated as the HTTP API treats a body (storable-text.ts): a NUL refused, half a
// surrogate pair mended into U+FFFD. The handshake's headers (user agent, origin, forwarded
// address: the connection log) never hold a NUL: Node's HTTP parser refuses the request first.
import { connect } from 'node:net';
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

/** A WebSocket handshake written by hand (a client library would refuse the odd header); resolves with the answer's status line. */
function handshake(path: string, userAgent: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(app.port, '127.0.0.1', () => {
      const head = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nUser-Agent: `;
      socket.write(Buffer.concat([Buffer.from(head), userAgent, Buffer.from('\r\n\r\n')]));
    });
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString('latin1');
      if (answer.includes('\r\n')) {
        resolve(answer.slice(0, answer.indexOf('\r\n')));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

it('refuses a handshake whose user agent holds a NUL before it reaches the connection log; a byte over 0x7f is stored as its Latin-1 character', async () => {
  const { realtimeConnectionLogs } = app.t.store.tables;
  const agents = async () =>
    (await app.t.store.db.select({ userAgent: realtimeConnectionLogs.userAgent }).from(realtimeConnectionLogs).where(eq(realtimeConnectionLogs.projectId, project.id))).map((r) => r.userAgent);
  const before = await agents();
  expect(await handshake(`/app/${project.key}?protocol=7`, Buffer.from('a\0b', 'latin1'))).toBe('HTTP/1.1 400 Bad Request');
  expect(await handshake(`/app/${project.key}?protocol=7`, Buffer.from('Mozilla \xff', 'latin1'))).toBe('HTTP/1.1 101 Switching Protocols');
  for (let waited = 0; (await agents()).length === before.length && waited < 3000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  expect(await agents()).toEqual([...before, 'Mozilla \xff']);
  // A percent-encoded NUL in the key is looked up as the three characters it is, not decoded.
  expect((await rawClient(app, '%00').closed).code).toBe(4001);
});
