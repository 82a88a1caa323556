// The example values the dashboard's templates start with (links to example.ru, a placeholder
// phone per language, a made-up shop handle), and the check that keeps them from going live: the templates
// take their examples from here and the server refuses to activate a widget that still holds
// one, so the two can never drift apart.

/** Example values, one place. The templates fill fields with these; none may go live. */
export const TEMPLATE_EXAMPLES = {
  siteRu: 'https://example.ru',
  siteEn: 'https://example.com',
  phoneRu: '+7 900 000-00-00',
  /** A London number from the range Ofcom keeps for drama (020 7946 0000-0999): nobody's line. */
  phoneEn: '+44 20 7946 0000',
  telegram: '@example_shop',
  vk: 'vk.com/example_shop',
} as const;

/**
 * The templates' own example hosts, exactly (with or without www.): a real shop may well live on
 * a subdomain such as shop.example.ru in documentation and tests, which is not a template's.
 */
const EXAMPLE_HOSTS = /^(www\.)?example\.(ru|com)$/;
const EXAMPLE_HANDLE = TEMPLATE_EXAMPLES.telegram.slice(1).toLowerCase();
/** Each example phone's digits after its country code: written nationally (8 900…, 020 7946…) it is still the example. */
const EXAMPLE_PHONE_TAILS = [TEMPLATE_EXAMPLES.phoneRu.replace(/\D/g, '').slice(1), TEMPLATE_EXAMPLES.phoneEn.replace(/\D/g, '').slice(2)];

/** Whether one value is (or links to) a template example. */
export function isTemplateExample(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (!v) return false;
  if (v.includes(EXAMPLE_HANDLE)) return true;
  // A phone written any way (+7 900 000-00-00, 79000000000, wa.me/79000000000, tel:+7900…, 020 7946 0000).
  const digits = v.replace(/\D/g, '');
  if (digits.length >= 10 && /^(tel:|https?:\/\/wa\.me\/)?[\d\s()+-]+$/.test(v) && EXAMPLE_PHONE_TAILS.some((tail) => digits.endsWith(tail))) return true;
  const host = /^(?:https?:\/\/)?([^/?#:\s]+)/.exec(v)?.[1] ?? '';
  return /^https?:\/\//.test(v) || v.startsWith('www.') ? EXAMPLE_HOSTS.test(host) : false;
}

/**
 * The paths (`content.buttonUrl`, `content.channels.0.value`) of every text in a widget's content
 * that still holds a template example, in document order; empty when the widget is the owner's own.
 */
export function templateExampleFields(content: unknown, path = 'content'): string[] {
  if (typeof content === 'string') return isTemplateExample(content) ? [path] : [];
  if (Array.isArray(content)) return content.flatMap((item, i) => templateExampleFields(item, `${path}.${i}`));
  if (content && typeof content === 'object') {
    return Object.entries(content).flatMap(([key, item]) => (key === 'placeholder' ? [] : templateExampleFields(item, `${path}.${key}`)));
  }
  return [];
}
