// One licensee-defined form field: label, control, required mark, error text.
import type { FormField } from '#contracts/core/widget.js';
import { CHOOSE } from './strings.js';
import { maxLength } from '#contracts/core/validation.js';

/** Input type and autofill hint per kind: the right mobile keyboard and browser autofill. */
const INPUT: Partial<Record<FormField['kind'], [type: string, autocomplete: string]>> = {
  name: ['text', 'name'],
  phone: ['tel', 'tel'],
  email: ['email', 'email'],
};

interface FieldProps {
  field: FormField;
  error?: string | undefined;
  /** A prefill from widgetry('identify', …); only strings are used. */
  initial?: unknown;
}

export function Field({ field: f, error, initial }: FieldProps) {
  // ids are scoped to the widget's shadow root; field keys are [a-z0-9_], safe in an id.
  const id = 'wg-f-' + f.key;
  const errorId = id + '-e';
  const control = {
    id,
    name: f.key,
    required: f.required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
  };
  // The asterisk is visual; `required` already tells screen readers.
  const mark = f.required && (
    <span class="wg-req" aria-hidden="true">
      {' *'}
    </span>
  );
  const message = error && (
    <span class="wg-field-error" id={errorId}>
      {error}
    </span>
  );
  if (f.kind == 'checkbox') {
    return (
      <div class="wg-check">
        <label>
          <input type="checkbox" {...control} />
          <span>
            {f.label}
            {mark}
          </span>
        </label>
        {message}
      </div>
    );
  }
  const [type, autocomplete] = INPUT[f.kind] || ['text', 'on'];
  // What text controls share (a select ignores maxlength and placeholder).
  const text = {
    ...control,
    class: 'wg-input',
    maxLength: maxLength(f.kind),
    placeholder: f.placeholder,
    // The initial value only: what the visitor types is theirs (Preact sets the property).
    defaultValue: typeof initial == 'string' ? initial : undefined,
  };
  return (
    <div class="wg-field">
      <label for={id}>
        {f.label}
        {mark}
      </label>
      {f.kind == 'textarea' ? (
        <textarea rows={3} {...text} />
      ) : f.kind == 'select' ? (
        <select {...text}>
          <option value="">{CHOOSE}</option>
          {(f.options || []).map((o) => (
            <option value={o}>{o}</option>
          ))}
        </select>
      ) : (
        <input type={type} autocomplete={autocomplete} {...text} />
      )}
      {message}
    </div>
  );
}
