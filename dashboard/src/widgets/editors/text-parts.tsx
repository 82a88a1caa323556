// Editors of the parts several types share: title and text, a button with its link, an optional
// link, and the floating button's text.
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
      <OptionalUrl
        label={t('editor.buttonUrl')}
        value={buttonUrl}
        onValue={(url) => onChange({ buttonText, buttonUrl: url })}
        error={issues.get('buttonUrl')}
        hint={buttonText && !buttonUrl ? t('editor.buttonNeedsUrl') : undefined}
      />
    </div>
  );
}

/** A link the widget may do without: an empty entry is no link at all (absent, not ""). */
export function OptionalUrl({
  label,
  hint,
  value,
  onValue,
  error,
  name,
}: {
  label: string;
  hint?: string | undefined;
  value: string | undefined;
  onValue: (url: string | undefined) => void;
  error: string | undefined;
  name?: string;
}) {
  return <TextField label={label} hint={hint} type="url" placeholder="https://" value={value ?? ''} onValue={(v) => onValue(optionalUrl(v))} error={error} name={name} />;
}

/** The text on the floating button that opens the widget's form or panel (call-back, chat). */
export function FloatingButtonText({ value, onValue, issues }: { value: string; onValue: (v: string) => void; issues: Issues }) {
  return <TextField label={t('editor.floatingButton')} hint={t('editor.floatingButtonHint')} value={value} maxLength={100} onValue={onValue} error={issues.get('buttonText')} />;
}
