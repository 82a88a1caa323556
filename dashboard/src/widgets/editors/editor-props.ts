// What every type's editor section receives: its content, a way to change it, and the
// schema's complaints about it (paths relative to `content`).
import type { BuildableType, ContentOf, Issues } from '../draft.js';

export interface EditorProps<T extends BuildableType> {
  content: ContentOf<T>;
  onChange: (content: ContentOf<T>) => void;
  issues: Issues;
  /** The site's IANA time zone: dates typed in the editor are on its clock. */
  timezone: string;
}

/** Optional URLs are absent, not "": the schema accepts a link or nothing. */
export const optionalUrl = (v: string) => (v.trim() === '' ? undefined : v.trim());
