// The lead form's fields: kind, label, required, order; placeholder, options or a fixed value
// where the kind needs one. Fields for special categories of personal data (health, religion,
// biometrics…) are not offered at all (offer 003 §7.6.7): only the contract's kinds exist.
import { FieldRowHead } from './field-row-head.js';
import { FIELD_KINDS, type FieldKind, type FormField } from '#contracts/core/widget.js';
import { t, type Key } from '../../i18n/i18n.js';
import { Checkbox, SelectField, TextArea, TextField } from '../../ui/fields.js';
import { Icon } from '../../ui/icons.js';
import { issuesUnder, type Issues } from '../draft.js';

const KIND_NAMES: Record<FieldKind, Key> = {
  name: 'field.name',
  phone: 'field.phone',
  email: 'field.email',
  text: 'field.text',
  textarea: 'field.textarea',
  select: 'field.select',
  checkbox: 'field.checkbox',
  hidden: 'field.hidden',
};
const DEFAULT_LABEL: Partial<Record<FieldKind, Key>> = { name: 'field.label.name', phone: 'field.label.phone', email: 'field.label.email', textarea: 'field.label.comment' };
const KEY_BASE: Record<FieldKind, string> = { name: 'name', phone: 'phone', email: 'email', text: 'text', textarea: 'comment', select: 'choice', checkbox: 'agree', hidden: 'tag' };
const MAX_FIELDS = 20;

/** A key not yet used by this form (or by `reserved`, e.g. a quiz's question keys). */
export function freeKey(base: string, taken: string[]): string {
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base}_${i}`)) return `${base}_${i}`;
}

export function FieldsEditor({ fields, onChange, issues, reserved = [], min = 1 }: { fields: FormField[]; onChange: (f: FormField[]) => void; issues: Issues; reserved?: string[]; min?: number }) {
  const set = (i: number, patch: Partial<FormField>) => onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const move = (i: number, by: number) => {
    const next = [...fields];
    const [f] = next.splice(i, 1);
    next.splice(i + by, 0, f!);
    onChange(next);
  };
  const add = () => {
    const kind: FieldKind = 'text';
    onChange([...fields, { key: freeKey(KEY_BASE[kind], [...fields.map((f) => f.key), ...reserved]), kind, label: t('field.label.new'), required: false }]);
  };
  const listError = issues.get('') ?? issues.get('fields');
  return (
    <fieldset class="fields-editor">
      <legend>{t('editor.fields')}</legend>
      <ol class="field-rows">
        {fields.map((f, i) => {
          const own = issuesUnder(issues, String(i));
          const changeKind = (kind: FieldKind) => {
            const label = DEFAULT_LABEL[kind];
            const others = [...fields.filter((_, j) => j !== i).map((x) => x.key), ...reserved];
            set(i, {
              kind,
              key: freeKey(KEY_BASE[kind], others),
              ...(label && !f.label ? { label: t(label) } : {}),
              options: kind === 'select' ? (f.options?.length ? f.options : [t('field.option1'), t('field.option2')]) : undefined,
              value: kind === 'hidden' ? (f.value ?? '') : undefined,
            });
          };
          return (
            <li key={i} class="field-row">
              <FieldRowHead n={i + 1} canRemove={fields.length > min} removeLabel={t('editor.removeField', { name: f.label || i + 1 })} onRemove={() => onChange(fields.filter((_, j) => j !== i))}>
                <button type="button" class="btn-icon" disabled={i === 0} aria-label={t('editor.moveUp', { name: f.label || i + 1 })} onClick={() => move(i, -1)}>
                  <Icon name="up" />
                </button>
                <button type="button" class="btn-icon" disabled={i === fields.length - 1} aria-label={t('editor.moveDown', { name: f.label || i + 1 })} onClick={() => move(i, 1)}>
                  <Icon name="down" />
                </button>
              </FieldRowHead>
              <div class="grid-2">
                <SelectField label={t('editor.fieldKind')} value={f.kind} onValue={(v) => changeKind(v as FieldKind)} options={FIELD_KINDS.map((k) => ({ value: k, label: t(KIND_NAMES[k]) }))} />
                <TextField label={t('editor.fieldLabel')} value={f.label} maxLength={200} onValue={(v) => set(i, { label: v })} error={own.get('label')} />
              </div>
              {['name', 'phone', 'email', 'text', 'textarea'].includes(f.kind) && (
                <TextField label={t('editor.placeholder')} value={f.placeholder ?? ''} maxLength={200} onValue={(v) => set(i, { placeholder: v || undefined })} error={own.get('placeholder')} />
              )}
              {f.kind === 'select' && (
                <TextArea
                  label={t('editor.options')}
                  hint={t('editor.optionsHint')}
                  value={(f.options ?? []).join('\n')}
                  onValue={(v) => set(i, { options: v.split('\n').map((o) => o.trimStart()) })}
                  error={own.get('options') ?? [...own].find(([k]) => k.startsWith('options.'))?.[1]}
                />
              )}
              {f.kind === 'hidden' && (
                <TextField label={t('editor.hiddenValue')} hint={t('editor.hiddenHint')} value={f.value ?? ''} maxLength={500} onValue={(v) => set(i, { value: v })} error={own.get('value')} />
              )}
              <div class="field-row-foot">
                {f.kind !== 'hidden' && <Checkbox label={t('editor.required')} checked={f.required} onValue={(v) => set(i, { required: v })} />}
                <TextField class="field-key" label={t('editor.key')} value={f.key} maxLength={32} spellcheck={false} onValue={(v) => set(i, { key: v.trim() })} error={own.get('key')} />
              </div>
            </li>
          );
        })}
      </ol>
      {listError && <p class="field-error">{listError}</p>}
      {fields.length < MAX_FIELDS && (
        <button type="button" class="btn btn-small" onClick={add}>
          <Icon name="plus" /> {t('editor.addField')}
        </button>
      )}
      <p class="hint">{t('editor.specialCategories')}</p>
    </fieldset>
  );
}
