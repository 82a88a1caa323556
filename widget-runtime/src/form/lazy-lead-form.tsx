// Popup, callback and quiz draw the lead form that rt/form.js carries, importing that module
// rather than sharing its code through a split chunk: a page with a form widget then fetches
// loader + form.js + one shared chunk, and its 12 KB budget holds (tests/size). Their mount()
// awaits loadLeadForm() before drawing, so the form is there from the first frame (a form
// arriving later would grow an open dialog: a layout shift). rt/form.js comes from the
// browser's module cache when the page also shows a form widget.
import type { LeadFormProps } from './lead-form.js';

type FormModule = typeof import('../types/form.js');
let loaded: FormModule | undefined;

/** Imports rt/form.js once; resolves to its stylesheet, for mountWidget's `sheet`. */
export const loadLeadForm = async (): Promise<() => CSSStyleSheet> => (loaded ||= await import('../types/form.js')).formSheet;

/** The lead form of rt/form.js; only drawn after loadLeadForm() resolved. */
export function LazyLeadForm(props: LeadFormProps) {
  const Form = loaded!.LeadForm;
  return <Form {...props} />;
}
