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

export function createSmtpMailer(smtpUrl: string, from: string, logger: Logger): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      logger.info('mail.sent', { messageId: info.messageId });
    },
  };
}
