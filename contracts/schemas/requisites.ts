// Company requisites for invoices, with the checksums of Russian tax ids (INN, OGRN/OGRNIP),
// so a typo is caught in the form, not by the licensee's accountant.
import { z } from 'zod';

const digits = (s: string) => s.split('').map(Number);
const weighted = (d: number[], weights: number[]) => (weights.reduce((sum, w, i) => sum + w * d[i]!, 0) % 11) % 10;

/** INN: 10 digits (organisation) or 12 digits (individual entrepreneur), with control digits. */
export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return false;
  const d = digits(inn);
  if (d.length === 10) return weighted(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  return weighted(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] && weighted(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11];
}

/** OGRN (13 digits, mod 11) or OGRNIP (15 digits, mod 13); the last digit is the check digit. */
export function isValidOgrn(ogrn: string): boolean {
  if (!/^\d{13}$|^\d{15}$/.test(ogrn)) return false;
  const body = BigInt(ogrn.slice(0, -1));
  const mod = ogrn.length === 13 ? 11n : 13n;
  return Number((body % mod) % 10n) === Number(ogrn.at(-1));
}

export const requisitesSchema = z
  .object({
    name: z.string().trim().min(2).max(300),
    inn: z.string().trim().refine(isValidInn, 'ИНН указан с ошибкой'),
    kpp: z
      .string()
      .trim()
      .regex(/^\d{4}[\dA-Z]{2}\d{3}$/, 'КПП — 9 символов')
      .optional(),
    ogrn: z.string().trim().refine(isValidOgrn, 'ОГРН (ОГРНИП) указан с ошибкой'),
    address: z.string().trim().min(5).max(500),
  })
  .refine((r) => r.inn.length === 12 || r.kpp, { message: 'Для организации укажите КПП', path: ['kpp'] })
  .refine((r) => (r.inn.length === 10) === (r.ogrn.length === 13), { message: 'ОГРН организации — 13 цифр, ОГРНИП — 15', path: ['ogrn'] });
