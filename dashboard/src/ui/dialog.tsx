// Modal dialogs on the native <dialog>: showModal() traps focus, Esc closes, the page behind
// is inert for screen readers — nothing to re-implement. Focus returns where it came from.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/i18n.js';
import { Icon } from './icons.js';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  /** Buttons at the bottom. */
  footer?: ComponentChildren;
  wide?: boolean;
}

export function Dialog({ open, title, onClose, children, footer, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      const opener = document.activeElement as HTMLElement | null;
      d.showModal();
      return () => {
        if (d.open) d.close();
        opener?.focus?.();
      };
    }
  }, [open]);
  if (!open) return null;
  return (
    <dialog
      ref={ref}
      class={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        const d = ref.current;
        if (d && e.target === d) {
          const r = d.getBoundingClientRect();
          if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) onClose();
        }
      }}
    >
      <div class="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="btn-icon" onClick={onClose} aria-label={t('common.close')}>
          <Icon name="close" />
        </button>
      </div>
      <div class="dialog-body">{children}</div>
      {footer && <div class="dialog-foot">{footer}</div>}
    </dialog>
  );
}

export interface ConfirmOptions {
  title: string;
  body: ComponentChildren;
  confirm: string;
  danger?: boolean;
}

/** `const [dialog, ask] = useConfirm(); if (await ask({...})) …` — render `dialog` somewhere. */
export function useConfirm(): [ComponentChildren, (o: ConfirmOptions) => Promise<boolean>] {
  const [state, setState] = useState<(ConfirmOptions & { resolve: (ok: boolean) => void }) | null>(null);
  const answer = (ok: boolean) => {
    state?.resolve(ok);
    setState(null);
  };
  const dialog = state && (
    <Dialog
      open
      title={state.title}
      onClose={() => answer(false)}
      footer={
        <>
          <button type="button" class="btn" onClick={() => answer(false)}>
            {t('common.cancel')}
          </button>
          <button type="button" class={state.danger ? 'btn btn-danger' : 'btn btn-primary'} onClick={() => answer(true)}>
            {state.confirm}
          </button>
        </>
      }
    >
      {state.body}
    </Dialog>
  );
  return [dialog, (o) => new Promise<boolean>((resolve) => setState({ ...o, resolve }))];
}
