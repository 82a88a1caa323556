// The draft in the editor: built from a template or a stored widget, checked by the server's own
// schema with messages in the reader's language, and turned into the PATCH that saves it.
import { describe, expect, it } from 'vitest';
import type { Widget } from '../api-types.js';
import { draftFromTemplate, draftFromWidget, issuesOf, issuesUnder, patchOf, type DraftOf } from './draft.js';
import { widgetTemplates } from './templates.js';

const formTemplate = () => widgetTemplates('ru', Date.UTC(2026, 10, 22)).find((t) => t.type === 'form')!;
const formDraft = () => draftFromTemplate(formTemplate(), 'site_1') as DraftOf<'form'>;

describe('a draft', () => {
  it('from a template: on the chosen site, switched off, defaults filled in, and free of issues once consent links are given', () => {
    const d = formDraft();
    expect(d).toMatchObject({ type: 'form', siteId: 'site_1', active: false, urlRule: { match: 'any', value: '' } });
    expect(d.rules.url.include).toEqual([]);
    const ready = { ...d, content: { ...d.content, consentUrl: 'https://shop.ru/consent', privacyUrl: 'https://shop.ru/privacy' } };
    expect(issuesOf(ready)).toEqual(new Map());
  });

  it('from a template is a copy: editing it leaves the gallery as it was', () => {
    const tpl = formTemplate();
    const before = structuredClone(tpl.widget);
    const d = draftFromTemplate(tpl, 'site_1') as DraftOf<'form'>;
    d.content.fields[0]!.label = 'Изменено';
    expect(tpl.widget).toEqual(before);
  });

  it('from a stored widget: its server-only fields dropped, and the legacy URL rule moved into the include list', () => {
    const d = formDraft();
    const stored = { ...d, id: 'wdg_1', served: true, blocked: null, createdAt: 1, updatedAt: 2, urlRule: { match: 'contains', value: '/catalog' } } as Widget;
    const back = draftFromWidget(stored);
    for (const key of ['id', 'served', 'blocked', 'createdAt', 'updatedAt']) expect(back).not.toHaveProperty(key);
    expect(back.urlRule).toEqual({ match: 'any', value: '' });
    expect(back.rules.url.include).toEqual([{ match: 'contains', value: '/catalog' }]);
  });

  it('from a widget stored before some fields existed: the schema fills their defaults', () => {
    const { rules: _rules, urlRule: _url, ...old } = formDraft();
    const back = draftFromWidget({ ...old, id: 'wdg_old', served: false, blocked: null, createdAt: 1, updatedAt: 1 } as unknown as Widget);
    expect(back.urlRule).toEqual({ match: 'any', value: '' });
    expect(back.rules.url).toEqual(formDraft().rules.url);
  });

  it('saves everything editable and nothing else: the type and the site never change', () => {
    const d = { ...formDraft(), inlineSelector: '' };
    const patch = patchOf(d);
    expect(Object.keys(patch).sort()).toEqual(['colors', 'content', 'inlineSelector', 'name', 'position', 'rules', 'urlRule']);
    expect(patch.inlineSelector).toBeNull();
    expect(patchOf({ ...d, inlineSelector: '#lead' }).inlineSelector).toBe('#lead');
  });
});

describe('issues', () => {
  it('are keyed by path, one per path, in Russian where the rule is known', () => {
    const d = formDraft();
    const broken = {
      ...d,
      name: '',
      content: { ...d.content, consentUrl: 'ftp://shop.ru', fields: [d.content.fields[0]!, { ...d.content.fields[0]!, label: 'Ещё' }] },
    };
    const issues = issuesOf(broken);
    expect(issues.get('name')).toBe('Заполните поле.');
    expect(issues.get('content.consentUrl')).toBe('Нужна ссылка, начинающаяся с https:// или http://');
    expect([...issues.values()]).toContain('Ключи полей не должны повторяться.');
  });

  it('a section sees its own, with its prefix removed', () => {
    const all = new Map([
      ['content.title', 'a'],
      ['content.fields.0.label', 'b'],
      ['contentx', 'c'],
      ['name', 'd'],
    ]);
    expect(issuesUnder(all, 'content')).toEqual(
      new Map([
        ['title', 'a'],
        ['fields.0.label', 'b'],
      ]),
    );
    expect(issuesUnder(all, 'content.fields')).toEqual(new Map([['0.label', 'b']]));
  });
});
