// The last card of a settings page: deleting the thing, with a line on what that takes away.
// The confirmation is the caller's (its dialog names the thing).
import { Icon } from './icons.js';

export function DangerZone({ id, title, hint, action, onAction }: { id: string; title: string; hint: string; action: string; onAction: () => void }) {
  return (
    <section class="card card-danger" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p class="muted">{hint}</p>
      <button type="button" class="btn btn-danger" onClick={onAction}>
        <Icon name="trash" /> {action}
      </button>
    </section>
  );
}
