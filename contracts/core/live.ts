// Events on the platform's live channel (the dashboard's account channel).

/**
 * `lead.created` on private-account-{id}: ids and non-personal facts only. The dashboard reads
 * the lead itself through the authenticated API, so no personal data travels over the socket
 * or sits in a frame buffer (152-FZ: the least data for the purpose).
 */
export interface LiveLeadCreated {
  id: string;
  siteId: string;
  widgetId: string;
  createdAt: number;
}

/**
 * `leads.changed` on private-account-{id}: a lead's status changed, or leads were destroyed.
 * Open dashboards refetch what they show (the count of new leads in the navigation, the list).
 */
export interface LiveLeadsChanged {
  /** The lead whose status changed; absent when leads were destroyed. */
  id?: string;
  status?: string;
}
