// Overview: where the licensee stands (a checklist until the first lead), the numbers that
// matter this period, and the latest leads.
import { useLiveEvent } from '../live/live-client.js';
import { get } from '../api.js';
import type { IntegrationList, LeadPage, NotificationList, Site, Stats, Usage, Widget } from '../api-types.js';
import { formatDateTime, formatNumber, formatPercent, t, type Key } from '../i18n/i18n.js';
import { leadSummary } from '../leads/lead-summary.js';
import { Link } from '../router/link.js';
import { inTeamAccount, useSession } from '../session.js';
import { Icon } from '../ui/icons.js';
import { Loaded } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { useApi } from '../ui/use-api.js';
import { NotificationText } from '../notifications/notification-text.js';
import './home.css';
import { tariffName } from '../tariff/tariff-names.js';

interface Overview {
  warnings: NotificationList['notifications'];
  sites: Site[];
  widgets: Widget[];
  usage: Usage;
  leads: LeadPage;
  stats: Stats;
  /** Some site's leads have a working destination (a new site's: the sign-in address). */
  delivering: boolean;
}

export default function HomePage() {
  const { me } = useSession();
  const overview = useApi<Overview>(async (signal) => {
    const [sites, widgets, usage, leads, stats, unread, destinations] = await Promise.all([
      get<{ sites: Site[] }>('/sites', undefined, { signal }),
      get<{ widgets: Widget[] }>('/widgets', undefined, { signal }),
      get<Usage>('/usage', undefined, { signal }),
      get<LeadPage>('/leads', { pageSize: 5 }, { signal }),
      get<Stats>('/stats', undefined, { signal }),
      get<NotificationList>('/notifications', { unread: 1, limit: 5 }, { signal }),
      get<IntegrationList>('/integrations', undefined, { signal }),
    ]);
    const delivering = destinations.integrations.some((i) => i.status === 'active' && i.allowedByTariff);
    // Unread limit warnings and operator notices come first: they may explain a quiet site.
    return { sites: sites.sites, widgets: widgets.widgets, usage, leads, stats, warnings: unread.notifications, delivering };
  }, []);
  // The overview's lead counters and latest leads follow new leads live.
  useLiveEvent('lead.created', () => void overview.reload());

  return (
    <Page title={t('home.title')} lead={signedInLine(me)}>
      <Loaded state={overview}>{(data) => <Overview data={data} />}</Loaded>
    </Page>
  );
}

/** Who is signed in: in a team's account the person and the account are two addresses, both said. */
function signedInLine(me: ReturnType<typeof useSession>['me']): string {
  const tariff = tariffName(me.tariff.id, me.tariff.name);
  return inTeamAccount(me) ? t('home.leadTeam', { person: me.person, owner: me.email, tariff }) : t('home.lead', { email: me.email, tariff });
}

function Overview({ data }: { data: Overview }) {
  const { sites, widgets, usage, leads, stats, warnings, delivering } = data;
  const steps: { done: boolean; label: Key; href: string }[] = [
    { done: sites.length > 0, label: 'home.stepSite', href: '/sites' },
    { done: delivering, label: 'home.stepDelivery', href: sites[0] ? `/sites/${sites[0].id}/integrations` : '/integrations' },
    { done: widgets.length > 0, label: 'home.stepWidget', href: '/widgets/new' },
    { done: sites.some((s) => s.lastSeenAt !== null), label: 'home.stepInstall', href: sites[0] ? `/sites/${sites[0].id}` : '/sites' },
    { done: widgets.some((w) => w.active), label: 'home.stepActivate', href: '/widgets' },
    { done: leads.total > 0, label: 'home.stepLead', href: '/leads' },
  ];
  const next = steps.find((s) => !s.done);
  return (
    <>
      {warnings.map((n) => (
        <div key={n.id} class={`notice ${n.kind === 'impressions_100' ? 'notice-danger' : n.kind === 'notice' ? 'notice-info' : 'notice-warn'}`}>
          <Icon name={n.kind === 'notice' ? 'info' : 'alert'} />
          <div>
            <NotificationText n={n} />
          </div>
        </div>
      ))}
      {next && (
        <section class="card onboarding" aria-labelledby="onb-title">
          <h2 id="onb-title">{t('home.startTitle')}</h2>
          <ol class="steps">
            {steps.map((s, i) => (
              <li key={s.label} class={s.done ? 'step step-done' : s === next ? 'step step-next' : 'step'}>
                <span class="step-mark" aria-hidden="true">
                  {s.done ? <Icon name="check" size={14} /> : i + 1}
                </span>
                {s === next ? <Link href={s.href}>{t(s.label)}</Link> : <span>{t(s.label)}</span>}
                <span class="sr-only">{s.done ? t('home.stepDone') : ''}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
      <section class="metrics" aria-label={t('home.metrics')}>
        <Metric label={t('home.leads30')} value={formatNumber(stats.totals.leads)} href="/leads" />
        <Metric label={t('home.impressions30')} value={formatNumber(stats.totals.impressions)} href="/stats" />
        <Metric label={t('home.conversion30')} value={formatPercent(stats.totals.conversion)} href="/stats" />
        <Metric label={t('home.activeWidgets')} value={`${formatNumber(usage.widgets.active)}${usage.widgets.limit === null ? '' : ` / ${formatNumber(usage.widgets.limit)}`}`} href="/tariff" />
      </section>
      <section class="card" aria-labelledby="recent-title">
        <div class="card-head">
          <h2 id="recent-title">{t('home.recentLeads')}</h2>
          <Link href="/leads" class="btn btn-small">
            {t('home.allLeads')}
          </Link>
        </div>
        {leads.leads.length === 0 ? (
          <p class="muted">{t('home.noLeads')}</p>
        ) : (
          <ul class="recent">
            {leads.leads.map((l) => (
              <li key={l.id}>
                <Link href={`/leads/${l.id}`}>{leadSummary(l) || t('leads.empty')}</Link>
                <span class="muted">{formatDateTime(l.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Metric({ label, value, href }: { label: string; value: string; href: string }) {
  return (
    <Link href={href} class="metric">
      <span class="metric-label">{label}</span>
      <span class="metric-value">{value}</span>
    </Link>
  );
}
