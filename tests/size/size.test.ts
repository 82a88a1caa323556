// Size budgets of the embed (gzip level 9, each file gzipped alone as it is served).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmbed, type BuildEmbedResult } from '../../scripts/build-embed.mjs';
import { installSnippet } from '../../loader/src/snippet.js';
import { CONSENT_LABEL_EN, MARKETING_LABEL_EN } from '#contracts/core/consent-labels.js';
import type { EmbedConfig } from '#contracts/core/embed.js';

const LOADER_BUDGET = 2048;
const FORM_PAGE_BUDGET = 12288;
/** Per type entry rt/{type}.js (and rt/en/{type}.js). form.js carries the lead form itself. */
const TYPE_BUDGETS: Record<string, number> = {
  banner: 640,
  form: 3200,
  popup: 768,
  callback: 896,
  /** 1,152 until the button showed the owner's text beside its sign (issue 12 §6): the label and its pill shape, ~90 B. */
  messengers: 1280,
  timer: 1088,
  quiz: 1536,
  /** The button and the panel: thread, message box, consent line, offline switch. */
  chat: 3072,
};
/** The chunk every type imports: preact + the widget shell. */
const SHARED_BUDGET = 6912;
/** Any other split chunk: pieces two or three types share (dialog, floating button, lazy form). */
const PIECE_BUDGET = 768;
/**
 * rt/layout.js: the layout manager (stacking by slot, pushing the page), which the types import
 * only where it has work: sites with two or more widgets that take a slot (the config's `lm`; a
 * pop-up takes none) or a bar, on a phone as on a desktop. Not in the one-widget page budgets
 * below, which a page with one card or button meets without it.
 */
const LAYOUT_BUDGET = 2048;
/**
 * rt/fold.js: on a phone every card and button goes through it (a lead form or quiz starts
 * folded into a button with its title; widget-runtime/src/shell/fold.ts), and it fetches the
 * layout manager where that has work. Inside rt/solo/form.js and rt/solo/quiz.js, so a site of
 * one form fetches no chunk for it: its phone page is its desktop page (checked below).
 */
const FOLD_BUDGET = 768;
/** What only the fold's code says: the stand-in's attribute. */
const FOLD_MARK = 'data-widgetry-teaser';
/**
 * rt/debug.js: debug mode and the owner's preview. Fetched only on widgetry('debug') or a page
 * opened with ?widgetry_debug= / ?widgetry_preview=, never by a visitor's page view; bounded so
 * it stays a small download, and it must import no chunk of the widget types (its own test).
 */
const DEBUG_BUDGET = 6144;
/**
 * rt/chat-conversation.js: the chat's /v1/chat calls, storage, its own protocol-7 client
 * (chat/live-socket.ts) and the hidden-tab alert; fetched by rt/chat.js when the visitor opens
 * the chat (or comes back to a page while a conversation goes on), never with the button.
 */
const CHAT_CONVERSATION_BUDGET = 1536;
/**
 * rt/ab.js: the A/B variant draw, which the loader imports only for a site running a test
 * (README "A/B tests"); such a page fetches it before its first widget, so it stays small.
 */
const AB_BUDGET = 512;
/** A page showing one widget of a type: loader + its runtime files + its config. */
const TYPE_PAGE_BUDGET = 14336;

/** A realistic config for a page with one form widget of three fields and the badge. */
const FORM_CONFIG: EmbedConfig = {
  site: 'k_4f9a2c7d1e',
  badge: { text: 'Сделано на Widgetry', url: 'http://localhost:8787/?utm_source=badge' },
  widgets: [
    {
      id: 'wdg_8h2k4m6n9p',
      type: 'form',
      position: 'bottom-right',
      colors: { background: '#ffffff', text: '#1f2937', accent: '#2563eb', onAccent: '#fff' },
      content: {
        title: 'Получите консультацию',
        text: 'Оставьте контакты — перезвоним в течение 15 минут.',
        fields: [
          { key: 'name', kind: 'name', label: 'Имя', required: true },
          { key: 'phone', kind: 'phone', label: 'Телефон', required: true, placeholder: '+7 900 123-45-67' },
          { key: 'email', kind: 'email', label: 'E-mail', required: false },
        ],
        submitText: 'Отправить',
        successText: 'Спасибо! Мы скоро свяжемся с вами.',
        consentUrl: 'https://shop.example/consent',
        privacyUrl: 'https://shop.example/privacy',
        marketingConsent: false,
      },
      consentText: 'Я даю согласие на обработку моих персональных данных',
    },
  ],
};

/** Types that fetch form.js with their first frame; chat fetches it only when the visitor opens it. */
const LEAD_TYPES = new Set(['form', 'popup', 'callback', 'quiz']);
const colors = { background: '#ffffff', text: '#1f2937', accent: '#2563eb', onAccent: '#fff' };
const consentText = 'Я даю согласие на обработку моих персональных данных';
const lead = { submitText: 'Отправить', successText: 'Спасибо!', consentUrl: 'https://shop.example/consent', privacyUrl: 'https://shop.example/privacy', marketingConsent: false };
const nameAndPhone = FORM_CONFIG.widgets[0]!.type === 'form' ? FORM_CONFIG.widgets[0]!.content.fields.slice(0, 2) : [];
const one = (widget: EmbedConfig['widgets'][number]): EmbedConfig => ({ ...FORM_CONFIG, widgets: [widget] });

/** Realistic one-widget configs per type, with the rules such widgets usually carry. */
const TYPE_CONFIGS: Record<string, EmbedConfig> = {
  form: FORM_CONFIG,
  chat: one({
    id: 'wdg_ch',
    type: 'chat',
    position: 'bottom-right',
    colors,
    content: {
      buttonText: 'Чат с нами',
      title: 'Онлайн-чат',
      greeting: 'Здравствуйте! Чем можем помочь?',
      offlineAfterMin: 3,
      offlineText: 'Сейчас все операторы заняты. Оставьте контакты — мы ответим.',
      fields: [...nameAndPhone, { key: 'message', kind: 'textarea', label: 'Сообщение', required: true }],
      ...lead,
    },
    consentText,
  }),
  banner: one({
    id: 'wdg_b',
    type: 'banner',
    position: 'top-bar',
    colors,
    content: { title: 'Скидка 20 % на всё', text: 'До воскресенья', buttonText: 'Выбрать', buttonUrl: 'https://shop.example/sale' },
  }),
  popup: one({
    id: 'wdg_p',
    type: 'popup',
    position: 'center',
    colors,
    rules: { exit: 1, every: 7, once: 1 },
    content: { title: 'Не уходите без подарка', text: 'Пришлём промокод на 10 %.', buttonText: '', fields: [{ key: 'email', kind: 'email', label: 'E-mail', required: true }], ...lead },
    consentText,
  }),
  callback: one({
    id: 'wdg_c',
    type: 'callback',
    position: 'bottom-right',
    colors,
    rules: { delay: 5 },
    content: { buttonText: 'Заказать звонок', title: 'Перезвоним за 5 минут', text: '', fields: nameAndPhone, ...lead },
    consentText,
  }),
  messengers: one({
    id: 'wdg_m',
    type: 'messengers',
    position: 'bottom-right',
    colors,
    content: {
      buttonText: 'Написать нам',
      title: '',
      channels: [
        { kind: 'telegram', href: 'https://t.me/shop_example', label: 'Telegram' },
        { kind: 'whatsapp', href: 'https://wa.me/79001234567', label: 'WhatsApp' },
        { kind: 'phone', href: 'tel:+79001234567', label: 'Позвонить' },
      ],
    },
  }),
  timer: one({
    id: 'wdg_t',
    type: 'timer',
    position: 'top-bar',
    colors,
    content: { title: 'До конца распродажи', text: '', end: 1_800_000_000_000, buttonText: 'Успеть', buttonUrl: 'https://shop.example/sale' },
  }),
  quiz: one({
    id: 'wdg_q',
    type: 'quiz',
    position: 'bottom-right',
    colors,
    rules: { scroll: 50, session: 1 },
    content: {
      title: 'Рассчитайте стоимость ремонта',
      text: '',
      questions: [
        { key: 'object', text: 'Что ремонтируем?', options: ['Квартиру', 'Дом', 'Офис'] },
        { key: 'area', text: 'Какая площадь?', options: ['До 40 м²', '40–80 м²', 'Больше 80 м²'] },
      ],
      formTitle: 'Куда прислать расчёт?',
      fields: nameAndPhone,
      ...lead,
    },
    consentText,
  }),
};

/** Static `import … from "./x.js"` / `import "./x.js"` at statement starts; not `import(`. */
const STATIC_IMPORT = /(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["']([^"']+)["']/g;

let dir: string;
let outDir: string;
let built: BuildEmbedResult;

const gzip = (data: string | Buffer) => gzipSync(data, { level: 9 }).length;
const read = (rel: string) => readFile(join(outDir, rel));

/** The file plus every file it statically imports, transitively (paths relative to outDir). */
async function staticClosure(entry: string): Promise<string[]> {
  const seen = new Set([entry]);
  const todo = [entry];
  for (let file = todo.pop(); file; file = todo.pop()) {
    for (const [, spec] of (await read(file)).toString().matchAll(STATIC_IMPORT)) {
      const dep = posix.join(posix.dirname(file), spec!);
      if (seen.has(dep)) continue;
      seen.add(dep);
      todo.push(dep);
    }
  }
  return [...seen];
}

/** The chunk every type entry of `dir` imports: preact + the shell. */
async function sharedChunk(dir: string): Promise<string> {
  const closures = await Promise.all(Object.keys(TYPE_BUDGETS).map((t) => staticClosure(`${dir}/${t}.js`)));
  const common = closures.reduce((a, b) => a.filter((f) => b.includes(f)));
  expect(common, `one chunk shared by every type in ${dir}`).toHaveLength(1);
  return common[0]!;
}

async function pageBytes(files: string[], config: EmbedConfig) {
  let total = gzip(JSON.stringify(config));
  for (const f of files) total += gzip(await read(f));
  return total;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'widgetry-size-'));
  outDir = join(dir, 'public');
  built = await buildEmbed({ outDir });
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('embed size budgets', () => {
  it('reports every built file', () => {
    for (const f of built.files) console.log(`[size] ${f.path.padEnd(24)} ${String(f.bytes).padStart(6)} B raw ${String(f.gzip).padStart(6)} B gzip`);
    const names = built.files.map((f) => f.path);
    for (const type of Object.keys(TYPE_BUDGETS)) expect(names).toEqual(expect.arrayContaining([`rt/${type}.js`, `rt/en/${type}.js`]));
  });

  it(`loader.js ≤ ${LOADER_BUDGET} B gzipped, and pure ASCII (a classic script is decoded in the page's charset)`, async () => {
    const code = await read('loader.js');
    const size = gzip(code);
    console.log(`[size] loader.js: ${size} B gzip (budget ${LOADER_BUDGET})`);
    expect(size).toBeLessThanOrEqual(LOADER_BUDGET);
    expect([...code].every((b) => b < 0x80)).toBe(true);
  });

  for (const dir of ['rt', 'rt/en']) {
    it(`each file of ${dir}/ is within its budget`, async () => {
      const shared = await sharedChunk(dir);
      for (const f of built.files.filter((f) => posix.dirname(f.path) === dir)) {
        const name = posix.basename(f.path, '.js');
        const budget =
          f.path === shared
            ? SHARED_BUDGET
            : name.startsWith('chunk-')
              ? PIECE_BUDGET
              : name === 'layout'
                ? LAYOUT_BUDGET
                : name === 'fold'
                  ? FOLD_BUDGET
                  : name === 'debug'
                    ? DEBUG_BUDGET
                    : name === 'chat-conversation'
                      ? CHAT_CONVERSATION_BUDGET
                      : name === 'ab'
                        ? AB_BUDGET
                        : TYPE_BUDGETS[name];
        expect(budget, `a budget for ${f.path}`).toBeTypeOf('number');
        console.log(`[size] ${f.path}: ${f.gzip} B gzip (budget ${budget})`);
        expect(f.gzip, f.path).toBeLessThanOrEqual(budget!);
      }
    });

    it(`${dir}: a page with one form widget (loader + form.js + its chunks + config) ≤ ${FORM_PAGE_BUDGET} B`, async () => {
      const runtime = await staticClosure(`${dir}/form.js`);
      // The shell lives in the shared chunk: form.js must import it, or splitting broke.
      expect(runtime).toContain(await sharedChunk(dir));
      // …and only it: the lead form is inside form.js, not a further chunk (one less download).
      expect(runtime).toHaveLength(2);
      const total = await pageBytes(['loader.js', ...runtime], FORM_CONFIG);
      console.log(`[size] ${dir} form page: ${total} B gzip = loader + ${runtime.join(' + ')} + config ${gzip(JSON.stringify(FORM_CONFIG))} B (budget ${FORM_PAGE_BUDGET})`);
      expect(total).toBeLessThanOrEqual(FORM_PAGE_BUDGET);
      // On a phone the form starts folded: in the split runtime (a site of several types) rt/fold.js
      // comes along. Logged: such a site's desktop page already has the shared chunk's extra bytes.
      console.log(`[size] ${dir} form page on a phone: ${total + gzip(await read(`${dir}/fold.js`))} B gzip (+ ${dir}/fold.js)`);
    });
  }

  it(`a page with one widget of any type ≤ ${TYPE_PAGE_BUDGET} B (lead-collecting types fetch form.js too)`, async () => {
    for (const [type, config] of Object.entries(TYPE_CONFIGS)) {
      const files = new Set(await staticClosure(`rt/${type}.js`));
      if (LEAD_TYPES.has(type)) for (const f of await staticClosure('rt/form.js')) files.add(f);
      const total = await pageBytes(['loader.js', ...files], config);
      console.log(`[size] ${type} page: ${total} B gzip (${[...files].join(' + ')})`);
      if (type === 'chat')
        console.log(`[size] chat page, opened: ${await pageBytes(['loader.js', ...files, 'rt/form.js', 'rt/chat-conversation.js'], config)} B gzip (+ rt/form.js + rt/chat-conversation.js)`);
      expect(total, type).toBeLessThanOrEqual(TYPE_PAGE_BUDGET);
    }
  });

  for (const dir of ['rt/solo', 'rt/en/solo']) {
    it(`${dir}: each type with the shell in one file (sites of one type), within its type's budget plus the shared chunk's`, async () => {
      for (const type of Object.keys(TYPE_BUDGETS)) {
        const file = built.files.find((f) => f.path === `${dir}/${type}.js`);
        expect(file, `${dir}/${type}.js is built`).toBeDefined();
        // The lead form comes inside for the types that draw it in their first frame.
        const budget = SHARED_BUDGET + TYPE_BUDGETS[type]! + (LEAD_TYPES.has(type) && type !== 'form' ? TYPE_BUDGETS.form! : 0);
        console.log(`[size] ${file!.path}: ${file!.gzip} B gzip (budget ${budget})`);
        expect(file!.gzip, file!.path).toBeLessThanOrEqual(budget);
      }
      // Every other file there is a chunk fetched after the first frame, if at all (the layout
      // manager, the lead submission, a chat's form), no larger than its counterpart in rt/.
      for (const f of built.files.filter((x) => posix.dirname(x.path) === dir && posix.basename(x.path).startsWith('chunk-'))) {
        expect(f.gzip, f.path).toBeLessThanOrEqual(Math.max(LAYOUT_BUDGET, TYPE_BUDGETS.form!, SHARED_BUDGET));
      }
    });

    it(`${dir}: a page with one widget of a lead type fetches loader + one runtime file + config, within its page budget`, async () => {
      for (const type of ['form', 'popup', 'callback', 'quiz']) {
        expect(await staticClosure(`${dir}/${type}.js`), type).toEqual([`${dir}/${type}.js`]);
        const total = await pageBytes(['loader.js', `${dir}/${type}.js`], TYPE_CONFIGS[type]!);
        console.log(`[size] ${dir} ${type} page: ${total} B gzip (loader + ${dir}/${type}.js + config)`);
        expect(total, type).toBeLessThanOrEqual(type === 'form' ? FORM_PAGE_BUDGET : TYPE_PAGE_BUDGET);
      }
    });

    it(`${dir}: on a phone a page with one form widget fetches what a desktop does, within the same budget: the fold is inside ${dir}/form.js`, async () => {
      // A lone form has no layout manager to fetch (no lm, no bar): the fold is all a phone adds,
      // and it is in the file (and the quiz's); other types fetch it as a chunk on a phone.
      for (const type of ['form', 'quiz']) expect((await read(`${dir}/${type}.js`)).toString(), type).toContain(FOLD_MARK);
      for (const type of ['callback', 'messengers', 'chat', 'banner', 'timer']) expect((await read(`${dir}/${type}.js`)).toString(), type).not.toContain(FOLD_MARK);
      const phonePage = await pageBytes(['loader.js', `${dir}/form.js`], FORM_CONFIG);
      console.log(`[size] ${dir} form page on a phone: ${phonePage} B gzip (loader + ${dir}/form.js + config, as on a desktop; budget ${FORM_PAGE_BUDGET})`);
      expect(phonePage).toBeLessThanOrEqual(FORM_PAGE_BUDGET);
      // The chunks that place widgets (they export place): the layout manager, and the fold for the other types.
      const chunks = built.files.filter((f) => posix.dirname(f.path) === dir && posix.basename(f.path).startsWith('chunk-'));
      const placing = [];
      for (const f of chunks) if (/export\s*\{[^}]*\bas place\}/.test((await read(f.path)).toString())) placing.push(f);
      const folds = [];
      for (const f of placing) if ((await read(f.path)).toString().includes(FOLD_MARK)) folds.push(f);
      expect(placing.length - folds.length, `the layout manager in ${dir}`).toBeGreaterThanOrEqual(1);
      for (const f of placing) expect(f.gzip, f.path).toBeLessThanOrEqual(folds.includes(f) ? FOLD_BUDGET : LAYOUT_BUDGET);
    });
  }

  it("rt/debug.js and rt/ab.js import no chunk of the widget types: debug mode and the A/B draw leave the types' chunks as they are", async () => {
    for (const dir of ['rt', 'rt/en']) {
      const ofTypes = new Set((await Promise.all(Object.keys(TYPE_BUDGETS).map((t) => staticClosure(`${dir}/${t}.js`)))).flat());
      for (const entry of ['debug', 'ab']) {
        const closure = await staticClosure(`${dir}/${entry}.js`);
        expect(
          closure.filter((f) => ofTypes.has(f)),
          `${dir}/${entry}.js`,
        ).toEqual([]);
        // The only piece the two may share is the frequency storage both read.
        expect(closure.length, `${dir}/${entry}.js`).toBeLessThanOrEqual(2);
      }
    }
  });

  // The *.en.ts modules replace their namesakes by file name (scripts/build-embed.mjs): a renamed
  // module would silently leave English pages recording the Russian wording.
  it('the English build shows the English consent labels and says lang "en" with leads and chat starts; the Russian build neither', async () => {
    const text = async (path: string) => (await read(path)).toString();
    const leadChunk = async (dir: string) => {
      const found = [];
      for (const f of built.files) if (posix.dirname(f.path) === dir && /\bas submitLead\b/.test(await text(f.path))) found.push(f.path);
      expect(found, `one lead-sending chunk in ${dir}`).toHaveLength(1);
      return found[0]!;
    };
    for (const dir of ['rt/en', 'rt/en/solo']) {
      expect(await text(`${dir}/form.js`)).toContain(CONSENT_LABEL_EN);
      expect(await text(`${dir}/form.js`)).toContain(MARKETING_LABEL_EN);
      expect(await text(`${dir}/chat.js`)).toContain(CONSENT_LABEL_EN);
      expect(await text(await leadChunk(dir))).toContain('lang:"en"');
      // With the label the form shows, word for word: the server records that one (leads/consent-text.ts).
      expect(await text(await leadChunk(dir))).toContain(`consentLabel:"${CONSENT_LABEL_EN}"`);
    }
    expect(await text('rt/en/chat-conversation.js')).toContain('lang:"en"');
    expect(await text('rt/en/chat-conversation.js')).toContain(`consentLabel:"${CONSENT_LABEL_EN}"`);
    for (const f of built.files.filter((f) => !f.path.startsWith('rt/en/'))) {
      const code = await text(f.path);
      expect(code, f.path).not.toContain(CONSENT_LABEL_EN);
      expect(code, f.path).not.toContain('lang:"en"');
      expect(code, f.path).not.toContain('consentLabel');
    }
  });

  it('a page whose widgets use no lead form never downloads form.js', async () => {
    for (const type of ['banner', 'messengers', 'timer']) expect(await staticClosure(`rt/${type}.js`)).not.toContain('rt/form.js');
  });

  it('the embed bundles nothing but its own code, contracts core and preact (no zod, no server values)', () => {
    for (const p of built.inputs.loader) expect(p).toMatch(/^(loader\/src\/|contracts\/core\/)/);
    // esbuild names a module by its real path: a checkout whose node_modules is a symlink has preact at ../../x/node_modules/.
    for (const p of built.inputs.runtime) expect(p).toMatch(/^(widget-runtime\/src\/|contracts\/core\/|(\.\.\/)*([^/]+\/)*node_modules\/preact\/)/);
    // (Every runtime module is in some type's graph; the type entries are the inputs too.)
  });

  it('the loader is a classic script that imports the runtime dynamically', async () => {
    const code = (await read('loader.js')).toString();
    expect([...code.matchAll(STATIC_IMPORT)]).toEqual([]);
    expect(code).toContain('import(');
  });

  it('embed-manifest.json carries the one snippet, with placeholders', async () => {
    const manifest = JSON.parse(await readFile(built.manifest, 'utf8')) as { snippetTemplate: string };
    expect(manifest.snippetTemplate).toBe(installSnippet('{{PUBLIC_URL}}', '{{SITE_KEY}}'));
  });
});
