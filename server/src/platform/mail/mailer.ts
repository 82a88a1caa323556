// Outgoing mail: SMTP through nodemailer when SMTP_URL is set, otherwise a dev outbox that
// keeps the last mails in memory for the /dev/outbox page.
import { connect } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { Logger } from '../lib/logger.js';
import { batchWritesPerTurn } from './batched-writes.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface SendOptions {
  /**
   * Someone waits on this send (a sign-in code): an SMTP server that does not answer is given up
   * on sooner than for mail sent in the background.
   */
  interactive?: boolean;
}

export interface Mailer {
  send(mail: Mail, options?: SendOptions): Promise<void>;
}

export interface OutboxEntry extends Mail {
  id: number;
  sentAt: number;
}

export interface DevOutbox extends Mailer {
  list(): readonly OutboxEntry[];
}

const OUTBOX_KEEP = 200;

export function createDevOutbox(logger: Logger, now: () => number = Date.now): DevOutbox {
  const entries: OutboxEntry[] = [];
  let nextId = 1;
  return {
    async send(mail) {
      const id = nextId++;
      entries.unshift({ ...mail, id, sentAt: now() });
      entries.length = Math.min(entries.length, OUTBOX_KEEP);
      // Recipient and body stay out of the log: they may carry personal data.
      logger.info('mail.dev_outbox', { mailId: id, subject: mail.subject, see: '/dev/outbox' });
    },
    list: () => entries,
  };
}

/**
 * A failed send, reduced to nodemailer's codes. Its own error quotes the SMTP server's reply,
 * which echoes recipients ("550 <anna@…>: no such user"), and callers log String(err).
 */
export class MailSendError extends Error {
  constructor(
    readonly code: string | undefined,
    readonly responseCode: number | undefined,
  ) {
    super(`SMTP send failed: ${[code, responseCode].filter((x) => x !== undefined).join(' ') || 'error'}`);
    this.name = 'MailSendError';
  }
}

export interface SmtpMailerOptions {
  /** Connections to the SMTP server at most (lead deliveries to several destinations, platform mail). */
  maxConnections?: number;
  /** The open connections are closed once this long passes with no mail to send. */
  idleCloseMs?: number;
  /**
   * How long an interactive send waits for the connection, for the server's greeting, and for
   * any later answer of the server.
   * Background mail keeps nodemailer's own (2 min, 30 s): the lead delivery and mail outboxes
   * retry it anyway, and a slow server is not a failed delivery.
   */
  interactiveTimeoutMs?: number;
}

/** A person at the sign-in form gives up after some seconds; 10 s still covers a slow greeting. */
const INTERACTIVE_TIMEOUT_MS = 10_000;

/**
 * Mail goes over pooled SMTP connections: a burst of lead notifications (one mail per lead)
 * reuses a connection for up to 100 messages instead of paying the TCP (and STARTTLS) handshake,
 * the server's greeting and EHLO/AUTH per message. Measured against a loopback SMTP server
 * (smtp-server, which pauses 100 ms before its greeting), sequential sends: 150-160 ms and
 * 2.4-2.9 ms of CPU per message with a connection each, 47-50 ms and 1.8-1.9 ms pooled, 3-8 ms
 * and 1.3-1.5 ms pooled with Nagle's algorithm off (see getSocket). When no mail has been sent
 * for `idleCloseMs`, the connections are closed (QUIT) and the next mail opens a new pool: no
 * socket is held open to the SMTP server while nothing is sent.
 */
export function createSmtpMailer(smtpUrl: string, from: string, logger: Logger, options: SmtpMailerOptions = {}): Mailer {
  const { maxConnections = 5, idleCloseMs = 5_000, interactiveTimeoutMs = INTERACTIVE_TIMEOUT_MS } = options;
  const background = pooledSender({ smtpUrl, from, maxConnections, idleCloseMs });
  // Its own pool: the short timeouts are the pool's options, and a sign-in code does not queue
  // behind a burst of lead mails. It holds at most one connection: codes are a trickle.
  const interactive = pooledSender({ smtpUrl, from, maxConnections: 1, idleCloseMs, timeoutMs: interactiveTimeoutMs });
  return {
    async send(mail, sendOptions) {
      const info = await (sendOptions?.interactive ? interactive : background)(mail);
      logger.info('mail.sent', { messageId: info.messageId });
    },
  };
}

interface PoolSettings {
  smtpUrl: string;
  from: string;
  maxConnections: number;
  idleCloseMs: number;
  /** Connection, greeting and socket (inactivity) timeouts; nodemailer's defaults without it. */
  timeoutMs?: number;
}

function pooledSender({ smtpUrl, from, maxConnections, idleCloseMs, timeoutMs }: PoolSettings): (mail: Mail) => Promise<{ messageId: string }> {
  const pool = (): SMTPPool =>
    new SMTPPool({
      pool: true,
      url: smtpUrl,
      maxConnections,
      // With getSocket nodemailer takes the socket as connected and starts the greeting timer at
      // once, so the greeting timeout bounds the TCP connect too. The socket timeout bounds a
      // server that greets and then stops answering (nodemailer's own is 10 minutes).
      ...(timeoutMs === undefined ? {} : { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }),
      // Our own TCP connection, with Nagle's algorithm off: nodemailer writes a message in many small
      // pieces, and the last one (the closing dot) otherwise waits for the server's delayed ACK of the
      // one before, ~40 ms per message. TLS (smtps, STARTTLS) is still nodemailer's, over this socket;
      // batchWritesPerTurn gathers the writes of plain connections only (see batched-writes.ts).
      getSocket: (options, callback) => {
        const socket = connect({ host: options.host ?? 'localhost', port: Number(options.port) || (options.secure ? 465 : 587), noDelay: true });
        callback(null, { connection: batchWritesPerTurn(socket) });
      },
    });
  let transport: Transporter<SMTPPool.SentMessageInfo> | null = null;
  let sending = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const closeWhenIdle = () => {
    if (sending > 0 || !transport) return;
    transport.close();
    transport = null;
  };
  return async (mail) => {
    clearTimeout(idleTimer);
    sending++;
    transport ??= nodemailer.createTransport(pool());
    const pooled = transport;
    try {
      // Base64 for every text part, decided here rather than by nodemailer. Left to itself it
      // counts the Latin and non-Latin characters of each part with two global regex matches
      // (an array of one-character strings each, done twice per part) and picks
      // quoted-printable for HTML, whose markup is Latin; its QP encoder builds the body a
      // character at a time. For a Russian lead mail that was over half of what nodemailer
      // allocated (a sampling heap profile: ~200 of ~350 KB per mail), garbage that a backlog
      // drain makes at hundreds of mails a second. Base64 is also the shorter encoding for
      // Cyrillic (2.7 bytes per letter against 6). Pure ASCII parts still go as 7bit.
      return await pooled.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, textEncoding: 'base64' });
    } catch (err) {
      const e = err as { code?: unknown; responseCode?: unknown };
      throw new MailSendError(typeof e.code === 'string' ? e.code : undefined, typeof e.responseCode === 'number' ? e.responseCode : undefined);
    } finally {
      if (--sending === 0) {
        idleTimer = setTimeout(closeWhenIdle, idleCloseMs);
        idleTimer.unref();
      }
    }
  };
}
