// A starting text for the licensee's own consent document: they are the operator of their
// visitors' data, we are the processor acting on their instruction (SPEC §8). They fill in
// the blanks and publish it on their site; the widget then links it.
import { t } from '../../i18n/i18n.js';
import { brandName } from '../../ui/brand.js';
import { CopyButton } from '../../ui/bits.js';
import { Dialog } from '../../ui/dialog.js';

export function consentTemplateText(processor: string): string {
  return `Согласие на обработку персональных данных

Я, заполняя форму на сайте [адрес сайта], свободно, своей волей и в своём интересе даю согласие [полное наименование или ФИО оператора, ИНН, ОГРН/ОГРНИП, адрес] (далее — Оператор) на обработку моих персональных данных на следующих условиях.

1. Персональные данные: имя, номер телефона, адрес электронной почты и иные сведения, которые я укажу в форме; технические данные (IP-адрес, сведения о браузере, адрес страницы).
2. Цель обработки: связаться со мной по моей заявке и ответить на неё.
3. Действия с данными: сбор, запись, систематизация, накопление, хранение, уточнение, использование, передача (предоставление, доступ) обработчику, блокирование, удаление, уничтожение — с использованием средств автоматизации и без них.
4. Оператор поручает обработку ${processor} (сервис виджетов и форм сайта) как лицу, обрабатывающему данные по поручению Оператора; данные хранятся в базах данных на территории Российской Федерации.
5. Срок: согласие действует до достижения цели обработки, но не более одного года с момента отправки формы, либо до его отзыва. Отозвать согласие можно, направив письмо на [e-mail Оператора].
6. Я подтверждаю, что ознакомлен(а) с политикой Оператора в отношении обработки персональных данных: [ссылка на политику].`;
}

export function ConsentTemplateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const text = consentTemplateText(`сервису ${brandName()}`);
  return (
    <Dialog open={open} onClose={onClose} title={t('editor.consentTemplateTitle')} wide footer={<CopyButton text={text} label={t('editor.copyTemplate')} />}>
      <p class="hint">{t('editor.consentTemplateAbout')}</p>
      <pre class="template-text" tabIndex={0}>
        {text}
      </pre>
    </Dialog>
  );
}
