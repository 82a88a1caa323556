// A queue the operator works through (abuse complaints, widget requests): one card per case,
// keyed by its last change, so a saved case's form starts again from what the server now holds.
import type { ComponentChildren } from 'preact';
import { Empty } from '../ui/bits.js';
import type { IconName } from '../ui/icons.js';
import { Loaded } from '../ui/loaded.js';
import type { ApiState } from '../ui/use-api.js';

export interface CaseListProps<D, C> {
  state: ApiState<D>;
  cases: (data: D) => C[];
  empty: { icon: IconName; title: string };
  /** More classes for each case's card. */
  cardClass?: string;
  card: (c: C, onSaved: () => void) => ComponentChildren;
}

export function CaseList<D, C extends { id: string; updatedAt: number }>({ state, cases, empty, cardClass, card }: CaseListProps<D, C>) {
  return (
    <Loaded state={state} isEmpty={(d) => cases(d).length === 0} empty={<Empty icon={empty.icon} title={empty.title} />}>
      {(data) => (
        <ul class="stack admin-list">
          {cases(data).map((c) => (
            <li key={`${c.id}-${c.updatedAt}`} class={cardClass ? `card ${cardClass}` : 'card'}>
              {card(c, () => void state.reload())}
            </li>
          ))}
        </ul>
      )}
    </Loaded>
  );
}
