// The numbers behind a per-day chart, newest day first, folded under "table" (screen readers
// and people who want exact figures get them without the canvas).
import { formatDay, t } from '../i18n/i18n.js';
import { DataTable } from '../ui/data-table.js';

export interface DayColumn<D> {
  label: string;
  value: (day: D) => string;
}

export function DayTable<D extends { day: string }>({ days, columns, caption, class: cls = 'more' }: { days: readonly D[]; columns: DayColumn<D>[]; caption: string; class?: string }) {
  return (
    <details class={cls}>
      <summary>{t('stats.table')}</summary>
      {/* A grid of figures reads best as a grid: on a phone it scrolls inside its frame. */}
      <DataTable
        rows={[...days].reverse()}
        rowKey={(d) => d.day}
        caption={caption}
        stack={false}
        columns={[{ label: t('stats.day'), cellClass: 'nowrap', cell: (d: D) => formatDay(d.day) }, ...columns.map((c) => ({ label: c.label, class: 'num', cell: c.value }))]}
      />
    </details>
  );
}
