// RU / EN: two buttons, the current one pressed. Each is labelled in its own language.
import { currentLang, LANGS, setLang } from '../i18n/i18n.js';

const NAMES = { ru: 'Русский', en: 'English' } as const;

export function LangSwitch() {
  const lang = currentLang();
  return (
    <div class="lang-switch" role="group" aria-label="Язык / Language">
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === lang} aria-label={NAMES[l]} onClick={() => void setLang(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
