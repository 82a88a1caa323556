// One connection value (app id, key, host…) as read-only text with its own copy button: the
// value stays selectable by hand when the clipboard is not allowed.
import { useId } from 'preact/hooks';
import { t } from '../i18n/i18n.js';
import { Icon } from '../ui/icons.js';
import { toast } from '../ui/toast.js';

export async function copyText(text: string, fallback?: () => void): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast(t('common.copied'));
  } catch {
    fallback?.();
    toast(t('common.copyManually'), 'error');
  }
}

export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const id = useId();
  return (
    <div class="field rt-copy-field">
      <label for={id}>{label}</label>
      <div class="rt-copy-row">
        <input id={id} class="input mono" readOnly value={value} aria-describedby={hint ? `${id}-h` : undefined} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          class="btn btn-small"
          aria-label={t('rtp.copyValue', { label })}
          onClick={() => void copyText(value, () => (document.getElementById(id) as HTMLInputElement | null)?.select())}
        >
          <Icon name="copy" />
        </button>
      </div>
      {hint && (
        <p class="hint" id={`${id}-h`}>
          {hint}
        </p>
      )}
    </div>
  );
}
