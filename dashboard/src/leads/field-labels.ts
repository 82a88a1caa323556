// Field labels by key for a widget, so a lead reads "Телефон: …" rather than "phone: …".
// Mirrors contracts' leadFieldsOf without importing it: that module brings zod, and the leads
// list has no other use for it.
import type { Widget } from '../api-types.js';

export function fieldLabels(widgets: Widget[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const w of widgets) {
    const labels = new Map<string, string>();
    const c = w.content as { fields?: { key: string; label: string }[]; questions?: { key: string; text: string }[] };
    for (const q of c.questions ?? []) labels.set(q.key, q.text);
    for (const f of c.fields ?? []) labels.set(f.key, f.label || f.key);
    out.set(w.id, labels);
  }
  return out;
}
