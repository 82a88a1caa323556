// The frame every widget is drawn in: optional close button, title, body, badge.
import type { ComponentChildren } from 'preact';
import type { MountContext } from '#contracts/core/mount.js';
import { badgeLink } from './badge.js';
import { CLOSE } from './i18n.js';

interface CardProps {
  ctx: MountContext;
  title: string;
  /** Absent for widgets that cannot be closed (inline forms). */
  onClose?: (() => void) | undefined;
  /** Drawn above the title (a banner's image). */
  media?: ComponentChildren;
  children?: ComponentChildren;
}

// ids are scoped to each shadow root, so a constant id cannot clash between widgets.
const TITLE_ID = 'wg-title';

export function Card({ ctx, title, onClose, media, children }: CardProps) {
  return (
    // A named region: screen-reader users can find the widget and hear what it is.
    // Esc closes a closable widget, as people expect of anything that floats over a page.
    <div class="wg-card" role="region" aria-labelledby={title ? TITLE_ID : undefined} onKeyDown={onClose && ((e) => e.key == 'Escape' && onClose())}>
      {onClose && (
        <button type="button" class="wg-close" aria-label={CLOSE} onClick={onClose}>
          ×
        </button>
      )}
      {media}
      {title && (
        <h2 class="wg-title" id={TITLE_ID}>
          {title}
        </h2>
      )}
      {children}
      {ctx.badge && badgeLink(ctx.badge)}
    </div>
  );
}
