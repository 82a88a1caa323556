// Quiz: questions one at a time (each a single choice of 2–10 answers), then a lead form. The
// answers arrive with the lead under each question's key.
import { FieldRowHead } from './field-row-head.js';
import { t } from '../../i18n/i18n.js';
import { TextArea, TextField } from '../../ui/fields.js';
import { Icon } from '../../ui/icons.js';
import { issuesUnder } from '../draft.js';
import type { EditorProps } from './editor-props.js';
import { FieldsEditor, freeKey } from './fields-editor.js';
import { LeadSettings } from './lead-settings.js';
import { TitleText } from './text-parts.js';

const MAX_QUESTIONS = 10;

export function QuizEditor({ content: c, onChange, issues }: EditorProps<'quiz'>) {
  const { questions, fields, title: _t, text: _x, formTitle: _f, ...lead } = c;
  const setQuestion = (i: number, patch: Partial<(typeof questions)[number]>) => onChange({ ...c, questions: questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) });
  const taken = [...questions.map((q) => q.key), ...fields.map((f) => f.key)];
  return (
    <>
      <TitleText title={c.title} text={c.text} onTitle={(title) => onChange({ ...c, title })} onText={(text) => onChange({ ...c, text })} issues={issues} textRows={2} />
      <fieldset class="fields-editor">
        <legend>{t('editor.questions')}</legend>
        <ol class="field-rows">
          {questions.map((q, i) => {
            const own = issuesUnder(issues, `questions.${i}`);
            return (
              <li key={i} class="field-row">
                <FieldRowHead
                  n={i + 1}
                  canRemove={questions.length > 1}
                  removeLabel={t('editor.removeQuestion', { n: i + 1 })}
                  onRemove={() => onChange({ ...c, questions: questions.filter((_, j) => j !== i) })}
                />
                <TextField label={t('editor.question')} value={q.text} maxLength={300} onValue={(text) => setQuestion(i, { text })} error={own.get('text')} />
                <TextArea
                  label={t('editor.answers')}
                  hint={t('editor.answersHint')}
                  value={q.options.join('\n')}
                  onValue={(v) => setQuestion(i, { options: v.split('\n').map((o) => o.trimStart()) })}
                  error={own.get('options') ?? [...own].find(([k]) => k.startsWith('options.'))?.[1]}
                />
                <TextField class="field-key" label={t('editor.key')} value={q.key} maxLength={32} spellcheck={false} onValue={(key) => setQuestion(i, { key: key.trim() })} error={own.get('key')} />
              </li>
            );
          })}
        </ol>
        {issues.get('questions') && <p class="field-error">{issues.get('questions')}</p>}
        {questions.length < MAX_QUESTIONS && (
          <button
            type="button"
            class="btn btn-small"
            onClick={() => onChange({ ...c, questions: [...questions, { key: freeKey('q', taken), text: t('editor.newQuestion'), options: [t('field.option1'), t('field.option2')] }] })}
          >
            <Icon name="plus" /> {t('editor.addQuestion')}
          </button>
        )}
      </fieldset>
      <TextField label={t('editor.formTitle')} value={c.formTitle} maxLength={200} onValue={(formTitle) => onChange({ ...c, formTitle })} error={issues.get('formTitle')} />
      <FieldsEditor fields={fields} onChange={(f) => onChange({ ...c, fields: f })} issues={issuesUnder(issues, 'fields')} reserved={questions.map((q) => q.key)} />
      <LeadSettings value={lead} onChange={(l) => onChange({ ...c, ...l })} issues={issues} />
    </>
  );
}
