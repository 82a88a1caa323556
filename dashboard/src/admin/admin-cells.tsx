// What the operator's tables share: a value with a smaller line under it, and the block / unblock button of a licensee's widget or realtime project.
import type { ComponentChildren } from 'preact';
import { t } from '../i18n/i18n.js';

/** A cell's value and, when there is one, a note under it (`mono` for ids). */
export function WithNote({ note, mono, children }: { note?: ComponentChildren; mono?: boolean; children: ComponentChildren }) {
  return (
    <div>
      {children}
      {note ? <span class={mono ? 'sub mono' : 'sub'}>{note}</span> : null}
    </div>
  );
}

export interface BlockToggleProps {
  blocked: boolean;
  /** The buttons' accessible names, which say what they act on. */
  blockName: string;
  unblockName: string;
  onBlock: () => void;
  onUnblock: () => void;
}

export function BlockToggle({ blocked, blockName, unblockName, onBlock, onUnblock }: BlockToggleProps) {
  return blocked ? (
    <button type="button" class="btn btn-small" onClick={onUnblock} aria-label={unblockName}>
      {t('admin.widget.unblock')}
    </button>
  ) : (
    <button type="button" class="btn btn-small btn-danger-outline" onClick={onBlock} aria-label={blockName}>
      {t('admin.widget.block')}
    </button>
  );
}
