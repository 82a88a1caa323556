// The dashboard's tables: a real <table> (caption or label, column headers) that on a phone
// turns each row into a card, every cell labelled with its column's name, so nothing scrolls
// sideways. The ARIA roles keep the table a table for screen readers where the phone layout
// changes its display (some browsers drop table semantics then).
import type { ComponentChildren, JSX } from 'preact';
import { t } from '../i18n/i18n.js';
import './data-table.css';

export interface Column<R> {
  /** The header, and each cell's label when rows become cards. */
  label: string;
  cell: (row: R) => ComponentChildren;
  /** The header's content when it is more than its label (a "select all" box). Its cells carry no
   *  label either: the control in each names itself. */
  head?: ComponentChildren;
  /** A column of buttons: the header is for screen readers only, the cells carry no label. */
  actions?: boolean;
  /** Classes for the header and the cells (num, check-col), and for the cells alone (nowrap, break…). */
  class?: string;
  cellClass?: string;
}

interface TableProps<R> {
  rows: readonly R[];
  columns: readonly Column<R>[];
  /** Read out before the table; or `label`, where the section heading says it already. */
  caption?: string;
  label?: string;
  /** Rows as cards on a phone (default); off for tables that scroll inside their frame instead. */
  stack?: boolean;
  /** More classes for the <table> (a table's own phone tweaks). */
  class?: string;
  /** Attributes of a row's <tr>: a class, data-* for tests and live updates. */
  rowProps?: (row: R) => JSX.HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  /** A refusal about a row, shown under it across all columns. */
  rowError?: (row: R) => ComponentChildren;
  /** A last column of buttons, each naming its row itself (so the header is for screen readers only). */
  actions?: (row: R) => ComponentChildren;
}

type DataTableProps<R> = TableProps<R> & { rowKey: (row: R) => string };

const byId = (row: { id: string }) => row.id;

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ') || undefined;

/** Each row's key: rows with an id are keyed by it unless told otherwise; other rows say how. */
export function DataTable<R extends { id: string }>(props: TableProps<R> & { rowKey?: (row: R) => string }): JSX.Element;
export function DataTable<R>(props: DataTableProps<R>): JSX.Element;
export function DataTable<R>(props: TableProps<R> & { rowKey?: (row: R) => string }) {
  const { rows, columns: own, rowKey = byId as (row: R) => string, caption, label, stack = true, class: extra, rowProps, rowError, actions } = props;
  const columns: readonly Column<R>[] = actions ? [...own, { label: t('common.actions'), actions: true, cellClass: 'row-actions', cell: actions }] : own;
  return (
    // A table that is not stacked scrolls sideways in its frame on a phone: the frame takes focus
    // so the keyboard can scroll it too, and names itself when focused. A group, not a region: the
    // card around it is the page's region of that name.
    <div class="table-wrap" {...(stack ? {} : { tabIndex: 0, role: 'group', 'aria-label': caption ?? label })}>
      <table class={classes('table', stack && 'responsive', extra)} aria-label={caption ? undefined : label} role={stack ? 'table' : undefined}>
        {caption && <caption class="sr-only">{caption}</caption>}
        <thead role={stack ? 'rowgroup' : undefined}>
          <tr role={stack ? 'row' : undefined}>
            {columns.map((c) => (
              <th key={c.label} scope="col" class={c.class} role={stack ? 'columnheader' : undefined}>
                {c.actions ? <span class="sr-only">{c.label}</span> : (c.head ?? c.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role={stack ? 'rowgroup' : undefined}>
          {rows.map((r) => {
            const error = rowError?.(r);
            return [
              <tr key={rowKey(r)} role={stack ? 'row' : undefined} {...rowProps?.(r)}>
                {columns.map((c) => (
                  <td key={c.label} class={classes(c.class, c.cellClass)} data-label={stack && !c.actions && !c.head ? c.label : undefined} role={stack ? 'cell' : undefined}>
                    {c.cell(r)}
                  </td>
                ))}
              </tr>,
              error ? (
                <tr key={`${rowKey(r)}-error`} class="row-error" role={stack ? 'row' : undefined}>
                  <td colSpan={columns.length} role={stack ? 'cell' : undefined}>
                    {error}
                  </td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
