// The count of new leads beside «Заявки» in the navigation: a lead arrives, a lead's status
// changes, leads are destroyed.
import { get } from '../api.js';
import { t } from '../i18n/i18n.js';
import { LiveNavCount } from '../layout/live-nav-count.js';

const readNew = async () => (await get<{ new: number }>('/leads/counts')).new;

export const NewLeadsCount = () => <LiveNavCount read={readNew} events={['lead.created', 'leads.changed']} label={(n) => t('nav.newCount', { n })} />;
