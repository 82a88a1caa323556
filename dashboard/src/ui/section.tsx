// A titled part of a page outside a card (a list under its heading): the heading names the
// section for screen readers, and an empty list says so in one muted line instead.
import type { ComponentChildren } from 'preact';

export function Section({ id, title, empty, children }: { id: string; title: string; empty?: string | false; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} class="section-title">
        {title}
      </h2>
      {empty ? <p class="muted">{empty}</p> : children}
    </section>
  );
}
