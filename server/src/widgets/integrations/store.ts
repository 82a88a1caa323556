// Integration rows with their sealed settings: ids, sealing, opening, and the views the
// dashboard gets (labels and the cross-border flag, never secrets).
import { and, eq, ne } from 'drizzle-orm';
import { isWebhookKind, type IntegrationView } from '#contracts/schemas/integrations.js';
import type { Db, Tables } from '../../platform/db/store.js';
import type { Account } from '../../deps.js';
import { notFound } from '../../platform/lib/errors.js';
import type { Sealer } from '../../platform/lib/sealing.js';
import { randomId } from '../../platform/lib/ids.js';
import { integrationAllowed } from '../../platform/tariffs/policy.js';
import { isCrossBorder } from '#contracts/core/cross-border.js';
import { destinationHosts, destinationLabel, type DestinationConfig } from './destination-config.js';

export type IntegrationRow = Tables['integrations']['$inferSelect'];

export const newIntegrationId = () => `intg_${randomId()}`;
export const newDeliveryId = () => `msg_${randomId(20)}`;

export const sealConfig = (sealer: Sealer, rowId: string, config: DestinationConfig) => sealer.seal(rowId, config);

export function openConfig<C extends DestinationConfig = DestinationConfig>(sealer: Sealer, row: Pick<IntegrationRow, 'id' | 'config'>): C | null {
  return row.config ? sealer.unseal<C>(row.id, row.config) : null;
}

/**
 * The settings a destination is sent with and shown by. The sign-in address's come from the
 * account (`email` of the account the site belongs to), so they follow it.
 */
export function destinationSettings(sealer: Sealer, row: Pick<IntegrationRow, 'id' | 'config' | 'signInAddress' | 'status'>, accountEmail: string): DestinationConfig | null {
  if (row.signInAddress) return row.status === 'disconnected' ? null : { emails: [accountEmail] };
  return openConfig(sealer, row);
}

/** The account's integration, not disconnected; another account's id is "not found". */
export async function ownIntegration(db: Db, accountId: string, id: string): Promise<IntegrationRow> {
  const { integrations } = db.tables;
  const [row] = await db
    .select()
    .from(integrations)
    .where(and(eq(integrations.id, id), eq(integrations.accountId, accountId), ne(integrations.status, 'disconnected')));
  if (!row) throw notFound('Integration');
  return row;
}

export function integrationView(sealer: Sealer, account: Account, row: IntegrationRow): IntegrationView {
  const config = destinationSettings(sealer, row, account.email);
  return {
    id: row.id,
    siteId: row.siteId,
    widgetId: row.widgetId,
    kind: row.kind,
    status: row.status === 'disconnected' ? 'disabled' : row.status,
    statusReason: row.statusReason,
    label: destinationLabel(row.kind, config),
    crossBorder: isCrossBorder(row.kind, destinationHosts(row.kind, config)),
    allowedByTariff: integrationAllowed(account, row.kind),
    preset: isWebhookKind(row.kind) && row.kind !== 'webhook',
    signInAddress: row.signInAddress,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
