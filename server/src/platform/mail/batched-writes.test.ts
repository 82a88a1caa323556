// batchWritesPerTurn on a real loopback TCP connection: what one turn writes leaves in one
// writev and reaches the peer as one chunk, and ending or destroying the socket while corked
// behaves as on a socket without it (no throw, no lost or late data).
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchWritesPerTurn } from './batched-writes.js';

interface Peer {
  chunks: string[];
  ended: Promise<void>;
}

let server: Server;
let peers: Peer[];
let client: Socket;

beforeEach(async () => {
  peers = [];
  server = createServer((conn) => {
    const chunks: string[] = [];
    conn.on('data', (d: Buffer) => chunks.push(d.toString()));
    conn.on('error', () => undefined);
    peers.push({ chunks, ended: new Promise((resolve) => conn.on('close', () => resolve())) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  // As mailer.ts makes it: Nagle's algorithm off, so nothing but the cork joins the writes.
  client = batchWritesPerTurn(connect({ host: '127.0.0.1', port, noDelay: true }));
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  await waitFor(() => peers.length === 1);
});

afterEach(async () => {
  client.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(done()).toBe(true);
}

/** Counts the socket's writev calls and how many pieces each carried. */
function countWritev(socket: Socket): number[] {
  const calls: number[] = [];
  const s = socket as unknown as { _writev: (chunks: unknown[], cb: () => void) => void };
  const writev = s._writev.bind(socket);
  s._writev = (chunks, cb) => {
    calls.push(chunks.length);
    writev(chunks, cb);
  };
  return calls;
}

const nextTurn = () => new Promise((r) => setImmediate(r));

describe('batchWritesPerTurn', () => {
  it('sends the writes of one turn in one writev, one chunk at the peer; a later turn in its own', async () => {
    const writev = countWritev(client);
    const accepted = ['MAIL FROM:<a@b>\r\n', 'RCPT TO:<c@d>\r\n', 'DATA\r\n'].map((piece) => client.write(piece));
    expect(accepted).toEqual([true, true, true]);
    // Nothing leaves before the turn ends.
    expect(writev).toEqual([]);
    await waitFor(() => peers[0]!.chunks.join('').endsWith('DATA\r\n'));
    expect(writev).toEqual([3]);
    expect(peers[0]!.chunks).toEqual(['MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n']);

    await nextTurn();
    client.write('.\r\n');
    await waitFor(() => peers[0]!.chunks.length === 2);
    expect(peers[0]!.chunks[1]).toBe('.\r\n');
  });

  it('lets end() in the same turn flush what was corked, and fails a write after end() as a plain socket does', async () => {
    client.write('QUIT');
    client.end('\r\n');
    const error = new Promise<NodeJS.ErrnoException>((resolve) => client.once('error', resolve));
    const callbackError = new Promise<Error | null | undefined>((resolve) => client.write('late', resolve));
    expect((await error).code).toBe('ERR_STREAM_WRITE_AFTER_END');
    expect(((await callbackError) as NodeJS.ErrnoException).code).toBe('ERR_STREAM_WRITE_AFTER_END');
    await peers[0]!.ended;
    expect(peers[0]!.chunks.join('')).toBe('QUIT\r\n');
  });

  it('survives a destroy before the end-of-turn flush: the corked write fails, nothing throws, nothing is sent', async () => {
    const callbackError = new Promise<Error | null | undefined>((resolve) => client.write('RSET\r\n', resolve));
    client.destroy();
    // The flush scheduled by that write runs on the destroyed socket.
    await nextTurn();
    await nextTurn();
    expect(((await callbackError) as NodeJS.ErrnoException).code).toBe('ERR_STREAM_DESTROYED');
    await peers[0]!.ended;
    expect(peers[0]!.chunks).toEqual([]);
  });
});
