// Writes to a plain (non-TLS) SMTP connection gathered per turn of the event loop, e.g. to a
// local relay on port 25. nodemailer writes a message in a dozen small pieces (the envelope
// commands, each block of headers and encoded body, the closing dot) and, with Nagle's algorithm
// off (mailer.ts), each was a send() syscall and a packet of its own. Corked until the turn ends,
// the pieces written in one turn leave in one writev. A command that waits for the server's answer
// still leaves at the end of its turn.
//
// Plain connections only. With smtps or STARTTLS nodemailer writes to the TLS socket it makes over
// this one (tls.connect({ socket })), which sends through the TCP handle underneath, not through
// this socket's write() (checked: not one call of it, handshake included): nothing is batched
// there, and nothing breaks. The -18 % CPU per lead mail of b9c627f was measured against
// a plain loopback SMTP sink (bench/src/delivery-drain.ts), so it says nothing of TLS servers.
import type { Socket } from 'node:net';

export function batchWritesPerTurn(socket: Socket): Socket {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let corked = false;
  const flush = () => {
    corked = false;
    socket.uncork();
  };
  socket.write = ((...args: unknown[]) => {
    if (!corked) {
      corked = true;
      socket.cork();
      setImmediate(flush);
    }
    return write(...args);
  }) as Socket['write'];
  return socket;
}
