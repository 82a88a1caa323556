// The head of one repeated row in an editor (a form field, a messenger channel, a quiz
// question): its number, any extra buttons (move up/down) and the remove button.
import type { ComponentChildren } from 'preact';
import { Icon } from '../../ui/icons.js';

export function FieldRowHead(props: { n: number; removeLabel: string; canRemove: boolean; onRemove: () => void; children?: ComponentChildren }) {
  return (
    <div class="field-row-head">
      <span class="field-row-n">{props.n}</span>
      <div class="row-buttons">
        {props.children}
        <button type="button" class="btn-icon btn-icon-danger" disabled={!props.canRemove} aria-label={props.removeLabel} onClick={props.onRemove}>
          <Icon name="trash" />
        </button>
      </div>
    </div>
  );
}
