// "Push content": bars at an edge move the page away from it instead of covering it. The
// page's own margin at that edge grows by the bars' height (as WordPress does for its admin
// bar), and the page's fixed or sticky elements at that edge (a header, a cookie line) move
// along, so no bar covers them. Only inline styles through CSSOM, which a strict CSP allows;
// every change is put back before the next one, and when the bars go.

/** Inline declarations we changed, with what was there before. */
let changed: [el: HTMLElement, prop: string, value: string, priority: string][] = [];

const set = (el: HTMLElement, prop: string, value: string) => {
  changed.push([el, prop, el.style.getPropertyValue(prop), el.style.getPropertyPriority(prop)]);
  el.style.setProperty(prop, value, 'important');
};

/** Pushes the page by `top` px from the top edge and `bottom` px from the bottom one (0: not at all). */
export function push(top: number, bottom: number): void {
  changed.reverse().forEach(([el, prop, value, priority]) => el.style.setProperty(prop, value, priority));
  changed = [];
  const html = document.documentElement;
  const height = innerHeight;
  const seen = new Set<Element>();
  (
    [
      ['top', top],
      ['bottom', bottom],
    ] as const
  ).forEach(([edge, by]) => {
    if (!by) return;
    set(html, 'margin-' + edge, parseFloat(getComputedStyle(html).getPropertyValue('margin-' + edge)) + by + 'px');
    // The page's elements at the edge, under the bars now (y = 1) or right below them (a
    // sticky header in its place, which sticks under the bars once the page scrolls).
    for (const x of [8, innerWidth / 2, innerWidth - 8]) {
      for (const y of [1, by + 1]) {
        for (let el of document.elementsFromPoint(x, edge == 'top' ? y : height - y) as (HTMLElement | null)[]) {
          for (; el && el != html && el != document.body && !seen.has(el); el = el.parentElement) {
            seen.add(el);
            const style = getComputedStyle(el);
            const at = parseFloat(style[edge]);
            const box = el.getBoundingClientRect();
            // Our own hosts are placed by the layout manager. A fixed element the margin has
            // already moved along (inside a transformed body) stays where it is; `at == at`:
            // not NaN, the element is anchored to this edge.
            if (
              el.localName != 'widgetry-widget' &&
              // biome-ignore lint/suspicious/noSelfCompare: the byte-cheap NaN test explained above
              at == at &&
              (style.position == 'sticky' || (style.position == 'fixed' && (edge == 'top' ? box.top < by : box.bottom > height - by)))
            )
              set(el, edge, at + by + 'px');
          }
        }
      }
    }
  });
}
