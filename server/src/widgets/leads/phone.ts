// A submitted phone number in E.164, whatever the visitor typed: "8 (903) 111-22-33",
// "903 111 22 33" and "+7 903 1112233" are all +79031112233. libphonenumber-js (Google's
// metadata, kept current by its maintainer) knows each country's trunk prefix and lengths,
// which a regular expression of ours would not: a Russian "8…" is +7, a Belarusian "+375…"
// stays itself. Server-side only: the runtime checks the shape (contracts/core/validation.ts)
// and must stay within its byte budget (tests/size), which this metadata alone would exceed.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { normalizePhone } from '#contracts/core/validation.js';

/**
 * E.164 for a number a Russian visitor's site received (no "+" means a Russian number, as
 * people in Russia write them). A value the library cannot make a possible number of stays as
 * the separators-stripped digits it was accepted as.
 */
export function toE164(typed: string): string {
  const parsed = parsePhoneNumberFromString(typed, 'RU');
  if (parsed?.isPossible()) return parsed.number;
  return normalizePhone(typed);
}
