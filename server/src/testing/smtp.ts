// A real SMTP server on a free loopback port (the smtp-server package, no STARTTLS) for the
// tests of what we send by mail, and the reading of each message it is sent.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';

export async function startSmtpServer(options: SMTPServerOptions): Promise<{ server: SMTPServer; port: number; close(): Promise<void> }> {
  const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** An onData that reads the whole message and hands it to `take`, which may refuse it by returning an error
 * (anything else it returns, or nothing, accepts the message). */
export function onMessage(take: (raw: string, session: SMTPServerSession) => unknown): NonNullable<SMTPServerOptions['onData']> {
  return (stream: SMTPServerDataStream, session: SMTPServerSession, cb: (err?: Error | null) => void) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const refusal = take(Buffer.concat(chunks).toString('utf8'), session);
      cb(refusal instanceof Error ? refusal : null);
    });
  };
}
