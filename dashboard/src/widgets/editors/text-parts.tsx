// Editors of the parts several types share: title and text, and a button with its link.
import { t } from '../../i18n/i18n.js';
import { TextArea, TextField } from '../../ui/fields.js';
import type { Issues } from '../draft.js';
import { optionalUrl } from './editor-props.js';

export function TitleText({
  title,
  text,
  onTitle,
  onText,
  issues,
  textRows = 3,
}: {
  title: string;
  text: string;
  onTitle: (v: string) => void;
  onText: (v: string) => void;
  issues: Issues;
  textRows?: number;
}) {
  return (
    <>
      <TextField label={t('editor.title')} value={title} onValue={onTitle} maxLength={200} error={issues.get('title')} />
      <TextArea label={t('editor.text')} value={text} onValue={onText} rows={textRows} maxLength={2000} error={issues.get('text')} />
    </>
  );
}

export function ButtonLink({
  buttonText,
  buttonUrl,
  onChange,
  issues,
}: {
  buttonText: string;
  buttonUrl: string | undefined;
  onChange: (v: { buttonText: string; buttonUrl: string | undefined }) => void;
  issues: Issues;
}) {
  return (
    <div class="grid-2">
      <TextField label={t('editor.buttonText')} value={buttonText} maxLength={100} onValue={(v) => onChange({ buttonText: v, buttonUrl })} error={issues.get('buttonText')} />
      <TextField
        label={t('editor.buttonUrl')}
        type="url"
        placeholder="https://"
        value={buttonUrl ?? ''}
        onValue={(v) => onChange({ buttonText, buttonUrl: optionalUrl(v) })}
        error={issues.get('buttonUrl')}
        hint={buttonText && !buttonUrl ? t('editor.buttonNeedsUrl') : undefined}
      />
    </div>
  );
}
