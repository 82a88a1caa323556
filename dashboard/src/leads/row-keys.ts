// Keyboard travel through a list of rows: ↑/↓ (and j/k, as in mail clients) move the focus to
// the previous or next row's open button, Home/End to the first or last. Typing in a field is
// left alone.
const OPEN = '[data-open-lead]';

export function moveRowFocus(e: KeyboardEvent) {
  const target = e.target as HTMLElement;
  if (target.closest('input, textarea, select')) return;
  const buttons = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>(OPEN)];
  if (buttons.length === 0) return;
  const row = target.closest('tr');
  const at = row ? buttons.findIndex((b) => row.contains(b)) : -1;
  let next: number;
  switch (e.key) {
    case 'ArrowDown':
    case 'j':
      next = Math.min(buttons.length - 1, at + 1);
      break;
    case 'ArrowUp':
    case 'k':
      next = Math.max(0, at - 1);
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = buttons.length - 1;
      break;
    default:
      return;
  }
  e.preventDefault();
  buttons[next]?.focus();
}
