// Short confirmations ("Saved", "Copied") in a polite live region, gone after a few seconds.
import { useEffect, useState } from 'preact/hooks';

interface ToastItem {
  id: number;
  text: string;
  kind: 'ok' | 'error';
}

let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function toast(text: string, kind: ToastItem['kind'] = 'ok'): void {
  const id = nextId++;
  items = [...items, { id, text, kind }];
  emit();
  setTimeout(() => {
    items = items.filter((i) => i.id !== id);
    emit();
  }, 4000);
}

export function Toasts() {
  const [, rerender] = useState(0);
  useEffect(() => {
    const l = () => rerender((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return (
    <div class="toasts" role="status" aria-live="polite">
      {items.map((i) => (
        <div key={i.id} class={`toast toast-${i.kind}`}>
          {i.text}
        </div>
      ))}
    </div>
  );
}
