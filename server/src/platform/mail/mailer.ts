// Outgoing mail: SMTP through nodemailer when SMTP_URL is set, otherwise a dev outbox that
// keeps the last mails in memory for the /dev/outbox page.
import nodemailer from 'nodemailer';
import type { Logger } from '../lib/logger.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
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
class MailSendError extends Error {
  constructor(
    readonly code: string | undefined,
    readonly responseCode: number | undefined,
  ) {
    super(`SMTP send failed: ${[code, responseCode].filter((x) => x !== undefined).join(' ') || 'error'}`);
    this.name = 'MailSendError';
  }
}

export function createSmtpMailer(smtpUrl: string, from: string, logger: Logger): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      let info: { messageId: string };
      try {
        info = await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      } catch (err) {
        const e = err as { code?: unknown; responseCode?: unknown };
        throw new MailSendError(typeof e.code === 'string' ? e.code : undefined, typeof e.responseCode === 'number' ? e.responseCode : undefined);
      }
      logger.info('mail.sent', { messageId: info.messageId });
    },
  };
}
