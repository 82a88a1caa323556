// The consent record: the wording the visitor read, in the language it was shown in, with the
// documents it links. Each language's record is its own text and hash (README "Leads").
import { describe, expect, it } from 'vitest';
import { CONSENT_LABEL, CONSENT_LABEL_EN } from '#contracts/core/consent-labels.js';
import { consentHash, consentRecordText } from './consent-text.js';

const links = { consentUrl: 'https://shop.example/consent', privacyUrl: 'https://shop.example/privacy' };

describe('consentRecordText', () => {
  it('is the Russian wording by default, as every lead before the English runtime said its language', () => {
    const ru = `${CONSENT_LABEL}. Согласие: https://shop.example/consent. Политика конфиденциальности: https://shop.example/privacy.`;
    expect(consentRecordText(links)).toBe(ru);
    expect(consentRecordText(links, 'ru')).toBe(ru);
  });

  it('is the English wording for lang en, its document parts in English too', () => {
    expect(consentRecordText(links, 'en')).toBe(`${CONSENT_LABEL_EN}. Consent: https://shop.example/consent. Privacy policy: https://shop.example/privacy.`);
    expect(consentRecordText({}, 'en')).toBe(`${CONSENT_LABEL_EN}. Consent: —. Privacy policy: —.`);
  });

  it('gives each language its own hash', () => {
    expect(consentHash(consentRecordText(links, 'en'))).not.toBe(consentHash(consentRecordText(links, 'ru')));
  });
});
