// Titled parts of a page. The heading names the part for screen readers (aria-labelledby).
import type { ComponentChildren } from 'preact';

/** A part outside a card (a list under its heading): an empty list says so in one muted line instead. */
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

/** A card of its own, under its heading. */
export function Card({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
