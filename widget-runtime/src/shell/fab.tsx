// The round floating button of the callback and messengers widgets, and its icons.
import type { ComponentChildren } from 'preact';

interface FabProps {
  /** The accessible name (and tooltip). */
  label: string;
  onClick(): void;
  /** For a disclosure (messengers): whether its list is shown. */
  expanded?: boolean | undefined;
  controls?: string | undefined;
  /** For a button that opens a dialog (callback). */
  dialog?: boolean;
  children: ComponentChildren;
}

export function Fab({ label, onClick, expanded, controls, dialog, children }: FabProps) {
  return (
    <button type="button" class="wg-fab" aria-label={label} title={label} aria-expanded={expanded} aria-controls={controls} aria-haspopup={dialog ? 'dialog' : undefined} onClick={onClick}>
      {children}
    </button>
  );
}

/** A 24×24 outline icon; decorative (the button has the name). */
export const Icon = ({ d }: { d: string }) => (
  <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
    <path d={d} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
  </svg>
);

/** 56 px: comfortably above the 44 px touch-target minimum; round, in the accent colour. */
export const FAB_CSS = `
:host{background:none!important}
.wg-fab{display:grid;place-items:center;width:56px;height:56px;margin:0;padding:0;border:0;border-radius:50%;background:var(--wg-accent);color:var(--wg-on-accent);box-shadow:0 4px 16px rgba(0,0,0,.25);cursor:pointer}
.wg-fab:hover{filter:brightness(1.08)}
`;
