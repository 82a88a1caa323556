// A small sketch of where a template's widget sits on a page and in which colours: a hint,
// not a preview (the editor shows the real thing).
import type { TemplateWidget } from './templates.js';
import './templates.css';

const DEFAULT_COLORS = { background: '#ffffff', text: '#1f2937', accent: '#2563eb' };

export function TemplateThumb({ widget }: { widget: TemplateWidget }) {
  const position = widget.position ?? (widget.type === 'popup' ? 'center' : widget.type === 'timer' ? 'top-bar' : 'bottom-right');
  const c = { ...DEFAULT_COLORS, ...widget.colors };
  return (
    <span class="thumb" aria-hidden="true">
      <span class="thumb-page" />
      <span
        class={`thumb-widget thumb-${widget.type} thumb-pos-${position}`}
        ref={(el) => {
          // CSSOM, not a style attribute: the dashboard's CSP allows no inline styles.
          el?.style.setProperty('--bg', c.background);
          el?.style.setProperty('--accent', c.accent);
        }}
      >
        <span class="thumb-line" />
        <span class="thumb-button" />
      </span>
    </span>
  );
}
