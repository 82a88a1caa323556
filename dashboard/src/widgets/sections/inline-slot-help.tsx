// Under the selector of an inline widget: the block to add to the page, with a copy button, and
// where Tilda and WordPress take it — in the words of their own editors.
import { t } from '../../i18n/i18n.js';
import { CopyButton } from '../../ui/bits.js';
import { inlineSlotCode } from '../inline-slot.js';

export function InlineSlotHelp({ selector }: { selector: string }) {
  const code = inlineSlotCode(selector);
  if (!code) return <p class="hint">{t('editor.inlineExisting')}</p>;
  return (
    <div class="inline-help">
      <p class="inline-help-title">{t('editor.inlineHowTitle')}</p>
      <div class="code-block">
        <pre tabIndex={0} aria-label={t('editor.inlineCodeLabel')}>
          <code>{code}</code>
        </pre>
        <CopyButton text={code} label={t('editor.inlineCopy')} />
      </div>
      <ul class="plain-list small">
        <li>{t('editor.inlineTilda')}</li>
        <li>{t('editor.inlineWordpress')}</li>
        <li>{t('editor.inlineOther')}</li>
      </ul>
    </div>
  );
}
