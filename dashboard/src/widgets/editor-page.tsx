// The widget editor: a form on the left (basics, the type's own section, appearance, display
// rules), the live preview on the right, and save / switch on / duplicate / delete. Checks run
// as the licensee types, with the server's own schema; the server still decides on save.
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { api, ApiRequestError, get } from '../api.js';
import type { AbTestView } from '#contracts/core/ab.js';
import { Link } from '../router/link.js';
import type { Site, Widget } from '../api-types.js';
import { widgetTemplates } from './templates.js';
import { collectsLeads } from '#contracts/core/widget.js';
import { currentLang, t } from '../i18n/i18n.js';
import type { PageProps } from '../router/lazy-page.js';
import { navigate, setLeaveGuard, useLocation } from '../router/router.js';
import { useSession } from '../session.js';
import { Notice, Pill } from '../ui/bits.js';
import { useConfirm } from '../ui/dialog.js';
import { SelectField, TextField } from '../ui/fields.js';
import { Icon } from '../ui/icons.js';
import { Loaded } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { useUnsavedGuard } from '../ui/unsaved.js';
import { useApi } from '../ui/use-api.js';
import { Card } from '../ui/section.js';
import { draftFromTemplate, draftFromWidget, issuesOf, issuesUnder, patchOf, type BuildableType, type Draft } from './draft.js';
import { EDITORS } from './editors/index.js';
import type { EditorProps } from './editors/editor-props.js';
import { PreviewPane } from './preview/preview-pane.js';
import { RefusalMessage } from './refusal-message.js';
import { Appearance } from './sections/appearance.js';
import { EditorSlotNotice } from './slot-notice.js';
import { DisplayRulesSection } from './sections/display-rules.js';
import { WouldShow } from './would-show.js';
import { OpenOnSite } from './open-on-site.js';
import { widgetTypeName } from './type-names.js';
import { widgetState } from './widget-state.js';
import './editor.css';

/** A refusal carried across the one navigation from "new" to the created widget's page. */
let carried: { id: string; error: unknown } | null = null;
const stashRefusal = (id: string, error: unknown) => {
  carried = { id, error };
};
function takeRefusal(id: string | undefined): unknown {
  if (!carried || carried.id !== id) return null;
  const { error } = carried;
  carried = null;
  return error;
}

interface EditorData {
  sites: Site[];
  widget: Widget | null;
  draft: Draft;
  /** Editing an A/B variant of the widget (/widgets/{id}/variants/{v}): its fields, saved to its own endpoint. */
  variant?: { id: string; label: string };
}

export default function EditorPage({ params }: PageProps) {
  const loc = useLocation();
  const loaded = useApi<EditorData>(
    async (signal) => {
      const { sites } = await get<{ sites: Site[] }>('/sites', undefined, { signal });
      if (params.id) {
        const widget = await get<Widget>(`/widgets/${encodeURIComponent(params.id)}`, undefined, { signal });
        if (params.variantId) {
          const test = await get<AbTestView>(`/widgets/${encodeURIComponent(params.id)}/variants`, undefined, { signal });
          const v = test.variants.find((x) => x.id === params.variantId && !x.control);
          if (!v) throw new ApiRequestError(404, { code: 'not_found', message: 'Variant not found' });
          // The variant's own fields over the widget's name, type and switch.
          return { sites, widget, draft: draftFromWidget({ ...widget, ...(v.definition as object) }), variant: { id: v.id, label: v.label } };
        }
        return { sites, widget, draft: draftFromWidget(widget) };
      }
      const tpl = widgetTemplates(currentLang()).find((x) => x.id === params.template);
      const siteId = loc.query.get('site') ?? sites[0]?.id;
      if (!tpl || !siteId) throw new Error('no template');
      return { sites, widget: null, draft: draftFromTemplate(tpl, siteId) };
    },
    [params.id, params.template, params.variantId],
  );

  const back = { href: '/widgets', label: t('widgets.title') };
  return (
    <Loaded
      state={loaded}
      frame={(body) => (
        <Page title={t('editor.pageTitle')} back={back}>
          {body}
        </Page>
      )}
    >
      {(data) => <Editor loaded={data} />}
    </Loaded>
  );
}

function Editor({ loaded }: { loaded: EditorData }) {
  const { refresh } = useSession();
  const variant = loaded.variant;
  const [widget, setWidget] = useState(loaded.widget);
  const [draft, setDraft] = useState(loaded.draft);
  const [saved, setSaved] = useState(() => JSON.stringify(loaded.draft));
  // A refusal to switch on that happened while creating this widget (see save()).
  const [error, setError] = useState<unknown>(() => takeRefusal(loaded.widget?.id));
  const [busy, setBusy] = useState(false);
  const [showIssues, setShowIssues] = useState(false);
  const [dialog, ask] = useConfirm();

  const dirty = JSON.stringify(draft) !== saved || !widget;
  useUnsavedGuard(dirty && !busy);
  const issues = useMemo(() => issuesOf(draft), [draft]);
  // New widgets show problems after the first save attempt; stored ones at once.
  const visible = showIssues || widget ? issues : new Map<string, string>();
  const site = loaded.sites.find((s) => s.id === draft.siteId);
  const timezone = site?.timezone ?? 'Europe/Moscow';
  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }) as Draft);

  /**
   * Saves the draft, then switches it on or off if asked. Two steps on purpose: a refusal to
   * switch on (tariff limit, missing consent links) must not cost the licensee their edits.
   * Returns false when either step did not go through.
   */
  const save = async (active = widget?.active ?? false): Promise<boolean> => {
    setShowIssues(true);
    setError(null);
    if (issues.size > 0) {
      toast(t('editor.fixFirst'), 'error');
      document.querySelector<HTMLElement>('.editor-form [aria-invalid="true"]')?.focus();
      return false;
    }
    setBusy(true);
    let stored = widget;
    try {
      if (variant && stored) {
        // A variant keeps the widget's name and switch: the rest of the draft is its own.
        const { name: _name, ...changes } = patchOf(draft);
        await api('PATCH', `/widgets/${stored.id}/variants/${variant.id}`, changes);
        setSaved(JSON.stringify(draft));
        return true;
      }
      if (!stored) stored = await api<Widget>('POST', '/widgets', { ...draft, active: false });
      else if (dirty) stored = await api<Widget>('PATCH', `/widgets/${stored.id}`, patchOf(draft));
      let refused: unknown = null;
      if (stored.active !== active) {
        try {
          stored = await api<Widget>('PATCH', `/widgets/${stored.id}`, { active });
        } catch (err) {
          refused = err;
        }
      }
      const nextDraft = draftFromWidget(stored);
      void refresh();
      if (!widget) {
        // The stored widget gets its own address; the page there shows what happened here.
        if (refused) stashRefusal(stored.id, refused);
        toast(t('editor.created'));
        setLeaveGuard(null);
        navigate(`/widgets/${stored.id}`, { replace: true });
        return !refused;
      }
      setWidget(stored);
      setDraft(nextDraft);
      setSaved(JSON.stringify(nextDraft));
      if (refused) setError(refused);
      return !refused;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const onSave = async (e: Event) => {
    e.preventDefault();
    if ((await save()) && widget) toast(variant ? t('ab.variantSaved') : t('common.saved'));
  };
  const toggleActive = async () => {
    const on = !(widget?.active ?? false);
    if (await save(on)) toast(on ? t('widgets.activated', { name: draft.name }) : t('widgets.deactivated', { name: draft.name }));
  };
  const duplicate = async () => {
    if (!widget) return;
    try {
      const copy = await api<Widget>('POST', `/widgets/${widget.id}/duplicate`);
      toast(t('widgets.duplicated', { name: widget.name }));
      navigate(`/widgets/${copy.id}`);
    } catch (err) {
      setError(err);
    }
  };
  const remove = async () => {
    if (!widget) return;
    const ok = await ask({ title: t('widgets.deleteTitle', { name: widget.name }), body: <p>{t('widgets.deleteBody')}</p>, confirm: t('widgets.delete'), danger: true });
    if (!ok) return;
    try {
      await api('DELETE', `/widgets/${widget.id}`);
      toast(t('widgets.deleted', { name: widget.name }));
      void refresh();
      setLeaveGuard(null);
      navigate('/widgets');
    } catch (err) {
      setError(err);
    }
  };

  const state = widget ? widgetState(widget) : null;
  // A type without an editor here (chat, until the realtime work brings one) is shown, not edited.
  const Section = EDITORS[draft.type as BuildableType] as ((p: EditorProps<BuildableType>) => JSX.Element) | undefined;
  const content = issuesUnder(visible, 'content');

  const testHref = widget ? `/widgets/${encodeURIComponent(widget.id)}/ab` : '';
  return (
    <Page
      title={variant ? t('ab.variantTitle', { label: variant.label, name: draft.name }) : widget ? draft.name || t('editor.pageTitle') : t('editor.newTitle', { type: widgetTypeName(draft.type) })}
      lead={
        <>
          {widgetTypeName(draft.type)} · {site?.name ?? '—'} {state && <Pill tone={state.tone}>{state.label}</Pill>}
        </>
      }
      back={variant ? { href: testHref, label: t('ab.openTest') } : { href: '/widgets', label: t('widgets.title') }}
      actions={
        widget &&
        !variant && (
          <>
            <Link class="btn" href={testHref}>
              {t('ab.openTest')}
            </Link>
            <button type="button" class="btn" onClick={() => void duplicate()}>
              <Icon name="duplicate" /> {t('widgets.duplicate')}
            </button>
            <button type="button" class="btn btn-danger-outline" onClick={() => void remove()}>
              <Icon name="trash" /> {t('widgets.delete')}
            </button>
          </>
        )
      }
    >
      {widget?.blocked && (
        <Notice tone="danger" icon="alert">
          {t('widgets.blockedNotice', { reason: widget.blocked.reason ?? '' })}
        </Notice>
      )}
      <div class="editor">
        <form class="editor-form" onSubmit={onSave} noValidate>
          {!variant && (
            <Card id="ed-basics" title={t('editor.basics')}>
              <TextField label={t('editor.name')} hint={t('editor.nameHint')} value={draft.name} maxLength={100} onValue={(name) => change({ name })} error={visible.get('name')} />
              {!widget && loaded.sites.length > 1 && (
                <SelectField label={t('widgets.forSite')} value={draft.siteId} onValue={(siteId) => change({ siteId })} options={loaded.sites.map((s) => ({ value: s.id, label: s.name }))} />
              )}
            </Card>
          )}
          <Card id="ed-content" title={t('editor.content')}>
            {Section ? (
              <Section content={draft.content} onChange={(c) => change({ content: c } as Partial<Draft>)} issues={content} timezone={timezone} />
            ) : (
              <p class="muted">{t('editor.noEditor')}</p>
            )}
          </Card>
          <Card id="ed-look" title={t('editor.appearance')}>
            <Appearance draft={draft} onChange={change} issues={visible} />
            <EditorSlotNotice draft={draft} widgetId={widget?.id} />
          </Card>
          <Card id="ed-rules" title={t('editor.rules')}>
            <DisplayRulesSection rules={draft.rules} onChange={(rules) => change({ rules })} issues={issuesUnder(visible, 'rules')} collectsLeads={collectsLeads(draft)} timezone={timezone} />
            <WouldShow draft={draft} site={site} />
            <OpenOnSite draft={draft} widgetId={widget?.id} site={site} />
          </Card>
          <div class="editor-bar" role="region" aria-label={t('editor.actions')}>
            {/* Right where the licensee pressed the button, not at the end of a long form. */}
            {error ? (
              <div class="editor-error">
                <RefusalMessage error={error} />
              </div>
            ) : null}
            <div class="editor-bar-status" role="status">
              {error ? null : visible.size > 0 ? (
                <span class="text-danger">{t('editor.problems', { n: visible.size })}</span>
              ) : dirty ? (
                <span class="muted">{t('common.unsaved')}</span>
              ) : (
                <span class="muted">{t('editor.allSaved')}</span>
              )}
            </div>
            <button class="btn btn-primary" disabled={busy || (!dirty && !!widget)}>
              {widget ? t('common.save') : t('editor.create')}
            </button>
            {!variant && (
              <button type="button" class={widget?.active ? 'btn' : 'btn btn-success'} disabled={busy || !!widget?.blocked} onClick={() => void toggleActive()}>
                {widget?.active ? t('editor.deactivate') : dirty ? t('editor.saveActivate') : t('editor.activate')}
              </button>
            )}
          </div>
        </form>
        <aside class="editor-preview">
          <PreviewPane draft={draft} widgetId={widget?.id ?? 'wdg_preview'} timezone={timezone} />
        </aside>
      </div>
      {dialog}
    </Page>
  );
}
