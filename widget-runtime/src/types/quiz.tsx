// rt/quiz.js: questions one at a time (radio groups: arrows choose, Enter goes on), then the
// lead form; the answers travel with the lead under each question's key. Focus moves to each
// new question's heading, so keyboard and screen-reader users always know where they are.
import { Component, type JSX } from 'preact';
import type { EmbedQuizWidget } from '#contracts/core/embed.js';
import type { MountFn } from '#contracts/core/mount.js';
import { LazyLeadForm, loadLeadForm } from '../form/lazy-lead-form.js';
import { Card } from '../shell/card.js';
import { EN } from '../shell/i18n.js';
import { mountWidget, type ViewProps } from '../shell/mount-widget.js';
import { lazySheet } from '../shell/styles.js';

const sheet = lazySheet(
  `
fieldset{margin:0 0 12px;padding:0;border:0;min-width:0}
legend{padding:0;margin:0 0 4px;font-weight:600;font-size:16px}
legend:focus,.wg-q:focus{outline:none}
.wg-step{margin:0 0 8px;font-size:13px;opacity:.75}
.wg-opt{display:flex;gap:8px;align-items:center;margin:0 0 6px;padding:8px 10px;border:1px solid rgba(127,127,127,.4);border-radius:8px;cursor:pointer}
.wg-opt input{width:18px;height:18px;margin:0;accent-color:var(--wg-accent)}
.wg-nav{display:flex;gap:8px;justify-content:flex-end}
.wg-back{padding:10px 14px;border:1px solid currentColor;border-radius:8px;background:none;color:inherit;font:inherit;cursor:pointer}
.wg-q{margin:0 0 12px;font-size:16px}
.wg-miss{margin:0 0 12px;color:#d32f2f}
.wg-success~.wg-nav{display:none}
`,
);

const NEXT = EN ? 'Next' : 'Далее';
const BACK = EN ? 'Back' : 'Назад';
const QUESTION = EN ? 'Question' : 'Вопрос';
const CHOOSE_ONE = EN ? 'Choose an answer' : 'Выберите вариант ответа';

interface QuizState {
  step: number;
  answers: Record<string, string>;
  missing?: boolean;
}

class QuizView extends Component<ViewProps<EmbedQuizWidget>, QuizState> {
  override state: QuizState = { step: 0, answers: {} };
  /** The lead form's fill time counts from the first question, not from the contact step. */
  shownAt = performance.now();
  /** The current step's heading (a callback ref: it is a legend or an h3). */
  head?: HTMLElement | null;
  setHead = (el: HTMLElement | null) => {
    this.head = el;
  };

  override componentDidUpdate(_: unknown, prev: QuizState): void {
    if (prev.step != this.state.step) this.head!.focus();
  }

  next = (e: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { step, answers } = this.state;
    const q = this.props.widget.content.questions[step]!;
    const v = new FormData(e.currentTarget).get(q.key);
    this.setState(v ? { step: step + 1, answers: { ...answers, [q.key]: String(v) }, missing: false } : { missing: true });
  };

  back = () => this.setState({ step: this.state.step - 1, missing: false });

  override render({ widget, ctx, close }: ViewProps<EmbedQuizWidget>, { step, answers, missing }: QuizState) {
    const c = widget.content;
    const q = c.questions[step];
    const back = step > 0 && (
      <button type="button" class="wg-back" onClick={this.back}>
        {BACK}
      </button>
    );
    return (
      <Card ctx={ctx} title={c.title} onClose={close}>
        {q ? (
          // key: a fresh form per question, so no radio keeps the previous question's state.
          <form key={step} class="wg-quiz" noValidate onSubmit={this.next}>
            {step == 0 && c.text && <p class="wg-text">{c.text}</p>}
            <fieldset aria-describedby={missing ? 'wg-missing' : undefined}>
              <legend tabIndex={-1} ref={this.setHead}>
                {q.text}
              </legend>
              <p class="wg-step">
                {QUESTION} {step + 1}/{c.questions.length}
              </p>
              {q.options.map((o) => (
                <label class="wg-opt">
                  <input type="radio" name={q.key} value={o} defaultChecked={answers[q.key] == o} />
                  {o}
                </label>
              ))}
            </fieldset>
            {missing && (
              <p class="wg-miss" id="wg-missing" role="alert">
                {CHOOSE_ONE}
              </p>
            )}
            <div class="wg-nav">
              {back}
              <button type="submit" class="wg-btn">
                {NEXT}
              </button>
            </div>
          </form>
        ) : (
          <>
            <h3 class="wg-q" tabIndex={-1} ref={this.setHead}>
              {c.formTitle}
            </h3>
            {/* Sent, the form becomes its thank-you (.wg-success), and the sheet hides "Back" after it. */}
            <LazyLeadForm widget={widget} ctx={ctx} content={c} extra={answers} shownAt={this.shownAt} />
            <div class="wg-nav">{back}</div>
          </>
        )}
      </Card>
    );
  }
}

export const mount: MountFn = async (widget, ctx) =>
  widget.type == 'quiz' ? mountWidget(widget, ctx, QuizView, { sheets: [sheet, await loadLeadForm()], closable: widget.position != 'inline' }) : undefined;
