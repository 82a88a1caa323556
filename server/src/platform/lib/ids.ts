// Random, prefixed ids (acc_, site_, wdg_, lead_ ...): unguessable, and the prefix tells a
// reader what a string is in logs and support tickets.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** 16 chars of base36 ≈ 82 bits: enough that ids cannot be enumerated. */
export function randomId(length = 16): string {
  const bytes = randomBytes(length);
  let out = '';
  // 256 % 36 = 4, so the first four symbols are marginally likelier; irrelevant for ids.
  for (const b of bytes) out += ALPHABET[b % 36];
  return out;
}

export const newId = (prefix: 'acc' | 'ses' | 'code' | 'site' | 'wdg' | 'lead' | 'dstr' | 'pay' | 'abuse' | 'inv' | 'req' | 'ntc' | 'chat' | 'ers' | 'lev' | 'mem' | 'mail') =>
  `${prefix}_${randomId()}`;
