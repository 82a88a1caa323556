// The install snippet exactly as the server renders it (from the loader's single source),
// a copy button, and what to do with it.
import { useRef } from 'preact/hooks';
import type { Site } from '../api-types.js';
import { t } from '../i18n/i18n.js';
import { CopyButton } from '../ui/bits.js';

export function InstallSnippet({ site }: { site: Pick<Site, 'snippet'> }) {
  const code = useRef<HTMLElement>(null);
  const selectCode = () => {
    const el = code.current;
    if (!el) return;
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
  };
  return (
    <div class="snippet">
      <ol class="instructions">
        <li>{t('install.step1')}</li>
        <li>{t('install.step2')}</li>
        <li>{t('install.step3')}</li>
      </ol>
      <div class="code-block">
        {/* tabIndex: keyboard users can reach (and select) the code; it scrolls sideways. */}
        <pre tabIndex={0} aria-label={t('install.codeLabel')}>
          <code ref={code}>{site.snippet}</code>
        </pre>
        <CopyButton text={site.snippet} label={t('install.copy')} fallbackSelect={selectCode} />
      </div>
      <details class="more">
        <summary>{t('install.buildersTitle')}</summary>
        <ul>
          <li>{t('install.tilda')}</li>
          <li>{t('install.wordpress')}</li>
          <li>{t('install.bitrix')}</li>
          <li>{t('install.csp')}</li>
        </ul>
      </details>
    </div>
  );
}
