// Sign-in wire formats.
import { z } from 'zod';
import { LANGS, type Lang } from '../core/lang.js';
import type { Matches, Proven } from './matches.js';

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'Введите корректный e-mail' }))
  .transform((e) => e.toLowerCase());

export const requestCodeSchema = z.object({
  email: emailSchema,
  /** The person accepts the offer, the consent to personal-data processing and the policy. */
  consent: z.literal(true, { error: 'Нужно согласие с документами' }),
  /** The sign-in page's language: the letter with the code leads with it (Russian when absent). */
  lang: z.enum(LANGS).optional(),
});

/** The languages of the dashboard, and of an account's mails. */
export const langSchema = z.enum(LANGS);
type _Lang = Proven<Matches<z.infer<typeof langSchema>, Lang>>;

export const verifyCodeSchema = z.object({
  email: emailSchema,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Код — 6 цифр'),
  /** The dashboard's language at sign-in: the account's mails are written in it from then on. */
  lang: langSchema.optional(),
});

/** PATCH /api/me/settings: the person switched the dashboard's language; their mails follow it. */
export const accountSettingsSchema = z.object({ lang: langSchema });
