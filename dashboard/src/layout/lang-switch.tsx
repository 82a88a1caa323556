// RU / EN: two buttons, the current one pressed. Each is labelled in its own language. Signed in,
// the choice is also the account's: its mails are written in it from then on.
import { api } from '../api.js';
import { currentLang, LANGS, setLang, type Lang } from '../i18n/i18n.js';

const NAMES = { ru: 'Русский', en: 'English' } as const;

/** `signedIn`: the person's mails follow the switch (PATCH /api/me/settings). */
export function LangSwitch({ signedIn = false }: { signedIn?: boolean }) {
  const lang = currentLang();
  const choose = (l: Lang) => {
    void setLang(l);
    // The screen has switched already; a failed save only leaves the mails in the former language.
    if (signedIn) api('PATCH', '/me/settings', { lang: l }).catch(() => {});
  };
  return (
    <div class="lang-switch" role="group" aria-label="Язык / Language">
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === lang} aria-label={NAMES[l]} onClick={() => choose(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
