// /billing/invoices: companies pay by invoice. The requisites are checked in the browser with
// the server's own schema (INN and OGRN checksums), so a typo shows up before the invoice exists.
import { useState } from 'preact/hooks';
import { requisitesSchema } from '#contracts/schemas/requisites.js';
import { api, get } from '../api.js';
import type { Billing, InvoiceList } from '../api-types.js';
import { formatDate, t, type Key } from '../i18n/i18n.js';
import { useLocation } from '../router/router.js';
import { Pill, FormError } from '../ui/bits.js';
import { DataTable } from '../ui/data-table.js';
import { errorText } from '../ui/errors.js';
import { SelectField, TextField } from '../ui/fields.js';
import { Loaded, shownData } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { Card, Section } from '../ui/section.js';
import { toast } from '../ui/toast.js';
import { useAction } from '../ui/use-action.js';
import { useApi } from '../ui/use-api.js';
import { formatKopecks, paymentStatusText, paymentTone } from './billing-text.js';
import { tariffName } from '../tariff/tariff-names.js';
import { SendActions } from '../ui/save-actions.js';

type FieldName = 'name' | 'inn' | 'kpp' | 'ogrn' | 'address';
const FIELD_ERRORS: Record<FieldName, Key> = { name: 'inv.err.name', inn: 'inv.err.inn', kpp: 'inv.err.kpp', ogrn: 'inv.err.ogrn', address: 'inv.err.address' };
const EMPTY: Record<FieldName, string> = { name: '', inn: '', kpp: '', ogrn: '', address: '' };

/** Field errors in the person's language (the schema's own messages are Russian only). */
function validate(form: Record<FieldName, string>) {
  const input = { ...form, kpp: form.kpp.trim() || undefined };
  const parsed = requisitesSchema.safeParse(input);
  if (parsed.success) return { value: parsed.data, errors: {} as Partial<Record<FieldName, string>> };
  const errors: Partial<Record<FieldName, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as FieldName;
    if (field in FIELD_ERRORS && !errors[field]) errors[field] = t(FIELD_ERRORS[field]);
  }
  return { value: null, errors };
}

export default function InvoicesPage() {
  const loc = useLocation();
  const invoices = useApi(async (signal) => {
    const [billing, list] = await Promise.all([get<Billing>('/billing', undefined, { signal }), get<InvoiceList>('/billing/invoices', undefined, { signal })]);
    return { billing, list };
  }, []);
  const [form, setForm] = useState(EMPTY);
  const [tariffId, setTariffId] = useState(loc.query.get('tariff') ?? 'start');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const { busy, error: submitError, run, setError: setSubmitError } = useAction();
  const set = (k: FieldName) => (v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    if (errors[k]) setErrors((e) => ({ ...e, [k]: undefined }));
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const { value, errors: found } = validate(form);
    setErrors(found);
    setSubmitError(null);
    if (!value) {
      // Focus the first wrong field, as a person would look for it.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus());
      return;
    }
    await run(async () => {
      const created = await api<{ number: number }>('POST', '/billing/invoices', { tariffId, requisites: value });
      toast(t('inv.created', { n: created.number }));
      await invoices.reload();
    });
  };

  const ready = shownData(invoices) !== undefined;
  return (
    <Page title={t('inv.title')} lead={ready ? t('inv.lead') : undefined} back={{ href: '/billing', label: t('bill.title') }}>
      <Loaded state={invoices}>
        {({ billing, list }) => (
          <>
            <Card id="req-title" title={t('inv.requisites')}>
              <form onSubmit={submit} noValidate class="stack">
                <SelectField
                  label={t('bill.choose')}
                  value={tariffId}
                  onValue={setTariffId}
                  options={billing.prices.map((p) => ({ value: p.tariffId, label: `${tariffName(p.tariffId)} — ${formatKopecks(Math.round((p.priceKopecks * (100 - p.discountPercent)) / 100))}` }))}
                />
                <TextField label={t('inv.name')} value={form.name} onValue={set('name')} error={errors.name} maxLength={300} autoComplete="organization" />
                <div class="grid-2">
                  <TextField label={t('inv.inn')} hint={t('inv.innHint')} value={form.inn} onValue={set('inn')} error={errors.inn} inputMode="numeric" maxLength={12} />
                  <TextField label={t('inv.kpp')} hint={t('inv.kppHint')} value={form.kpp} onValue={set('kpp')} error={errors.kpp} maxLength={9} />
                </div>
                <TextField label={t('inv.ogrn')} value={form.ogrn} onValue={set('ogrn')} error={errors.ogrn} inputMode="numeric" maxLength={15} />
                <TextField label={t('inv.address')} value={form.address} onValue={set('address')} error={errors.address} maxLength={500} autoComplete="street-address" />
                <FormError message={submitError !== null && errorText(submitError)} />
                <SendActions label={t('inv.create')} busy={busy} />
              </form>
            </Card>

            <Section id="inv-list-title" title={t('inv.list')} empty={list.invoices.length === 0 && t('inv.none')}>
              <DataTable
                rows={list.invoices}
                label={t('inv.list')}
                stack={false}
                columns={[
                  {
                    label: t('inv.col.number'),
                    cell: (inv) => (
                      <>
                        {/* Server-rendered documents: plain links, opened in a new tab to print. */}
                        <a href={`/api/billing/invoices/${inv.id}`} target="_blank" rel="noopener">
                          {t('inv.open', { n: inv.number })}
                        </a>{' '}
                        (
                        <a href={`/api/billing/invoices/${inv.id}.pdf`} target="_blank" rel="noopener" aria-label={`${t('inv.open', { n: inv.number })}, PDF`}>
                          {t('inv.pdf')}
                        </a>
                        )
                        <span class="sub">
                          {formatDate(inv.createdAt)}, {tariffName(inv.tariffId)}
                        </span>
                      </>
                    ),
                  },
                  { label: t('inv.col.buyer'), cell: (inv) => inv.requisitesName },
                  { label: t('bill.col.amount'), class: 'num', cell: (inv) => formatKopecks(inv.totalKopecks) },
                  { label: t('bill.col.status'), cell: (inv) => <Pill tone={paymentTone(inv.status)}>{paymentStatusText(inv.status)}</Pill> },
                  {
                    label: t('inv.act'),
                    cell: (inv) =>
                      inv.actAvailable ? (
                        <a href={`/api/billing/invoices/${inv.id}/act`} target="_blank" rel="noopener">
                          {t('inv.act')} № {inv.number}
                        </a>
                      ) : (
                        <span class="muted small">{t('inv.actLater')}</span>
                      ),
                  },
                ]}
              />
            </Section>
          </>
        )}
      </Loaded>
    </Page>
  );
}
