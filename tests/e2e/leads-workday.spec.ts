// A manager's day with leads, in a real browser at desktop and phone widths: a lead arrives
// live (the list and the navigation's count change without a reload), a click on its row opens
// it, the phone is a call link with a copy button, the status and a note are set and show up in
// the lead's history with their author, the list is filtered by status, and the CSV export is
// read back by a real CSV parser with the phone importable as it was stored. axe checks each
// new screen (the list, the lead, the "more" menu). Then the team: the owner, without SMTP, is
// told the invitation is in the dev outbox; an invited editor follows the e-mail's link, signs
// up, accepts, works a lead in the owner's account, and loses access when the owner removes them.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, createWidget, sendLead, startKit, visit, widgetHost, type Kit } from './embed-kit.js';
import { parseCsv } from './support/csv.js';
import { latestCode } from './support/api-session.js';
import { closeNavigation, openNavigation, screenshot, seriousViolations, signUp } from './support/dashboard.js';

const OWNER = 'manager@shop.example';
let kit: Kit;
let formId: string;

beforeAll(async () => {
  kit = await startKit(OWNER);
  await kit.browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: kit.platform.url });
  formId = await createWidget(kit, { ...bodyOf(kit, 'form'), name: 'Заявка на звонок', rules: { url: { include: [{ match: 'contains', value: 'w=workday' }] } } });
}, 90_000);

afterAll(async () => {
  await kit?.stop();
});

/** A visitor on the shop's page sends the form, typing the phone as people do. */
async function visitorSends(name: string, phone: string) {
  const { page, errors } = await visit(kit, `${kit.host.page('/workday', 'shop.html', kit.site.snippet)}?w=workday`);
  const h = widgetHost(page, formId);
  await sendLead(h, { name, phone });
  expect(errors).toEqual([]);
  await page.close();
}

const axeClean = async (page: Page, what: string) => expect(await seriousViolations(page), what).toEqual([]);

describe.each([
  { width: 1280, height: 900, who: 'Сергей Десктоп', typed: '8 (916) 555-00-11', e164: '+79165550011', shown: '+7 916 555-00-11' },
  { width: 375, height: 800, who: 'Ольга Телефон', typed: '916 555 00 22', e164: '+79165550022', shown: '+7 916 555-00-22' },
])('a manager’s day at $width px', ({ width, height, who, typed, e164, shown }) => {
  it('a lead arrives live, is called, worked, noted, filtered and exported', { timeout: 120_000 }, async () => {
    const page = await kit.browser.newPage();
    await page.setViewportSize({ width, height });
    await signUp(page, kit.platform.url, OWNER);
    await page.goto(`${kit.platform.url}/app/leads`);
    await page.getByRole('heading', { name: 'Заявки', level: 1 }).waitFor();
    // The filter bar: what the search looks in is read whole at both widths — said in a hint
    // tied to the box, which wraps, and not in a placeholder the box cut short on a phone.
    const search = page.getByLabel('Поиск', { exact: true });
    const said = await search.evaluate((input: HTMLInputElement) => {
      const hint = document.getElementById(input.getAttribute('aria-describedby')!)!;
      const r = hint.getBoundingClientRect();
      return { placeholder: input.placeholder, hint: hint.textContent, whole: hint.scrollWidth <= hint.clientWidth && r.left >= 0 && r.right <= innerWidth };
    });
    expect(said).toEqual({ placeholder: '', hint: 'Ищет в имени, телефоне, e-mail, тексте заявки и адресе страницы', whole: true });
    await screenshot(page, `leads-filters-${width}`);
    if (width === 1280) {
      // The two dates share a line ("По дату" alone on one read as a filter of its own).
      const top = async (label: string) => (await page.getByLabel(label, { exact: true }).boundingBox())?.y;
      const [from, to, status] = [await top('С даты'), await top('По дату'), await top('Статус')];
      expect(from).toBeDefined();
      expect(to).toBe(from);
      expect(from).toBe(status);
    }
    await page.locator('html[data-live]').waitFor({ timeout: 15_000 });
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // 1. The lead arrives while the list is open: the row and the navigation's count, no reload.
    await visitorSends(who, typed);
    const row = page.locator('tbody tr', { hasText: who });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain(shown);
    expect(await row.textContent()).toContain('Новая');
    const count = (await openNavigation(page)).getByRole('link', { name: /^Заявки\s*, новых: 1$/ });
    await count.waitFor({ timeout: 10_000 });
    await closeNavigation(page);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await axeClean(page, 'leads list');

    // 2. The row opens the lead (a click on its date, not on a button).
    await row.locator('td').nth(1).click();
    const lead = page.getByRole('dialog');
    await lead.getByRole('heading', { name: /Заявка от/ }).waitFor();
    // The phone: a tel: link in E.164, shown in the Russian format, what was typed kept beside it.
    const call = lead.getByRole('link', { name: `Позвонить: ${shown}` });
    expect(await call.getAttribute('href')).toBe(`tel:${e164}`);
    expect(await lead.textContent()).toContain(`посетитель ввёл: ${typed}`);
    await lead.getByRole('button', { name: `Скопировать номер ${shown}` }).click();
    await page.getByText('Скопировано').first().waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(e164);
    // Destroying is not the dialog's primary action: a small outlined button at the side.
    expect(await lead.locator('.btn-danger').count()).toBe(0);
    await axeClean(page, 'lead view');

    // 3. Status and note: saved at once, named in the history with the author.
    await lead.getByRole('radio', { name: 'В работе' }).check();
    await lead.getByText(`${OWNER}: статус «Новая» → «В работе»`).waitFor();
    await lead.getByLabel('Заметка').fill('Перезвонить в 18:00, интересует доставка');
    await lead.getByRole('button', { name: 'Сохранить заметку' }).click();
    await lead.getByText(`${OWNER}: заметка «Перезвонить в 18:00, интересует доставка»`).waitFor();
    await lead.getByRole('button', { name: 'Закрыть' }).first().click();
    await lead.waitFor({ state: 'detached' });
    await row.getByText('В работе').waitFor();
    // The count of new leads follows the status, live: none left.
    await (await openNavigation(page)).getByRole('link', { name: 'Заявки', exact: true }).waitFor({ timeout: 10_000 });
    await closeNavigation(page);

    // 4. Filter by status.
    await page.getByLabel('Статус').selectOption({ label: 'Новая' });
    await page.getByRole('heading', { name: 'Ничего не найдено' }).waitFor();
    await page.getByLabel('Статус').selectOption({ label: 'В работе' });
    await row.waitFor();
    expect(page.url()).toContain('status=in_progress');

    // 5. Keyboard: the rows are a list to walk with the arrows; Enter opens.
    await page.getByLabel('Статус').selectOption({ label: 'Все статусы' });
    await page.locator('tbody tr').nth(0).locator('[data-open-lead]').focus();
    const rows = await page.locator('tbody tr').count();
    if (rows > 1) {
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.closest('tr') === document.querySelectorAll('tbody tr')[1])).toBe(true);
      await page.keyboard.press('ArrowUp');
    }
    await page.keyboard.press('Enter');
    await page
      .getByRole('dialog')
      .getByRole('heading', { name: /Заявка от/ })
      .waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // 6. The destructive actions are one step away, in the "more" menu, and ask first.
    await page.locator('summary', { hasText: 'Другие действия' }).click();
    await page.getByRole('button', { name: 'Удалить все заявки…' }).waitFor();
    await axeClean(page, 'more menu open');
    await page.keyboard.press('Escape');

    // 7. CSV, read back by csv-parse: the phone comes out as stored, importable, not as a formula.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать CSV' }).click()]);
    const [header, ...records] = parseCsv(readFileSync((await download.path())!, 'utf8'));
    const mine = records.find((r) => r[header!.indexOf('Имя')] === who)!;
    expect(mine[header!.indexOf('Телефон')]).toBe(e164);
    expect(mine[header!.indexOf('Статус')]).toBe('в работе');
    expect(mine[header!.indexOf('Заметка')]).toBe('Перезвонить в 18:00, интересует доставка');
    await page.close();
  });
});

/** The link in the newest invitation e-mail to `email`, from the dev outbox. */
async function invitationLink(email: string): Promise<string> {
  const { mails } = (await (await fetch(`${kit.platform.url}/dev/outbox.json`)).json()) as { mails: { to: string; subject: string; text: string }[] };
  const link = mails.find((m) => m.to === email && m.subject.includes('приглашение'))?.text.match(/https?:\/\/\S+\/app\/team\/invitations\/\S+/)?.[0];
  if (!link) throw new Error(`no invitation in the outbox for ${email}`);
  return link;
}

describe('the team', () => {
  it('the owner invites an editor; the editor opens the e-mail’s link, signs up, accepts, works in the account; the owner withdraws access (axe at 1280 and 375 px)', {
    timeout: 150_000,
  }, async () => {
    const EDITOR = 'editor@shop.example';
    await visitorSends('Татьяна Команда', '+7 916 555-00-33');
    const page = await kit.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signUp(page, kit.platform.url, OWNER);
    await page.goto(`${kit.platform.url}/app/team`);
    await page.getByRole('heading', { name: 'Команда', level: 1 }).waitFor();
    await page.getByLabel('E-mail').fill(EDITOR);
    await page.getByLabel('Роль').selectOption({ label: 'Редактор — виджеты, заявки, чаты' });
    await page.getByRole('button', { name: 'Отправить приглашение' }).click();
    const member = page.getByRole('row', { name: new RegExp(EDITOR) });
    await member.getByText('Ждёт ответа').waitFor();
    // No SMTP here: the owner is told the letter is in the dev outbox (with the link), not that it was sent.
    expect(await page.locator('.toasts').textContent()).toContain(`Приглашение для ${EDITOR} создано, но письмо не ушло`);
    await page.getByText(`письмо с приглашением для ${EDITOR} никуда не ушло`, { exact: false }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Приглашение отправлено');
    const [outbox] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Открыть исходящие письма' }).click()]);
    await outbox.getByRole('heading', { level: 1, name: 'Исходящие письма' }).waitFor();
    expect(await outbox.locator('body').textContent()).toContain(`приглашение в команду ${OWNER}`);
    await outbox.close();
    await axeClean(page, 'team page with an invitation awaiting a reply');
    // On a phone the row's withdraw button fits the card: its name carries the address for a
    // screen reader, its text is one word (an address in it ran past the card's edge).
    await page.setViewportSize({ width: 375, height: 800 });
    const withdraw = member.getByRole('button', { name: `Отозвать приглашение для ${EDITOR}` });
    const fits = await withdraw.evaluate((b) => b.scrollWidth <= b.clientWidth && b.getBoundingClientRect().right <= document.documentElement.clientWidth);
    expect(fits).toBe(true);
    expect(await withdraw.textContent()).toBe('Отозвать');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The editor, in a browser of their own, opens the link from the e-mail: the sign-in form on
    // that address, then the invitation itself.
    const link = await invitationLink(EDITOR);
    const editorBrowser = await kit.browser.browser()?.newContext();
    const editorPage = editorBrowser ? await editorBrowser.newPage() : await kit.browser.newPage();
    if (!editorBrowser) await kit.browser.clearCookies();
    await editorPage.setViewportSize({ width: 375, height: 800 });
    await editorPage.goto(link);
    await editorPage.getByLabel('E-mail').fill(EDITOR);
    await editorPage.getByRole('checkbox').check();
    await editorPage.getByRole('button', { name: 'Получить код' }).click();
    // The field appears once the server has answered, i.e. once the letter is in the outbox.
    await editorPage.getByLabel('Код из письма').waitFor();
    await editorPage.getByLabel('Код из письма').fill(await latestCode(kit.platform.url, EDITOR));
    await editorPage.getByRole('button', { name: 'Войти' }).click();
    await editorPage.getByRole('heading', { name: 'Приглашение в команду', level: 1 }).waitFor();
    await editorPage.getByText(`${OWNER} приглашает вас в свой аккаунт, ваша роль: Редактор.`).waitFor();
    expect(editorPage.url()).toBe(link);
    await axeClean(editorPage, 'invitation at 375 px');
    await editorPage.setViewportSize({ width: 1280, height: 900 });
    await axeClean(editorPage, 'invitation at 1280 px');

    // Accepting takes the editor into the owner's account: the owner's leads, a status to set.
    await editorPage.getByRole('button', { name: 'Принять приглашение' }).click();
    await editorPage.getByRole('heading', { name: 'Кабинет', exact: true }).waitFor();
    // The overview names the person signed in and the account they work in, not the owner as if it were them;
    // the account settings show the editor's own address and no button to delete the owner's account.
    await editorPage.getByText(`Вы вошли как ${EDITOR} · аккаунт ${OWNER}`, { exact: false }).waitFor();
    await editorPage.goto(`${kit.platform.url}/app/account`);
    await editorPage.getByText(`Вы работаете в аккаунте ${OWNER}: удалить его может только владелец.`, { exact: false }).waitFor();
    // Titled as the member's own sign-in address: the account's letters go to the owner's, not to it.
    expect(await editorPage.getByRole('region', { name: 'Ваш e-mail для входа' }).textContent()).toContain(EDITOR);
    expect(await editorPage.getByRole('button', { name: 'Удалить аккаунт' }).count()).toBe(0);
    await editorPage.goto(`${kit.platform.url}/app/leads`);
    const row = editorPage.locator('tbody tr', { hasText: 'Татьяна Команда' });
    await row.locator('td').nth(1).click();
    const lead = editorPage.getByRole('dialog');
    await lead.getByRole('radio', { name: 'В работе' }).check();
    await lead.getByText(`${EDITOR}: статус «Новая» → «В работе»`).waitFor();
    await lead.getByRole('button', { name: 'Закрыть' }).first().click();
    await editorPage.goto(`${kit.platform.url}/app/team`);
    await editorPage.getByText(`Вы работаете в аккаунте ${OWNER}, ваша роль: Редактор.`).waitFor();
    await axeClean(editorPage, 'team page as a member');
    // Back to their own account and into the team again, from the team page.
    await editorPage.getByRole('button', { name: 'Вернуться в свой аккаунт' }).click();
    await editorPage.getByRole('heading', { name: 'Кабинет', exact: true }).waitFor();
    await editorPage.goto(`${kit.platform.url}/app/team`);
    await editorPage.getByRole('button', { name: `Перейти в аккаунт ${OWNER}` }).click();
    await editorPage.getByRole('heading', { name: 'Кабинет', exact: true }).waitFor();
    await editorPage.goto(`${kit.platform.url}/app/team`);
    await editorPage.getByText(`Вы работаете в аккаунте ${OWNER}, ваша роль: Редактор.`).waitFor();

    // The owner sees the invitation accepted, and withdraws the access: the editor's next page is their own account.
    await page.reload();
    await member.getByText(/В команде с/).waitFor();
    await member.getByRole('button', { name: `Убрать ${EDITOR}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Убрать' }).click();
    await member.waitFor({ state: 'detached' });
    await editorPage.goto(`${kit.platform.url}/app/team`);
    await editorPage.getByRole('heading', { name: 'Команда', level: 1 }).waitFor();
    expect(await editorPage.getByText(`Вы работаете в аккаунте ${OWNER}`).count()).toBe(0);
    // The e-mail's link now says the invitation is gone.
    await editorPage.goto(link);
    await editorPage.getByText('Приглашение отозвано или уже отклонено.', { exact: false }).waitFor();
    await page.close();
    await editorPage.close();
    await editorBrowser?.close();
  });
});
