// The runtime's only console output: the first failure, prefixed, never thrown into the page.
let logged: unknown;

export function log(e: unknown): void {
  logged || ((logged = 1), console.warn('[widgetry]', e));
}
