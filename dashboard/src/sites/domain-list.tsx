// The site's domains as a list of inputs: add, edit, remove. The server normalises what is
// typed ("https://www.Shop.ru/page" → "www.shop.ru") and reports what it cannot read.
import { useId } from 'preact/hooks';
import { t } from '../i18n/i18n.js';
import { Icon } from '../ui/icons.js';
import './sites.css';

export const MAX_DOMAINS = 20;

export function DomainList({ domains, onChange, error }: { domains: string[]; onChange: (d: string[]) => void; error?: string | undefined }) {
  const id = useId();
  const set = (i: number, v: string) => onChange(domains.map((d, j) => (j === i ? v : d)));
  return (
    <fieldset class="field domain-list" aria-describedby={`${id}-h${error ? ` ${id}-e` : ''}`}>
      <legend>{t('sites.domains')}</legend>
      {domains.map((d, i) => (
        <div class="row" key={i}>
          <input
            class="input"
            value={d}
            placeholder="shop.example.ru"
            aria-label={t('sites.domainN', { n: i + 1 })}
            autoComplete="off"
            spellcheck={false}
            onInput={(e) => set(i, e.currentTarget.value)}
          />
          {domains.length > 1 && (
            <button type="button" class="btn-icon" aria-label={t('sites.removeDomain', { domain: d || i + 1 })} onClick={() => onChange(domains.filter((_, j) => j !== i))}>
              <Icon name="trash" />
            </button>
          )}
        </div>
      ))}
      {domains.length < MAX_DOMAINS && (
        <button type="button" class="btn btn-small" onClick={() => onChange([...domains, ''])}>
          <Icon name="plus" /> {t('sites.addDomain')}
        </button>
      )}
      <p class="hint" id={`${id}-h`}>
        {t('sites.domainsHint')}
      </p>
      {error && (
        <p class="field-error" id={`${id}-e`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
