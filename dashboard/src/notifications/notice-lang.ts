// The operator's notice in the dashboard's language: English when the operator wrote it in
// English too, else as written (the news matters more than its language).
import { currentLang } from '../i18n/i18n.js';

/** A notice from GET /api/notices, or a notification's copy of one (its params, loosely typed). */
interface NoticeTexts {
  title?: unknown;
  body?: unknown;
  titleEn?: unknown;
  bodyEn?: unknown;
}

export const noticeInLang = (n: NoticeTexts): { title: string; body: string } =>
  currentLang() === 'en' && n.titleEn && n.bodyEn ? { title: String(n.titleEn), body: String(n.bodyEn) } : { title: String(n.title), body: String(n.body) };
