// Colours and position. Floating buttons (call-back, messengers) live in a corner and a pop-up
// is always centred: the choices follow the contracts' rules per type. A bar says whether it
// pushes the page, a floating form or quiz whether it opens at once on phones (README,
// "Layout of widgets on a page").
import { CORNER_POSITIONS, POSITIONS, type BarLayout, type Position } from '#contracts/core/widget.js';
import { t, type Key } from '../../i18n/i18n.js';
import { Checkbox, ColorField, SelectField, TextField } from '../../ui/fields.js';
import type { Draft, Issues } from '../draft.js';
import { SUGGESTED_INLINE_SELECTOR } from '../inline-slot.js';
import { InlineSlotHelp } from './inline-slot-help.js';

const POSITION_NAMES: Record<Position, Key> = {
  'bottom-right': 'pos.bottom-right',
  'bottom-left': 'pos.bottom-left',
  'top-right': 'pos.top-right',
  'top-left': 'pos.top-left',
  center: 'pos.center',
  'top-bar': 'pos.top-bar',
  'bottom-bar': 'pos.bottom-bar',
  inline: 'pos.inline',
};

function positionsFor(type: Draft['type']): readonly Position[] {
  if (type === 'popup') return ['center'];
  if (type === 'callback' || type === 'messengers') return CORNER_POSITIONS;
  return POSITIONS;
}

export function Appearance({ draft, onChange, issues }: { draft: Draft; onChange: (d: Partial<Draft>) => void; issues: Issues }) {
  const positions = positionsFor(draft.type);
  const colors = draft.colors;
  // Values are written even when they are the default: a PATCH merges content, so an absent
  // key would keep the stored choice.
  const setContent = (patch: object) => onChange({ content: { ...draft.content, ...patch } } as Partial<Draft>);
  const bar = draft.position === 'top-bar' || draft.position === 'bottom-bar';
  return (
    <>
      <div class="grid-3">
        <ColorField label={t('editor.colorBackground')} value={colors.background} onValue={(background) => onChange({ colors: { ...colors, background } })} error={issues.get('colors.background')} />
        <ColorField label={t('editor.colorText')} value={colors.text} onValue={(text) => onChange({ colors: { ...colors, text } })} error={issues.get('colors.text')} />
        <ColorField label={t('editor.colorAccent')} value={colors.accent} onValue={(accent) => onChange({ colors: { ...colors, accent } })} error={issues.get('colors.accent')} />
      </div>
      {positions.length > 1 ? (
        <SelectField
          label={t('editor.position')}
          value={draft.position}
          // Inside the page: the block the help below adds is offered at once, ready to copy.
          onValue={(v) => onChange({ position: v as Position, ...(v === 'inline' && !draft.inlineSelector ? { inlineSelector: SUGGESTED_INLINE_SELECTOR } : {}) } as Partial<Draft>)}
          options={positions.map((p) => ({ value: p, label: t(POSITION_NAMES[p]) }))}
          error={issues.get('position')}
        />
      ) : (
        <p class="hint">{t('editor.popupCentered')}</p>
      )}
      {draft.position === 'inline' && (
        <>
          <TextField
            label={t('editor.inlineSelector')}
            hint={t('editor.inlineSelectorHint')}
            placeholder={SUGGESTED_INLINE_SELECTOR}
            value={draft.inlineSelector ?? ''}
            spellcheck={false}
            onValue={(v) => onChange({ inlineSelector: v || undefined })}
            error={issues.get('inlineSelector') ?? (!draft.inlineSelector ? t('editor.inlineSelectorNeeded') : undefined)}
          />
          {draft.inlineSelector && <InlineSlotHelp selector={draft.inlineSelector} />}
        </>
      )}
      {bar && (draft.type === 'banner' || draft.type === 'timer') && (
        <SelectField
          label={t('editor.barPush')}
          hint={t('editor.barPushHint')}
          value={(draft.content as BarLayout).push ?? 'always'}
          onValue={(push) => setContent({ push })}
          options={[
            { value: 'always', label: t('editor.barPushAlways') },
            { value: 'phones', label: t('editor.barPushPhones') },
            { value: 'never', label: t('editor.barPushNever') },
          ]}
        />
      )}
      {!bar && draft.position !== 'inline' && (draft.type === 'form' || draft.type === 'quiz') && (
        <Checkbox label={t('editor.openOnPhones')} hint={t('editor.openOnPhonesHint')} checked={!!draft.content.openOnPhones} onValue={(openOnPhones) => setContent({ openOnPhones })} />
      )}
    </>
  );
}
