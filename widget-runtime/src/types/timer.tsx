// rt/timer.js: a countdown to the licensee's date (a bar or a card), gone once it runs out.
import { Component } from 'preact';
import type { EmbedTimerWidget } from '#contracts/core/embed.js';
import type { MountFn } from '#contracts/core/mount.js';
import { Card } from '../shell/card.js';
import { EN } from '../shell/i18n.js';
import { mountWidget, type ViewProps } from '../shell/mount-widget.js';
import { notify } from '../shell/notify.js';
import { safeUrl } from '../shell/safe-url.js';
import { lazySheet } from '../shell/styles.js';

const sheet = lazySheet(`
.wg-timer{display:flex;gap:8px;margin:0 0 12px;font-variant-numeric:tabular-nums}
.wg-timer span{min-width:52px;padding:6px 4px;border-radius:8px;background:rgba(127,127,127,.18);text-align:center}
.wg-timer b{display:block;font-size:22px;line-height:1.1}
.wg-timer small{font-size:11px;opacity:.8}
:host([data-pos$=bar]) .wg-card{display:flex;flex-wrap:wrap;align-items:center;justify-content:center;gap:4px 16px}
:host([data-pos$=bar]) .wg-title,:host([data-pos$=bar]) .wg-text,:host([data-pos$=bar]) .wg-timer,:host([data-pos$=bar]) .wg-badge{margin:0}
:host([data-pos$=bar]) .wg-title{font-size:16px}
`);

const UNITS = EN ? ['d', 'h', 'min', 's'] : ['дн', 'ч', 'мин', 'сек'];
const LEFT = EN ? 'Time left' : 'Осталось';

const pad = (n: number) => (n < 10 ? '0' : '') + n;

class TimerView extends Component<ViewProps<EmbedTimerWidget>> {
  tick?: ReturnType<typeof setInterval>;

  override componentDidMount(): void {
    // One render a second; the numbers are computed from the clock, so a throttled
    // background tab shows the right time when it wakes.
    this.tick = setInterval(() => this.forceUpdate(), 1000);
  }

  override componentWillUnmount(): void {
    clearInterval(this.tick);
  }

  override render({ widget, ctx, close }: ViewProps<EmbedTimerWidget>) {
    const c = widget.content;
    const s = Math.floor((c.end - Date.now()) / 1000);
    // Run out: nothing to count down to (the server stops sending it too).
    if (s < 0) return null;
    const parts = [Math.floor(s / 86400), Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60];
    const href = safeUrl(c.buttonUrl);
    return (
      <Card ctx={ctx} title={c.title} onClose={close}>
        {c.text && <p class="wg-text">{c.text}</p>}
        {/* role=timer is not a live region: screen readers are not told every second. */}
        <div class="wg-timer" role="timer" aria-label={LEFT}>
          {parts.map((n, i) => (
            <span>
              <b>{pad(n)}</b>
              <small>{UNITS[i]}</small>
            </span>
          ))}
        </div>
        {href && c.buttonText && (
          <a class="wg-btn" href={href} target="_blank" rel="noopener" onClick={() => notify(ctx, widget, 'click')}>
            {c.buttonText}
          </a>
        )}
      </Card>
    );
  }
}

export const mount: MountFn = (widget, ctx) =>
  // A timer that has already run out (a slow tab, a skewed clock) is not drawn at all.
  widget.type == 'timer' && widget.content.end > Date.now() ? mountWidget(widget, ctx, TimerView, { sheets: [sheet], closable: widget.position != 'inline' }) : undefined;
