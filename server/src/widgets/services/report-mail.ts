// The monthly report as a mail (text and HTML) in the account's language (accounts.lang: its
// dashboard's at the last sign-in or switch). Figures and days are written alike in both.
import type { Lang } from '#contracts/core/lang.js';
import type { Report } from './monthly-report.js';

const WORDS = {
  ru: {
    subject: 'отчёт за 30 дней',
    heading: (r: Report) => `отчёт с ${r.firstDay} по ${r.lastDay}`,
    columns: ['Виджет', 'Показы', 'Клики', 'Заявки', 'Конверсия'],
    noData: 'Нет данных',
    noDataText: 'Нет данных за период.',
    byDay: 'По дням',
    day: 'День',
    sources: 'Источники заявок (utm_source)',
    source: 'Источник',
    deleted: '(удалён)',
    untagged: '(без метки)',
    line: (name: string, w: Report['widgets'][number]) => `${name}: показы ${w.impressions}, клики ${w.clicks}, заявки ${w.leads}, конверсия ${w.conversionPercent} %`,
  },
  en: {
    subject: 'your 30-day report',
    heading: (r: Report) => `report from ${r.firstDay} to ${r.lastDay}`,
    columns: ['Widget', 'Impressions', 'Clicks', 'Leads', 'Conversion'],
    noData: 'No data',
    noDataText: 'No data for the period.',
    byDay: 'By day',
    day: 'Day',
    sources: 'Lead sources (utm_source)',
    source: 'Source',
    deleted: '(deleted)',
    untagged: '(no tag)',
    line: (name: string, w: Report['widgets'][number]) => `${name}: impressions ${w.impressions}, clicks ${w.clicks}, leads ${w.leads}, conversion ${w.conversionPercent} %`,
  },
} as const;

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
const head = (cells: readonly string[]) => `<tr>${cells.map((c) => `<th>${c}</th>`).join('')}</tr>`;

export function reportMail(report: Report, brand: string, lang: Lang): { subject: string; text: string; html: string } {
  const w = WORDS[lang];
  const name = (row: Report['widgets'][number]) => row.name ?? w.deleted;
  const rows = report.widgets.map((r) => `<tr><td>${esc(name(r))}</td><td>${r.impressions}</td><td>${r.clicks}</td><td>${r.leads}</td><td>${r.conversionPercent} %</td></tr>`).join('');
  const daily = report.daily?.map((d) => `<tr><td>${d.day}</td><td>${d.impressions}</td><td>${d.clicks}</td><td>${d.leads}</td></tr>`).join('');
  const utm = report.utmSources?.map((u) => `<tr><td>${esc(u.source ?? w.untagged)}</td><td>${u.leads}</td></tr>`).join('');
  const [, impressions, clicks, leads] = w.columns;
  const html = `<h1>${esc(brand)}: ${w.heading(report)} (${esc(report.timezone)})</h1>
<table border="1" cellpadding="4">${head(w.columns)}${rows || `<tr><td colspan="5">${w.noData}</td></tr>`}</table>
${daily !== undefined ? `<h2>${w.byDay}</h2><table border="1" cellpadding="4">${head([w.day, impressions, clicks, leads])}${daily}</table>` : ''}
${utm !== undefined ? `<h2>${w.sources}</h2><table border="1" cellpadding="4">${head([w.source, leads])}${utm}</table>` : ''}`;
  const text = report.widgets.map((r) => w.line(name(r), r)).join('\n') || w.noDataText;
  return { subject: `${brand}: ${w.subject}`, text, html };
}
