// The consent record: the wording the visitor read, in the language it was shown in, with the
// documents it links. Each language's record is its own text and hash (README "Leads"). The
// English runtime says which label it showed; the record is that label when it is one of ours.
import { describe, expect, it } from 'vitest';
import { CONSENT_LABEL, CONSENT_LABEL_EN } from '#contracts/core/consent-labels.js';
import { AppError } from '../../platform/lib/errors.js';
import { consentHash, consentRecordText, FIRST_CONSENT_LABEL_EN, SHOWN_CONSENT_LABELS, shownConsentLabel } from './consent-text.js';

const links = { consentUrl: 'https://shop.example/consent', privacyUrl: 'https://shop.example/privacy' };

describe('consentRecordText', () => {
  it('is the Russian wording by default, as every lead before the English runtime said its language', () => {
    const ru = `${CONSENT_LABEL}. Согласие: https://shop.example/consent. Политика конфиденциальности: https://shop.example/privacy.`;
    expect(consentRecordText(links)).toBe(ru);
    expect(consentRecordText(links, { lang: 'ru' })).toBe(ru);
  });

  it('is the English wording for lang en, its document parts in English too', () => {
    expect(consentRecordText(links, { lang: 'en', consentLabel: CONSENT_LABEL_EN })).toBe(`${CONSENT_LABEL_EN}. Consent: https://shop.example/consent. Privacy policy: https://shop.example/privacy.`);
    expect(consentRecordText({}, { lang: 'en', consentLabel: CONSENT_LABEL_EN })).toBe(`${CONSENT_LABEL_EN}. Consent: —. Privacy policy: —.`);
  });

  it('gives each language its own hash', () => {
    expect(consentHash(consentRecordText(links, { lang: 'en' }))).not.toBe(consentHash(consentRecordText(links, { lang: 'ru' })));
  });
});

describe('the label the visitor was shown', () => {
  it('is the one the English runtime says, when one of ours showed it', () => {
    for (const label of SHOWN_CONSENT_LABELS.en) expect(shownConsentLabel({ lang: 'en', consentLabel: label })).toBe(label);
  });

  it('is the first English label for an English runtime that does not say (they all showed it), the server’s own for Russian', () => {
    expect(FIRST_CONSENT_LABEL_EN).toBe('I consent to the processing of my personal data');
    expect(shownConsentLabel({ lang: 'en' })).toBe(FIRST_CONSENT_LABEL_EN);
    expect(shownConsentLabel({})).toBe(CONSENT_LABEL);
    expect(shownConsentLabel({ lang: 'ru' })).toBe(CONSENT_LABEL);
  });

  it('keeps today’s labels among those known: the runtime built today sends them', () => {
    expect(SHOWN_CONSENT_LABELS.en).toContain(CONSENT_LABEL_EN);
    expect(SHOWN_CONSENT_LABELS.ru).toContain(CONSENT_LABEL);
  });

  it('refuses a label none of ours showed, or one of the other language: no consent to record', () => {
    for (const shown of [
      { lang: 'en' as const, consentLabel: 'I agree to anything' },
      { lang: 'en' as const, consentLabel: CONSENT_LABEL },
      { lang: 'ru' as const, consentLabel: CONSENT_LABEL_EN },
      { consentLabel: '' },
    ]) {
      let thrown: unknown;
      try {
        shownConsentLabel(shown);
      } catch (err) {
        thrown = err;
      }
      expect(thrown, JSON.stringify(shown)).toBeInstanceOf(AppError);
      expect(thrown).toMatchObject({ status: 422, code: 'consent_required' });
    }
  });
});
