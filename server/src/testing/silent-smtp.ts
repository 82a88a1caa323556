// A mail server that is down the hard way: it takes the TCP connection and never greets (a hung
// SMTP server, a firewall that answers SYN) or, given a `greeting`, greets and then answers
// nothing more (a server stalled mid-conversation). For tests of what a request does when its
// letter cannot leave. Registers its own beforeAll/afterAll; read the URL inside a test or a lazy getter.
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export function silentSmtpServer(greeting?: string): { url(): string } {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (greeting) socket.write(greeting);
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: () => `smtp://127.0.0.1:${port}` };
}
