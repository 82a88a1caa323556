// Labelled form controls: every input has a <label>, its hint and error are tied to it with
// aria-describedby, and an error sets aria-invalid — what axe and screen readers expect.
import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';

interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export interface FieldProps {
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | undefined;
  class?: string;
  children: (props: ControlProps) => ComponentChildren;
}

export function Field({ label, hint, error, class: cls, children }: FieldProps) {
  const id = useId();
  const described = [hint && `${id}-h`, error && `${id}-e`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={cls ? `field ${cls}` : 'field'}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-describedby': described, ...(error ? { 'aria-invalid': true as const } : {}) })}
      {hint && (
        <p class="hint" id={`${id}-h`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-e`}>
          {error}
        </p>
      )}
    </div>
  );
}

export type InputAttrs = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput' | 'label' | 'class'>;

export function TextField({
  label,
  hint,
  error,
  value,
  onValue,
  class: cls,
  ...rest
}: { label: ComponentChildren; hint?: ComponentChildren; error?: string | undefined; value: string; onValue: (v: string) => void; class?: string } & InputAttrs) {
  return (
    <Field label={label} hint={hint} error={error} class={cls}>
      {(p) => <input class="input" {...rest} {...p} value={value} onInput={(e) => onValue(e.currentTarget.value)} />}
    </Field>
  );
}

export function TextArea({
  label,
  hint,
  error,
  value,
  onValue,
  rows = 3,
  maxLength,
}: {
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | undefined;
  value: string;
  onValue: (v: string) => void;
  rows?: number;
  maxLength?: number;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(p) => <textarea class="input" rows={rows} maxLength={maxLength} {...p} value={value} onInput={(e) => onValue(e.currentTarget.value)} />}
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  hint,
  error,
  value,
  onValue,
  options,
  class: cls,
}: {
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | undefined;
  value: string;
  onValue: (v: string) => void;
  options: readonly Option[];
  class?: string;
}) {
  return (
    <Field label={label} hint={hint} error={error} class={cls}>
      {(p) => (
        <select class="input" {...p} value={value} onChange={(e) => onValue(e.currentTarget.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Checkbox({ label, checked, onValue, hint, disabled }: { label: ComponentChildren; checked: boolean; onValue: (v: boolean) => void; hint?: ComponentChildren; disabled?: boolean }) {
  const id = useId();
  return (
    <div class="check">
      <input type="checkbox" id={id} checked={checked} disabled={disabled} aria-describedby={hint ? `${id}-h` : undefined} onChange={(e) => onValue(e.currentTarget.checked)} />
      <div>
        <label for={id}>{label}</label>
        {hint && (
          <p class="hint" id={`${id}-h`}>
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

/** A colour as a swatch picker and its #rrggbb text, kept in step. */
export function ColorField({ label, value, onValue, error }: { label: string; value: string; onValue: (v: string) => void; error?: string | undefined }) {
  return (
    <Field label={label} error={error} class="field-color">
      {(p) => (
        <div class="color-row">
          <input type="color" value={/^#[0-9a-f]{6}$/i.test(value) ? value : '#000000'} aria-label={`${label}: ${value}`} onInput={(e) => onValue(e.currentTarget.value)} />
          <input class="input" {...p} value={value} maxLength={7} spellcheck={false} onInput={(e) => onValue(e.currentTarget.value.trim())} />
        </div>
      )}
    </Field>
  );
}
