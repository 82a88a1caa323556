// rt/form.js: the lead-form widget.
import type { EmbedFormWidget } from '#contracts/core/embed.js';
import type { MountFn } from '#contracts/core/mount.js';
import { LeadForm, formSheet } from '../form/lead-form.js';
import { Card } from '../shell/card.js';
import { mountWidget, type ViewProps } from '../shell/mount-widget.js';

function FormView({ widget, ctx, close }: ViewProps<EmbedFormWidget>) {
  const c = widget.content;
  return (
    <Card ctx={ctx} title={c.title} onClose={close}>
      <LeadForm widget={widget} ctx={ctx} content={c} intro={c.text && <p class="wg-text">{c.text}</p>} />
    </Card>
  );
}

export const mount: MountFn = (widget, ctx) =>
  widget.type == 'form'
    ? // An inline form is part of the page; only floating ones get a close button.
      mountWidget(widget, ctx, FormView, { sheets: [formSheet], closable: widget.position != 'inline' })
    : undefined;

// For popup, callback and quiz (form/lazy-lead-form.tsx).
export { LeadForm, formSheet };
