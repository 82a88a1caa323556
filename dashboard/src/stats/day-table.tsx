// The numbers behind a per-day chart, newest day first, folded under "table" (screen readers
// and people who want exact figures get them without the canvas).
import { t } from '../i18n/i18n.js';

export interface DayColumn<D> {
  label: string;
  value: (day: D) => string;
}

export function DayTable<D extends { day: string }>({ days, columns, caption, class: cls = 'more' }: { days: readonly D[]; columns: DayColumn<D>[]; caption: string; class?: string }) {
  return (
    <details class={cls}>
      <summary>{t('stats.table')}</summary>
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.day')}</th>
              {columns.map((c) => (
                <th key={c.label} scope="col" class="num">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...days].reverse().map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                {columns.map((c) => (
                  <td key={c.label} class="num">
                    {c.value(d)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
