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
