// Banner: title, text, an optional picture by URL and a button link.
import { t } from '../../i18n/i18n.js';
import type { EditorProps } from './editor-props.js';
import { ButtonLink, OptionalUrl, TitleText } from './text-parts.js';

export function BannerEditor({ content: c, onChange, issues }: EditorProps<'banner'>) {
  const set = (patch: Partial<typeof c>) => onChange({ ...c, ...patch });
  return (
    <>
      <TitleText title={c.title} text={c.text} onTitle={(title) => set({ title })} onText={(text) => set({ text })} issues={issues} />
      <OptionalUrl label={t('editor.imageUrl')} hint={t('editor.imageHint')} value={c.imageUrl} onValue={(imageUrl) => set({ imageUrl })} error={issues.get('imageUrl')} />
      <ButtonLink buttonText={c.buttonText} buttonUrl={c.buttonUrl} onChange={set} issues={issues} />
    </>
  );
}
