// An impression counts once per page view, when at least half of the widget is on screen.

export function onceHalfVisible(el: Element, callback: () => void): void {
  const io = new IntersectionObserver(
    (entries) => {
      // 0.499, not 0.5: the ratio is a float and "exactly half" may come out a hair below.
      if (entries.some((e) => e.intersectionRatio > 0.499)) {
        io.disconnect();
        callback();
      }
    },
    { threshold: 0.5 },
  );
  io.observe(el);
}
