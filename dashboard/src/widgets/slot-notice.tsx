// "Several widgets in one place": the widget list and the editor warn when active widgets of a
// site share a slot (a corner, a bar, the centre, an inline block) and say how they will
// stack there (stacking.ts, by the rules of the runtime's layout manager).
import { get } from '../api.js';
import type { Widget } from '../api-types.js';
import { t, type Key } from '../i18n/i18n.js';
import { Notice } from '../ui/bits.js';
import { useApi } from '../ui/use-api.js';
import type { Draft } from './draft.js';
import { sharedSlots, slotWith, type Placed, type SharedSlot } from './stacking.js';

type Named = Placed & { name: string };

/** How the slot's widgets stand, in words, `mine` marked as the one being edited. */
function howTheyStack(s: SharedSlot<Named>, mine?: string): string {
  const order = s.widgets.map((w) => t('slots.name', { name: w.name }) + (w.id === mine ? ` ${t('slots.thisOne')}` : '')).join(' → ');
  const kind: Key = s.slot === 'inline' ? 'slots.inline' : s.slot === 'center' ? 'slots.center' : s.slot.endsWith('bar') ? 'slots.bar' : 'slots.corner';
  return t(kind, { order, selector: s.selector ?? '' });
}

const where = (s: SharedSlot<Named>) => t(`pos.${s.slot}` as Key);

/** The widget list: every slot the shown sites' active widgets share. */
export function SharedSlotsNotice({ widgets, siteName }: { widgets: Widget[]; siteName: (siteId: string) => string }) {
  const slots = sharedSlots(widgets.filter((w) => w.active && w.served));
  if (slots.length === 0) return null;
  return (
    <Notice tone="warn" icon="widgets">
      <p>
        <strong>{t('slots.title')}</strong>
      </p>
      <ul>
        {slots.map((s) => (
          <li key={`${s.siteId} ${s.slot} ${s.selector ?? ''}`}>
            {t('slots.where', { site: siteName(s.siteId), place: where(s) })} {howTheyStack(s)}
          </li>
        ))}
      </ul>
    </Notice>
  );
}

/** The editor: the widget's place, when other active widgets of its site show there too. */
export function EditorSlotNotice({ draft, widgetId }: { draft: Draft; widgetId: string | undefined }) {
  const { data } = useApi((signal) => get<{ widgets: Widget[] }>('/widgets', { siteId: draft.siteId }, { signal }), [draft.siteId]);
  if (!data) return null;
  // As if it were on: the owner sees where it will go before switching it on.
  const me: Named = { id: widgetId ?? '', name: draft.name, type: draft.type, siteId: draft.siteId, position: draft.position, inlineSelector: draft.inlineSelector };
  const list: Named[] = data.widgets.flatMap((w) => (w.id === widgetId ? [me] : w.active && w.served ? [w] : []));
  // A new widget comes last in the owner's order (the list is by creation).
  if (!widgetId) list.push(me);
  const slot = slotWith(sharedSlots(list), me.id);
  if (!slot) return null;
  return (
    <Notice tone="warn" icon="widgets">
      <p>
        <strong>{t('slots.editorTitle', { place: where(slot) })}</strong>
      </p>
      <p>{howTheyStack(slot, me.id)}</p>
    </Notice>
  );
}
