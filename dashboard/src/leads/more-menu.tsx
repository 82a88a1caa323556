// A "…" menu for the actions that should not sit in the primary spot (destroying leads): one
// more click to reach, each item still behind its own confirmation.
import { useRef } from 'preact/hooks';
import { Icon } from '../ui/icons.js';

export interface MoreMenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
}

export function MoreMenu({ label, items }: { label: string; items: MoreMenuItem[] }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const close = () => ref.current?.removeAttribute('open');
  return (
    <details
      class="more-menu"
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          close();
          ref.current?.querySelector('summary')?.focus();
        }
      }}
    >
      <summary class="btn btn-small" aria-label={label}>
        <Icon name="more" /> <span aria-hidden="true">{label}</span>
      </summary>
      <div class="more-menu-list">
        {items.map((item) => (
          <button
            key={item.label}
            type="button"
            disabled={item.disabled}
            onClick={() => {
              close();
              item.onSelect();
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
    </details>
  );
}
