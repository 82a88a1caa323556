// The signed-in account, shared with every page (tariff limits decide what the UI offers).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me } from './api-types.js';

export interface Session {
  me: Me;
  /** Re-reads /api/me (after a tariff change, a payment). */
  refresh: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in app');
  return s;
}

/**
 * Working in a team's account rather than one's own: then `me.person` (who signed in) and
 * `me.email` (whose account it is) are two addresses, and the account's letters go to the owner.
 * The owner role is the account itself; invitations give only the other roles.
 */
export function inTeamAccount(me: Me): boolean {
  return me.teamRole !== 'owner';
}
