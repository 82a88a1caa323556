// rt/form.js: the lead-form widget.
import type { MountFn } from '../mount-context.js';
import { FormView } from '../form/form-view.js';
import { mountWidget } from '../shell/mount-widget.js';
import { lazySheet } from '../shell/styles.js';

// 16px inputs: iOS Safari zooms the page when a focused input's text is smaller.
// Inputs keep a white background and dark text whatever the licensee's colours: always legible.
// Invalid controls get a red ring as box-shadow, so the outline stays free for the focus ring.
const sheet = lazySheet(`
.wg-form{margin:0}
.wg-field{margin:0 0 12px}
.wg-field>label{display:block;margin:0 0 4px;font-weight:500}
.wg-input{display:block;width:100%;margin:0;padding:9px 11px;border:1px solid rgba(0,0,0,.35);border-radius:8px;background:#fff;color:#111;font:inherit;font-size:16px}
textarea.wg-input{resize:vertical}
[aria-invalid=true]{box-shadow:0 0 0 2px #d32f2f}
.wg-req,.wg-field-error,.wg-error{color:#d32f2f}
.wg-field-error{display:block;margin:4px 0 0;font-size:13px}
.wg-error{margin:0 0 12px}
.wg-check{margin:0 0 12px;font-size:13px}
.wg-check label{display:flex;gap:8px;align-items:flex-start;cursor:pointer}
.wg-check input{flex:none;width:18px;height:18px;margin:1px 0 0;accent-color:var(--wg-accent)}
.wg-links{display:block;margin:4px 0 0 26px}
.wg-links a{margin-right:12px}
.wg-hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
.wg-success{margin:0;white-space:pre-line}
`);

export const mount: MountFn = (widget, ctx) =>
  widget.type == 'form'
    ? // An inline form is part of the page; only floating ones get a close button.
      mountWidget(widget, ctx, FormView, { sheet, closable: widget.position != 'inline' })
    : undefined;
